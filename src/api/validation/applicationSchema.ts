import { z } from 'zod';
import { isBelgianPostalCode } from '../../domain/address';
import { caseStatuses } from '../../domain/caseStatus';
import { channels } from '../../domain/channels';
import { documentTypes } from '../../domain/documentTypes';
import { languages } from '../../domain/languages';
import { normaliseNationalNumber } from '../../domain/nationalNumber';
import { normaliseMobile } from '../../domain/phone';

/** Adds an issue whose message is the API error code, so the error renderer can look up the Dutch text. */
function fail(context: z.RefinementCtx, code: string): never {
  context.addIssue({ code: 'custom', message: code });
  return z.NEVER as never;
}

const text = (max: number) => z.string().trim().min(1).max(max);

const nationalNumber = z.string().transform((value, context) => normaliseNationalNumber(value) ?? fail(context, 'invalid_national_number'));

const mobile = z.string().transform((value, context) => {
  const check = normaliseMobile(value);
  return check.ok ? check.e164 : fail(context, check.reason);
});

const postalCode = z.string().trim().refine(isBelgianPostalCode, 'invalid_postal_code');

export const addressSchema = z.strictObject({
  street: text(120),
  number: z.string().trim().min(1).max(10),
  box: z.string().trim().min(1).max(10).nullable().optional(),
  postalCode,
  municipality: text(80),
  country: z.literal('BE').optional(),
});

/** Body of POST /applications. Contact data is normalised: digits for the national number, E.164 for the mobile. */
export const registerApplicationSchema = z
  .strictObject({
    reference: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{2,39}$/, 'invalid_reference')
      .optional(),
    documentType: z.enum(documentTypes),
    office: z.string().regex(/^[a-z0-9-]{1,40}$/, 'unknown_office').optional(),
    citizen: z.strictObject({
      nationalNumber,
      firstName: text(100),
      lastName: text(100),
      birthDate: z.iso.date().optional(),
      language: z.enum(languages).optional(),
    }),
    contact: z.strictObject({
      mobile: mobile.optional(),
      email: z.email().max(254).optional(),
      address: addressSchema,
    }),
    preferredChannel: z.enum(channels),
  })
  .superRefine((body, context) => {
    // The preferred channel needs its contact data; the letter always has the address.
    if (body.preferredChannel === 'sms' && !body.contact.mobile) {
      context.addIssue({ code: 'custom', message: 'missing_mobile_for_sms', path: ['contact', 'mobile'] });
    }
    if (body.preferredChannel === 'email' && !body.contact.email) {
      context.addIssue({ code: 'custom', message: 'missing_email_for_email', path: ['contact', 'email'] });
    }
  });

export type RegisterApplicationBody = z.infer<typeof registerApplicationSchema>;

export const cancelSchema = z.strictObject({
  reason: text(500),
});

/**
 * Body of PATCH /applications/:id/contact. A mobile or e-mail set to null is
 * removed; the postal address can be replaced but never removed, because the
 * last escalation is a letter.
 */
export const contactChangeSchema = z
  .strictObject({
    mobile: mobile.nullable().optional(),
    email: z.email().max(254).nullable().optional(),
    address: addressSchema.optional(),
    preferredChannel: z.enum(channels).optional(),
  })
  .refine((body) => Object.keys(body).length > 0, { message: 'empty_contact_change' });

export type ContactChangeBody = z.infer<typeof contactChangeSchema>;

/** Query of GET /applications: every filter is one plain value; page numbers start at 1. */
export const listQuerySchema = z.strictObject({
  status: z.enum(caseStatuses).optional(),
  documentType: z.enum(documentTypes).optional(),
  office: z.string().regex(/^[a-z0-9-]{1,40}$/, 'unknown_office').optional(),
  reference: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{2,39}$/, 'invalid_reference').optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export type ListQuery = z.infer<typeof listQuerySchema>;
