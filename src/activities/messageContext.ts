import { ApplicationFailure } from '@temporalio/common';
import type { PolicyFile } from '../config/policyFile';
import { defaultLanguage, type Language } from '../domain/languages';
import type { MessageKind } from '../domain/messageKinds';
import { CaseModel, type CaseRecord } from '../store/caseModel';
import { documentTexts, type TemplateData } from '../templates/render';

export interface NoticeRequest {
  caseId: string;
  kind: MessageKind;
  sequence: number;
}

export interface MessageContext {
  caseRecord: CaseRecord;
  language: Language;
  data: TemplateData;
}

const dateFormats: Record<Language, string> = { nl: 'nl-BE', fr: 'fr-BE', de: 'de-BE', en: 'en-GB' };

/**
 * Loads the case at send time, so a contact detail corrected after the case
 * started is used by the next message, and builds the template values.
 */
export async function loadMessageContext(policy: PolicyFile, caseId: string): Promise<MessageContext> {
  const caseRecord = await CaseModel.findById(caseId).lean();
  if (!caseRecord) {
    throw ApplicationFailure.nonRetryable(`case ${caseId} not found in the case store`, 'CaseNotFound');
  }

  const office = policy.offices[caseRecord.office];
  if (!office) {
    throw ApplicationFailure.nonRetryable(`office ${caseRecord.office} is not in the policy file`, 'OfficeNotConfigured');
  }

  // Language law: an office writes in a citizen's language only where it may; otherwise in its first language.
  const requested = caseRecord.citizen.language;
  const language = office.languages.includes(requested) ? requested : (office.languages[0] ?? defaultLanguage);

  const readyAt = caseRecord.readyAt ?? new Date();
  const collectBefore = new Date(readyAt.getTime() + caseRecord.pickupDeadlineMs);

  return {
    caseRecord,
    language,
    data: {
      citizen: { firstName: caseRecord.citizen.firstName, lastName: caseRecord.citizen.lastName },
      document: documentTexts(language, caseRecord.documentType),
      office: {
        name: office.name,
        address: office.address,
        openingHours: office.openingHours,
        appointmentUrl: office.appointmentUrl,
      },
      reference: caseRecord.reference,
      collectBefore: formatDate(collectBefore, language),
    },
  };
}

export function formatDate(date: Date, language: Language): string {
  return new Intl.DateTimeFormat(dateFormats[language], { dateStyle: 'long', timeZone: 'Europe/Brussels' }).format(date);
}
