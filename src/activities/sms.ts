import { Auth } from '@vonage/auth';
import { SMS } from '@vonage/sms';
import { PermanentFailure } from '../domain/failureTypes';
import { notificationKey } from '../domain/messageKinds';
import { maskPhone } from '../domain/phone';
import { measureSms, type SmsSize } from '../domain/smsEncoding';
import { renderMessage } from '../templates/render';
import { logger } from '../logging';
import type { PolicyFile } from '../config/policyFile';
import { loadMessageContext, type NoticeRequest } from './messageContext';
import { sendOnce, type SentNotice } from './notificationLog';
import { PermanentSendError, TemporarySendError } from './sendErrors';

export interface SmsSettings {
  apiKey: string;
  apiSecret: string;
  restHost: string;
  sender: string;
}

/**
 * Vonage SMS API status codes. 1 (throttled) and 5 (internal error) pass;
 * these mean the number itself cannot be reached: invalid, barred, not
 * whitelisted, deactivated, or not a mobile.
 */
const permanentStatusCodes = new Set(['3', '6', '7', '15', '29', '33']);

export interface SmsSender {
  send(to: string, text: string, clientRef: string): Promise<{ messageId: string; size: SmsSize }>;
}

/**
 * Sends through the Vonage SMS API. It reports the status of each message in
 * detail and echoes client-ref in every delivery receipt, which the Messages
 * API does not do as precisely.
 */
export function createVonageSmsSender(settings: SmsSettings): SmsSender {
  const client = new SMS(new Auth({ apiKey: settings.apiKey, apiSecret: settings.apiSecret }), {
    restHost: settings.restHost,
    timeout: 10_000,
  });

  return {
    async send(to, text, clientRef) {
      const size = measureSms(text);
      try {
        const response = await client.send({
          to: to.replace(/^\+/, ''),
          from: settings.sender,
          text,
          type: size.encoding === 'UCS-2' ? 'unicode' : 'text',
          clientRef,
        } as Parameters<SMS['send']>[0]);
        const messageId = response.messages[0]?.messageId ?? '';
        return { messageId, size };
      } catch (error) {
        throw classifyVonageError(error);
      }
    },
  };
}

interface VonageFailure {
  response?: { messages?: Array<{ status?: string; errorText?: string }>; status?: number };
}

function classifyVonageError(error: unknown): Error {
  const failure = error as VonageFailure;
  const rejected = failure.response?.messages?.find((message) => message.status !== '0');
  if (rejected?.status) {
    const detail = `Vonage status ${rejected.status}: ${rejected.errorText ?? 'no error text'}`;
    if (permanentStatusCodes.has(rejected.status)) {
      return new PermanentSendError(PermanentFailure.SmsRejected, detail);
    }
    if (rejected.status !== '1' && rejected.status !== '5') {
      // Credentials, quota or account problems: every SMS fails until an operator acts.
      logger.error({ vonageStatus: rejected.status }, 'Vonage rejected the request; check the SMS account settings');
    }
    return new TemporarySendError(detail);
  }

  const httpStatus = failure.response?.status;
  const message = error instanceof Error ? error.message : String(error);
  return new TemporarySendError(httpStatus ? `Vonage answered HTTP ${httpStatus}` : `Vonage request failed: ${message}`);
}

/** Builds the activity that texts the citizen's current mobile number. */
export function createSendSms(policy: PolicyFile, sender: SmsSender) {
  return async function sendSms(request: NoticeRequest): Promise<SentNotice> {
    const context = await loadMessageContext(policy, request.caseId, request);
    const mobile = context.caseRecord.contact.mobile;
    const key = notificationKey(request.caseId, request.kind, request.sequence, 'sms');
    const draft = { key, ...request, channel: 'sms' as const, language: context.language, recipient: mobile ? maskPhone(mobile) : 'none' };

    // Rendering comes before the claim, so a template error retries instead of counting as a send attempt.
    const { text } = renderMessage(request.kind, 'sms', context.language, context.data);

    return sendOnce(draft, async (notificationId) => {
      if (!mobile) {
        throw new PermanentSendError(PermanentFailure.MissingContactData, 'the case has no mobile number');
      }
      const { messageId, size } = await sender.send(mobile, text, notificationId);
      return { providerMessageId: messageId, encoding: size.encoding, segments: size.segments, costCents: size.segments * policy.tariffs.smsSegmentCents };
    });
  };
}
