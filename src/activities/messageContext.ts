import { ApplicationFailure } from '@temporalio/common';
import { resolveCasePolicy, type PolicyFile } from '../config/policyFile';
import { defaultLanguage, type Language } from '../domain/languages';
import { MessageKind } from '../domain/messageKinds';
import { CaseModel, type CaseRecord } from '../store/caseModel';
import { buildTemplateData, type TemplateData } from '../templates/templateData';

export { formatDate } from '../templates/dates';

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

export interface MessageLanguages {
  language: Language;
  courtesyLanguage: Language | null;
}

/**
 * Chooses the languages of a message under Belgian language law. An office
 * writes in the citizen's language only when it may use that language, and
 * otherwise in its first language (Dutch for a Flemish office). An office with
 * a courtesy translation adds it when it may not write in the citizen's
 * language, unless the message is already in the translation's language.
 */
export function chooseLanguages(
  officeLanguages: readonly Language[],
  courtesyTranslation: Language | null,
  requested: Language,
): MessageLanguages {
  const language = officeLanguages.includes(requested) ? requested : (officeLanguages[0] ?? defaultLanguage);
  const addCourtesy = courtesyTranslation !== null && requested !== language && courtesyTranslation !== language;
  return { language, courtesyLanguage: addCourtesy ? courtesyTranslation : null };
}

/**
 * Loads the case at send time, so a contact detail corrected after the case
 * started is used by the next message, and builds the template values.
 * Without `notice`, a reminder renders without its number and without the
 * last-reminder sentence.
 */
export async function loadMessageContext(
  policy: PolicyFile,
  caseId: string,
  notice: Pick<NoticeRequest, 'kind' | 'sequence'> | null = null,
): Promise<MessageContext> {
  const caseRecord = await CaseModel.findById(caseId).lean();
  if (!caseRecord) {
    throw ApplicationFailure.nonRetryable(`case ${caseId} not found in the case store`, 'CaseNotFound');
  }

  const office = policy.offices[caseRecord.office];
  if (!office) {
    throw ApplicationFailure.nonRetryable(`office ${caseRecord.office} is not in the policy file`, 'OfficeNotConfigured');
  }

  const { language, courtesyLanguage } = chooseLanguages(office.languages, office.courtesyTranslation, caseRecord.citizen.language);
  const readyAt = caseRecord.readyAt ?? new Date();
  const reminderNumber = notice?.kind === MessageKind.Reminder ? notice.sequence : null;
  // Cases keep the reminder count they started with; cases stored before it was recorded use the current policy.
  const reminderCount = caseRecord.reminderCount ?? resolveCasePolicy(policy, caseRecord.documentType, caseRecord.office).reminderDelaysMs.length;

  const data = buildTemplateData({
    language,
    courtesyLanguage,
    documentType: caseRecord.documentType,
    office: {
      name: office.name,
      address: office.address,
      openingHours: office.openingHours,
      appointmentUrl: office.appointmentUrl,
      proxyCollection: office.proxyCollection,
    },
    citizen: { firstName: caseRecord.citizen.firstName, lastName: caseRecord.citizen.lastName },
    reference: caseRecord.reference,
    collectBefore: new Date(readyAt.getTime() + caseRecord.pickupDeadlineMs),
    reminderNumber,
    lastReminder: reminderNumber !== null && reminderNumber >= reminderCount,
  });

  return { caseRecord, language, data };
}
