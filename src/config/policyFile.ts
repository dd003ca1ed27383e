import fs from 'node:fs';
import { msToNumber, type StringValue } from '@temporalio/common/lib/time';
import { z } from 'zod';
import { documentTypes, type DocumentType } from '../domain/documentTypes';
import { languages } from '../domain/languages';
import { defaultOfficeCalendar } from '../domain/officeCalendar';
import type { CasePolicy } from '../domain/policy';

/** A duration as Temporal accepts it: '7 days', '30 seconds', '90d'. */
const duration = z.string().refine((value) => {
  try {
    return toMilliseconds(value) > 0;
  } catch {
    return false;
  }
}, 'expected a positive duration such as "7 days" or "30 seconds"');

function toMilliseconds(value: string): number {
  return msToNumber(value as StringValue);
}

const timing = z.strictObject({
  reminders: z.array(duration).optional(),
  letterAfter: duration.optional(),
  pickupDeadline: duration.optional(),
});

const localTime = z.string().regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'expected a local time HH:MM');

const calendar = z
  .strictObject({
    timeZone: z.string().refine(isTimeZone, 'expected an IANA time zone such as Europe/Brussels'),
    sendingHours: z.strictObject({ from: localTime, to: localTime }).refine((hours) => hours.from < hours.to, 'sendingHours.from must be before sendingHours.to'),
    sendingDays: z.array(z.number().int().min(0).max(6)).min(1),
    publicHolidays: z.enum(['BE', 'none']),
    closingDays: z.array(z.iso.date()),
  })
  .partial();

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

const office = z.strictObject({
  name: z.string().min(1),
  address: z.string().min(1),
  openingHours: z.string().min(1),
  appointmentUrl: z.url().nullable().default(null),
  replyTo: z.email(),
  languages: z.array(z.enum(languages)).min(1),
  /**
   * Language of a translation that e-mails and letters add after the main text
   * when the office may not write in the citizen's language. SMS stays in one language.
   */
  courtesyTranslation: z.enum(['en']).nullable().default(null),
  /**
   * Whether someone else may collect a passport or driving licence with a
   * proxy; null leaves the message telling the citizen to ask at the counter.
   */
  proxyCollection: z.boolean().nullable().default(null),
  /** Holding periods differ between towns and document types. */
  pickupDeadline: z.partialRecord(z.enum(documentTypes), duration).default({}),
  /** When SMS and e-mail may go out; unset fields take the default office calendar. */
  calendar: calendar.default({}),
});

/**
 * What one message costs the office, in euro cents: an SMS per segment,
 * because providers bill per segment, an e-mail each, and a letter's postage
 * plus printing. Reports compare these with an all-letters baseline.
 */
const tariffs = z.strictObject({
  smsSegmentCents: z.number().int().nonnegative(),
  emailCents: z.number().int().nonnegative(),
  letterCents: z.number().int().nonnegative(),
});

export type Tariffs = z.infer<typeof tariffs>;

const policyFileSchema = z.strictObject({
  tariffs: tariffs.default({ smsSegmentCents: 7, emailCents: 0, letterCents: 150 }),
  defaults: z.strictObject({ reminders: z.array(duration), letterAfter: duration, pickupDeadline: duration }),
  documentTypes: z.partialRecord(z.enum(documentTypes), timing).default({}),
  defaultOffice: z.string().min(1),
  offices: z.record(z.string().regex(/^[a-z0-9-]+$/), office),
});

export type PolicyFile = z.infer<typeof policyFileSchema>;
export type OfficeSettings = z.infer<typeof office>;

export class PolicyFileError extends Error {}

/** Reads and checks the policy file; a wrong file stops start-up with the offending path in the message. */
export function loadPolicyFile(file: string): PolicyFile {
  const parsed = policyFileSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new PolicyFileError(`invalid policy file ${file}: ${issues}`);
  }
  if (!parsed.data.offices[parsed.data.defaultOffice]) {
    throw new PolicyFileError(`invalid policy file ${file}: defaultOffice "${parsed.data.defaultOffice}" is not in offices`);
  }
  return parsed.data;
}

/** Resolves the timing of a case: the office's deadline beats the document type's, which beats the defaults. */
export function resolveCasePolicy(policy: PolicyFile, documentType: DocumentType, officeId: string): CasePolicy {
  const forType = policy.documentTypes[documentType] ?? {};
  const officeDeadline = policy.offices[officeId]?.pickupDeadline[documentType];

  const reminders = forType.reminders ?? policy.defaults.reminders;
  const letterAfter = forType.letterAfter ?? policy.defaults.letterAfter;
  const pickupDeadline = officeDeadline ?? forType.pickupDeadline ?? policy.defaults.pickupDeadline;

  return {
    reminderDelaysMs: reminders.map(toMilliseconds),
    letterAfterMs: toMilliseconds(letterAfter),
    pickupDeadlineMs: toMilliseconds(pickupDeadline),
    calendar: { ...defaultOfficeCalendar, ...policy.offices[officeId]?.calendar },
  };
}
