import { resolveCasePolicy, type PolicyFile } from '../config/policyFile';
import type { Channel } from '../domain/channels';
import type { DocumentType } from '../domain/documentTypes';
import type { Language } from '../domain/languages';
import type { MessageKind } from '../domain/messageKinds';
import { measureSms, type SmsEncoding } from '../domain/smsEncoding';
import { renderMessage, type RenderedMessage } from './render';
import { buildTemplateData } from './templateData';

export interface PreviewRequest {
  kind: MessageKind;
  channel: Channel;
  language: Language;
  documentType: DocumentType;
  /** An office id that is in the policy file. */
  officeId: string;
  /** For a reminder: its number, from 1 up to the office's reminder count. Null for other kinds. */
  reminderNumber: number | null;
}

/** A rendered sample, with the SMS encoding and segment count when the channel is SMS. */
export interface Preview extends RenderedMessage {
  encoding: SmsEncoding | null;
  segments: number | null;
}

/** Fictitious citizen of every preview: an ordinary name that keeps an SMS in GSM-7. */
export const sampleCitizen = { firstName: 'Jan', lastName: 'Peeters' } as const;

/** Returns how many reminders the office sends for the document type, so a preview can show the last one. */
export function reminderCount(policy: PolicyFile, documentType: DocumentType, officeId: string): number {
  return resolveCasePolicy(policy, documentType, officeId).reminderDelaysMs.length;
}

/**
 * Renders a message with a fictitious citizen and reference, the office's
 * real settings, and a pickup deadline counted from `now` as for a document
 * that became ready today. The language is used as requested, without the
 * office's language rules, so every template can be checked.
 */
export function renderPreview(policy: PolicyFile, request: PreviewRequest, now: Date = new Date()): Preview {
  const office = policy.offices[request.officeId];
  if (!office) {
    throw new Error(`office ${request.officeId} is not in the policy file`);
  }
  const casePolicy = resolveCasePolicy(policy, request.documentType, request.officeId);
  const reference = `${request.officeId.toUpperCase()}-${now.getUTCFullYear()}-000001`;

  const data = buildTemplateData({
    language: request.language,
    courtesyLanguage: null,
    documentType: request.documentType,
    office: {
      name: office.name,
      address: office.address,
      openingHours: office.openingHours,
      appointmentUrl: office.appointmentUrl,
      proxyCollection: null,
    },
    citizen: sampleCitizen,
    reference,
    collectBefore: new Date(now.getTime() + casePolicy.pickupDeadlineMs),
    reminderNumber: request.reminderNumber,
    lastReminder: request.reminderNumber !== null && request.reminderNumber >= casePolicy.reminderDelaysMs.length,
  });

  const message = renderMessage(request.kind, request.channel, request.language, data);
  if (request.channel !== 'sms') {
    return { ...message, encoding: null, segments: null };
  }
  const size = measureSms(message.text);
  return { ...message, encoding: size.encoding, segments: size.segments };
}
