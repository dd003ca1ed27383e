/** Kinds of mail-room failure, independent of HTTP. */
export type MailroomErrorKind = 'invalid' | 'conflict' | 'internal';

export class MailroomError extends Error {
  constructor(
    readonly kind: MailroomErrorKind,
    readonly code: string,
    readonly field: string | null = null,
    /** Extra text for the API message, in Dutch, without personal data. */
    readonly detail: string | null = null,
  ) {
    super(detail ? `${code}: ${detail}` : code);
  }
}
