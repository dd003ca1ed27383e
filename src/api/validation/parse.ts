import type { z } from 'zod';
import { ApiError } from '../errors';
import type { LocalizedText } from '../i18n/errorLanguage';

const expectedJsonObject: LocalizedText = {
  nl: 'Verwacht een JSON-object.',
  fr: 'Un objet JSON est attendu.',
  en: 'Expected a JSON object.',
};

/** Error codes for fields whose generic "invalid" deserves a specific code and message. */
const fieldCodes: Record<string, string> = {
  documentType: 'invalid_document_type',
  preferredChannel: 'invalid_preferred_channel',
  'citizen.language': 'invalid_language',
  'citizen.birthDate': 'invalid_birth_date',
  'contact.email': 'invalid_email',
  email: 'invalid_email',
  mobile: 'invalid_mobile_number',
  'address.postalCode': 'invalid_postal_code',
  status: 'invalid_status',
  page: 'invalid_page',
  pageSize: 'invalid_page_size',
  'contact.address.postalCode': 'invalid_postal_code',
  reference: 'invalid_reference',
};

const ownCodes = new Set(Object.values(fieldCodes).concat(['invalid_national_number', 'invalid_mobile_number', 'not_a_mobile_number', 'unknown_office', 'missing_mobile_for_sms', 'missing_email_for_email', 'empty_contact_change']));

/** Parses a request body, or throws a 400 naming the first wrong field. */
export function parseBody<Schema extends z.ZodType>(schema: Schema, body: unknown): z.infer<Schema> {
  if (body === undefined || body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new ApiError(400, 'invalid_json', null, expectedJsonObject);
  }
  const result = schema.safeParse(body, { reportInput: true });
  if (result.success) {
    return result.data;
  }

  const issue = result.error.issues[0];
  if (!issue) {
    throw new ApiError(400, 'invalid_field');
  }
  const path = issue.path.map(String);
  if (issue.code === 'unrecognized_keys') {
    throw new ApiError(400, 'unknown_field', [...path, issue.keys[0] ?? ''].join('.'));
  }

  const field = path.join('.');
  if (ownCodes.has(issue.message)) {
    throw new ApiError(400, issue.message, field);
  }
  if (issue.code === 'invalid_type' && issue.input === undefined) {
    throw new ApiError(400, 'missing_field', field);
  }
  throw new ApiError(400, fieldCodes[field] ?? 'invalid_field', field);
}

/**
 * Parses a query string. Each parameter must be one plain value: a repeated
 * parameter or a bracketed one such as `status[$ne]=x` is rejected, so no
 * operator can reach a MongoDB query.
 */
export function parseQuery<Schema extends z.ZodType>(schema: Schema, query: Record<string, unknown>): z.infer<Schema> {
  for (const [name, value] of Object.entries(query)) {
    if (typeof value !== 'string') {
      throw new ApiError(400, 'invalid_query_parameter', name);
    }
  }
  return parseBody(schema, query);
}
