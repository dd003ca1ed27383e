/** Identity documents the office hands out at the counter. */
export const documentTypes = ['eid', 'kids-id', 'passport', 'driving-licence', 'residence-permit'] as const;

export type DocumentType = (typeof documentTypes)[number];

export function isDocumentType(value: unknown): value is DocumentType {
  return typeof value === 'string' && (documentTypes as readonly string[]).includes(value);
}
