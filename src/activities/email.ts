import nodemailer, { type Transporter } from 'nodemailer';
import type { PolicyFile } from '../config/policyFile';
import { maskEmail } from '../domain/address';
import { PermanentFailure } from '../domain/failureTypes';
import { notificationKey } from '../domain/messageKinds';
import { renderMessage } from '../templates/render';
import { loadMessageContext, type NoticeRequest } from './messageContext';
import { sendOnce, type SentNotice } from './notificationLog';
import { PermanentSendError, TemporarySendError } from './sendErrors';

export interface MailSettings {
  smtpUrl: string;
  from: string;
}

/** A pooled SMTP transport, reused by every e-mail the worker sends. */
export function createMailTransport(settings: MailSettings): Transporter {
  return nodemailer.createTransport({
    url: settings.smtpUrl,
    pool: true,
    maxConnections: 5,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 15_000,
  });
}

interface SmtpError {
  code?: string;
  responseCode?: number;
  message?: string;
}

/** SMTP 5xx replies and authentication errors are permanent; 4xx replies and connection errors are temporary. */
export function classifySmtpError(error: unknown): Error {
  const smtpError = error as SmtpError;
  // SMTP replies often quote the recipient's address, and this message reaches Temporal history, so keep only the codes.
  const detail = [smtpError.responseCode, smtpError.code].filter((part) => part !== undefined).join(' ') || 'no reply code';
  if ((smtpError.responseCode ?? 0) >= 500 || smtpError.code === 'EAUTH') {
    return new PermanentSendError(PermanentFailure.EmailRejected, `SMTP rejected the message: ${detail}`);
  }
  return new TemporarySendError(`SMTP send failed: ${detail}`);
}

function wrapHtml(body: string, language: string, subject: string): string {
  const escapedSubject = subject.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><title>${escapedSubject}</title></head><body>${body}</body></html>`;
}

/** Builds the activity that e-mails the citizen's current address, with an HTML and a plain-text part. */
export function createSendEmail(policy: PolicyFile, transport: Transporter, settings: MailSettings) {
  return async function sendEmail(request: NoticeRequest): Promise<SentNotice> {
    const context = await loadMessageContext(policy, request.caseId, request);
    const email = context.caseRecord.contact.email;
    const key = notificationKey(request.caseId, request.kind, request.sequence, 'email');
    const draft = { key, ...request, channel: 'email' as const, language: context.language, recipient: email ? maskEmail(email) : 'none' };
    const message = renderMessage(request.kind, 'email', context.language, context.data);
    const replyTo = policy.offices[context.caseRecord.office]?.replyTo;

    return sendOnce(draft, async (notificationId) => {
      if (!email) {
        throw new PermanentSendError(PermanentFailure.MissingContactData, 'the case has no e-mail address');
      }
      try {
        const info = await transport.sendMail({
          from: settings.from,
          to: email,
          replyTo,
          subject: message.subject ?? '',
          text: message.text,
          html: wrapHtml(message.html ?? '', context.language, message.subject ?? ''),
          messageId: `<${notificationId}@loketbode>`,
          headers: { 'Auto-Submitted': 'auto-generated', 'X-Loketbode-Notification': notificationId },
        });
        return { providerMessageId: info.messageId ?? null, costCents: policy.tariffs.emailCents };
      } catch (error) {
        throw classifySmtpError(error);
      }
    });
  };
}
