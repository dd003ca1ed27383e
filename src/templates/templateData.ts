import { z } from 'zod';
import type { DocumentType } from '../domain/documentTypes';
import { languages, type Language } from '../domain/languages';
import { formatDate } from './dates';
import { documentTexts } from './documentTexts';

const text = z.string().min(1);

/** The texts of one document type in one language, after the office's proxy rule picked the collection text. */
export const documentTextsSchema = z.strictObject({
  /** Full name without article, as it follows the possessive: "reispas", "carte d'identité électronique". */
  name: text,
  /** Short name for SMS. It takes the same possessive as `name`. */
  shortName: text,
  /** Formal "your" that agrees with the name: "uw", "votre", "Ihr" or "Ihre", "your". German templates need it. */
  possessive: text,
  /** Items to bring, as a phrase without a final full stop. */
  bring: text,
  /** Collection rule (who may collect the document), in one or two sentences. */
  collection: text,
  /** One short sentence on the items to bring and who may come, because an SMS has room for little more. */
  smsInstructions: text,
});

export type DocumentTexts = z.infer<typeof documentTextsSchema>;

/**
 * Values a template may use. Every field is required and an optional value is
 * null, never absent: templates compile in strict mode, and `renderMessage`
 * checks the data against this schema before rendering.
 */
export const templateDataSchema = z.strictObject({
  citizen: z.strictObject({ firstName: text, lastName: text }),
  document: documentTextsSchema,
  office: z.strictObject({ name: text, address: text, openingHours: text, appointmentUrl: text.nullable() }),
  /** Case reference such as GENT-CENTRUM-2026-000001. Messages never show the national number. */
  reference: text,
  /** Pickup deadline, formatted in the message's language. */
  collectBefore: text,
  /** Number of the reminder, counting from 1, or null for every other message kind. */
  reminderNumber: z.number().int().positive().nullable(),
  /** True only for the reminder after which the escalation letter follows. */
  lastReminder: z.boolean(),
  /** Texts for a translation that e-mails and letters add after the main text, or null for none. */
  courtesy: z
    .strictObject({ language: z.enum(languages), document: documentTextsSchema, collectBefore: text })
    .nullable(),
});

export type TemplateData = z.infer<typeof templateDataSchema>;

/** Office settings a message shows. `proxyCollection` is null when the office has not set whether a proxy may collect. */
export interface OfficeForTemplates {
  name: string;
  address: string;
  openingHours: string;
  appointmentUrl: string | null;
  proxyCollection: boolean | null;
}

export interface TemplateDataInput {
  language: Language;
  courtesyLanguage: Language | null;
  documentType: DocumentType;
  office: OfficeForTemplates;
  citizen: { firstName: string; lastName: string };
  reference: string;
  collectBefore: Date;
  reminderNumber: number | null;
  lastReminder: boolean;
}

/** Builds the values of one message: document texts and the date in the message's language, and in the courtesy language. */
export function buildTemplateData(input: TemplateDataInput): TemplateData {
  const { office } = input;
  const courtesy =
    input.courtesyLanguage === null
      ? null
      : {
          language: input.courtesyLanguage,
          document: documentTexts(input.courtesyLanguage, input.documentType, office.proxyCollection),
          collectBefore: formatDate(input.collectBefore, input.courtesyLanguage),
        };

  return {
    citizen: { firstName: input.citizen.firstName, lastName: input.citizen.lastName },
    document: documentTexts(input.language, input.documentType, office.proxyCollection),
    office: { name: office.name, address: office.address, openingHours: office.openingHours, appointmentUrl: office.appointmentUrl },
    reference: input.reference,
    collectBefore: formatDate(input.collectBefore, input.language),
    reminderNumber: input.reminderNumber,
    lastReminder: input.lastReminder,
    courtesy,
  };
}
