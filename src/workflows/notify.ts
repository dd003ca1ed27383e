import { ActivityFailure, ApplicationFailure, log } from '@temporalio/workflow';
import { fallbackChain, type Channel } from '../domain/channels';
import { permanentFailureTypes } from '../domain/failureTypes';
import type { MessageKind } from '../domain/messageKinds';
import { summarisedChannelActivities } from './activities';
import type { NoticeRecord } from './messages';

function sendThrough(channel: Channel, summary: string) {
  const activities = summarisedChannelActivities(summary);
  const byChannel = { sms: activities.sendSms, email: activities.sendEmail, letter: activities.sendLetter };
  return byChannel[channel];
}

/**
 * Sends one message through the first channel of the fallback chain that
 * accepts it, and returns a record of every attempt. Only a permanent failure
 * moves on to the next channel; temporary ones are retried inside the activity.
 */
export async function sendWithFallback(
  caseId: string,
  kind: MessageKind,
  sequence: number,
  preferred: Channel,
): Promise<NoticeRecord[]> {
  const attempts: NoticeRecord[] = [];

  for (const channel of fallbackChain(preferred)) {
    const failureType = await trySend(caseId, kind, sequence, channel);
    attempts.push({
      kind,
      sequence,
      channel,
      outcome: failureType ? 'failed' : 'sent',
      at: new Date().toISOString(),
      ...(failureType ? { failureType } : {}),
    });
    if (!failureType) {
      return attempts;
    }
    log.warn('Channel failed permanently, falling back', { caseId, kind, channel, failureType });
  }

  return attempts;
}

/** Returns the permanent failure type, or null when the message was sent. */
async function trySend(caseId: string, kind: MessageKind, sequence: number, channel: Channel): Promise<string | null> {
  try {
    await sendThrough(channel, `${kind} ${sequence} by ${channel}`)({ caseId, kind, sequence });
    return null;
  } catch (error) {
    const failureType = permanentFailureType(error);
    if (failureType === null) {
      throw error;
    }
    return failureType;
  }
}

function permanentFailureType(error: unknown): string | null {
  if (!(error instanceof ActivityFailure) || !(error.cause instanceof ApplicationFailure)) {
    return null;
  }
  const type = error.cause.type ?? '';
  return permanentFailureTypes.includes(type) ? type : null;
}
