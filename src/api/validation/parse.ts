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
    rejectUnsafeCharacters(body);
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
 * Characters that no field may contain. These are the C0 and C1 control
 * characters other than tab, line feed and carriage return, and the Unicode
 * bidirectional overrides and isolates (U+202A-U+202E, U+2066-U+2069). Such a
 * character can make a name in an SMS, e-mail or letter display as different
 * text. Lone UTF-16 surrogates are rejected too, because they are not valid
 * Unicode text.
 */
const unsafeCharacters = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Throws a 400 invalid_characters naming a string in the body that
 * contains an unsafe character. The walk uses an explicit stack, so even a
 * body nested deeper than the call stack allows cannot make it throw a RangeError.
 */
function rejectUnsafeCharacters(body: unknown): void {
  const pending: Array<{ value: unknown; path: string[] }> = [{ value: body, path: [] }];
  while (pending.length > 0) {
    const { value, path } = pending.pop()!;
    if (typeof value === 'string') {
      if (unsafeCharacters.test(value)) {
        throw new ApiError(400, 'invalid_characters', path.join('.'));
      }
    } else if (value !== null && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        pending.push({ value: child, path: [...path, key] });
      }
    }
  }
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
