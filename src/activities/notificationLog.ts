import { ApplicationFailure } from '@temporalio/common';
import { PermanentFailure } from '../domain/failureTypes';
import type { Channel } from '../domain/channels';
import type { MessageKind } from '../domain/messageKinds';
import { logger } from '../logging';
import { countMessageFailed, countMessageSent } from '../metrics/workerMetrics';
import type { Types } from 'mongoose';
import { NotificationModel, notificationIdForKey, type NotificationRecord } from '../store/notificationModel';
import { PermanentSendError, TemporarySendError } from './sendErrors';

export interface NotificationDraft {
  key: string;
  caseId: string;
  kind: MessageKind;
  sequence: number;
  channel: Channel;
  language: string;
  /** Masked recipient, for the audit trail. */
  recipient: string;
}

export interface SendReceipt {
  providerMessageId: string | null;
  encoding?: string;
  segments?: number;
  costCents: number;
}

export interface SentNotice extends SendReceipt {
  notificationId: string;
  channel: Channel;
  /** True when an earlier attempt had already sent this message. */
  duplicate: boolean;
}

/**
 * Sends a message at most once. The notification log holds one document per
 * message key under a unique index: the first attempt claims it, a retry
 * after success returns the earlier receipt, and a retry that finds an
 * unfinished claim cannot know whether the provider took the message, so it
 * reports a permanent failure and lets the workflow fall back to the next
 * channel instead of sending twice. A repeatable send (queueing a letter
 * under its own key) is simply done again. Every outcome is counted in the
 * worker's `loketbode_messages_total`.
 */
export async function sendOnce(
  draft: NotificationDraft,
  send: (notificationId: string) => Promise<SendReceipt>,
  options: { repeatable?: boolean } = {},
): Promise<SentNotice> {
  try {
    const notice = await claimAndSend(draft, send, options);
    countMessageSent(draft.channel, draft.kind, notice.duplicate);
    return notice;
  } catch (error) {
    countMessageFailed(draft.channel, draft.kind, error);
    throw error;
  }
}

async function claimAndSend(
  draft: NotificationDraft,
  send: (notificationId: string) => Promise<SendReceipt>,
  options: { repeatable?: boolean },
): Promise<SentNotice> {
  const claim = await claimNotification(draft, options.repeatable ?? false);
  if (claim.previous) {
    return claim.previous;
  }

  const log = logger.child({ caseId: draft.caseId, notificationId: claim.id, kind: draft.kind, channel: draft.channel });
  try {
    const receipt = await send(claim.id);
    await NotificationModel.updateOne(
      { _id: claim.id },
      { $set: { status: 'sent', sentAt: new Date(), ...receipt, failureType: null, failureMessage: null } },
    );
    log.info({ providerMessageId: receipt.providerMessageId, segments: receipt.segments }, 'Message sent');
    return { ...receipt, notificationId: claim.id, channel: draft.channel, duplicate: false };
  } catch (error) {
    throw await recordFailure(claim.id, error, log);
  }
}

type Claim = { id: string; previous: null } | { id: string; previous: SentNotice };

async function claimNotification(draft: NotificationDraft, repeatable: boolean): Promise<Claim> {
  const existing = await findOrInsertNotification(draft);
  const id = existing._id.toString();
  if (existing.inserted) {
    return { id, previous: null };
  }

  switch (existing.status) {
    case 'sent':
      return {
        id,
        previous: {
          notificationId: id,
          channel: draft.channel,
          providerMessageId: existing.providerMessageId ?? null,
          costCents: existing.costCents ?? 0,
          ...(existing.encoding ? { encoding: existing.encoding } : {}),
          ...(existing.segments ? { segments: existing.segments } : {}),
          duplicate: true,
        },
      };
    case 'failed':
      throw ApplicationFailure.nonRetryable(existing.failureMessage ?? 'message failed earlier', existing.failureType);
    case 'retry': {
      // Compare-and-set, so two racing attempts cannot both send.
      const reclaimed = await NotificationModel.updateOne(
        { _id: existing._id, status: 'retry' },
        { $set: { status: 'sending' }, $inc: { attempts: 1 } },
      );
      if (reclaimed.modifiedCount === 1) {
        return { id, previous: null };
      }
      throw outcomeUnknown(draft.key);
    }
    case 'sending':
    default:
      if (repeatable) {
        await NotificationModel.updateOne({ _id: existing._id }, { $set: { status: 'sending' }, $inc: { attempts: 1 } });
        return { id, previous: null };
      }
      await NotificationModel.updateOne(
        { _id: existing._id, status: 'sending' },
        { $set: { status: 'failed', failureType: PermanentFailure.SendOutcomeUnknown, failureMessage: 'an earlier attempt stopped while sending' } },
      );
      throw outcomeUnknown(draft.key);
  }
}

/**
 * Inserts the log entry for a message unless it exists, and returns it. The
 * document's id is derived from the message key, so both steps look it up
 * by _id. Every MongoDB-wire store serves that lookup from an index, but a
 * filter on `key` makes the local FerretDB read the whole log.
 */
async function findOrInsertNotification(draft: NotificationDraft): Promise<NotificationRecord & { _id: Types.ObjectId; inserted: boolean }> {
  const _id = notificationIdForKey(draft.key);
  try {
    const inserted = await NotificationModel.updateOne({ _id }, { $setOnInsert: { ...draft, status: 'sending', attempts: 1 } }, { upsert: true });
    const existing = await NotificationModel.findById(_id).lean();
    if (existing) {
      return { ...existing, inserted: inserted.upsertedCount === 1 };
    }
  } catch (error) {
    // A log entry written before ids were derived from keys stores the key under another id.
    if ((error as { code?: number }).code !== 11000) {
      throw error;
    }
  }
  const earlier = await NotificationModel.findOne({ key: draft.key }).lean();
  if (!earlier) {
    throw new Error(`notification ${draft.key} not found right after its upsert; the activity will retry`);
  }
  return { ...earlier, inserted: false };
}

function outcomeUnknown(key: string): ApplicationFailure {
  logger.warn({ notificationKey: key }, 'Earlier send attempt stopped mid-way; not sending again on this channel');
  return ApplicationFailure.nonRetryable('an earlier attempt stopped while sending', PermanentFailure.SendOutcomeUnknown);
}

/** Records why a send failed and returns the failure the activity should raise. */
async function recordFailure(id: string, error: unknown, log: typeof logger): Promise<Error> {
  if (error instanceof PermanentSendError) {
    await NotificationModel.updateOne(
      { _id: id },
      { $set: { status: 'failed', failureType: error.failureType, failureMessage: error.message } },
    );
    log.warn({ failureType: error.failureType, err: error.message }, 'Channel rejected the message');
    return ApplicationFailure.nonRetryable(error.message, error.failureType);
  }

  if (error instanceof TemporarySendError) {
    await NotificationModel.updateOne({ _id: id }, { $set: { status: 'retry', failureMessage: error.message } });
    log.warn({ err: error.message }, 'Temporary send failure; the activity will retry');
    return ApplicationFailure.retryable(error.message, 'TemporarySendFailure');
  }

  // An unexpected error may have come after the provider took the message, so the claim stays "sending".
  log.error({ err: error instanceof Error ? error.message : String(error) }, 'Unexpected error while sending');
  return error instanceof Error ? error : new Error(String(error));
}
