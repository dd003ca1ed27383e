import { ApplicationFailure } from '@temporalio/common';
import mongoose from 'mongoose';
import { Counter, Gauge, Registry } from 'prom-client';
import { caseStatuses } from '../domain/caseStatus';
import type { Channel } from '../domain/channels';
import { MessageKind } from '../domain/messageKinds';
import { logger } from '../logging';
import { CaseModel } from '../store/caseModel';
import { createFallbackCounter } from './fallbacks';

/**
 * Metrics the worker process owns, served by its own small HTTP server. It is
 * a registry apart from the API's, because tests run the worker's activities
 * in the API's process.
 */
export const workerRegistry = new Registry();

/**
 * Outcome of one send activity, as reported to the workflow.
 * - sent: the channel accepted the message.
 * - failed: a permanent failure, so the workflow falls back to the next channel.
 * - retry: a temporary failure, which the activity retries.
 * - duplicate: an earlier attempt had sent the message, so nothing was sent.
 * - error: an unexpected error, which the activity also retries.
 */
export type SendOutcome = 'sent' | 'failed' | 'retry' | 'duplicate' | 'error';

const messages = new Counter({
  name: 'loketbode_messages_total',
  help: 'Send attempts of messages to citizens, by channel, message kind and outcome (sent, failed, retry, duplicate, error).',
  labelNames: ['channel', 'kind', 'outcome'] as const,
  registers: [workerRegistry],
});

const remindersSent = new Counter({
  name: 'loketbode_reminders_sent_total',
  help: 'Reminders sent to citizens, by the channel that delivered them.',
  labelNames: ['channel'] as const,
  registers: [workerRegistry],
});

const countFallback = createFallbackCounter(workerRegistry);

/** Counts a message the channel accepted, or one an earlier attempt had already sent. */
export function countMessageSent(channel: Channel, kind: MessageKind, duplicate: boolean): void {
  messages.inc({ channel, kind, outcome: duplicate ? 'duplicate' : 'sent' });
  if (kind === MessageKind.Reminder && !duplicate) {
    remindersSent.inc({ channel });
  }
}

/**
 * Counts the error a send activity raises. A non-retryable ApplicationFailure
 * is a permanent failure, on which the workflow falls back to the next channel.
 */
export function countMessageFailed(channel: Channel, kind: MessageKind, error: unknown): void {
  const outcome = sendOutcomeOf(error);
  messages.inc({ channel, kind, outcome });
  if (outcome === 'failed') {
    countFallback('send-failure', channel);
  }
}

function sendOutcomeOf(error: unknown): SendOutcome {
  if (error instanceof ApplicationFailure) {
    return error.nonRetryable ? 'failed' : 'retry';
  }
  return 'error';
}

let caseCountFailing = false;

/**
 * Cases by status, counted in the case index at every scrape, so the value is
 * right whichever process changed a case and survives restarts. Every worker
 * reports the same totals, so aggregate across workers with max, not sum.
 */
export const casesByStatus = new Gauge({
  name: 'loketbode_cases',
  help: 'Cases in the case index by status, counted in MongoDB at scrape time. Every worker reports the same totals.',
  labelNames: ['status'] as const,
  registers: [workerRegistry],
  async collect() {
    // Without a connection mongoose would buffer the queries and hold the scrape until its buffer timeout.
    if (mongoose.connection.readyState !== mongoose.ConnectionStates.connected) {
      this.reset();
      reportCaseCountFailure('MongoDB is not connected');
      return;
    }
    try {
      const counts = await Promise.all(caseStatuses.map((status) => CaseModel.countDocuments({ status })));
      caseStatuses.forEach((status, index) => this.set({ status }, counts[index] ?? 0));
      if (caseCountFailing) {
        caseCountFailing = false;
        logger.info('Counting cases by status works again');
      }
    } catch (error) {
      this.reset();
      reportCaseCountFailure((error as Error).message);
    }
  },
});

/** Logs the first failure of a run, not one line per scrape. The missing series show that the failure goes on. */
function reportCaseCountFailure(reason: string): void {
  if (!caseCountFailing) {
    caseCountFailing = true;
    logger.warn({ err: reason }, 'Counting cases by status failed, so loketbode_cases stays empty until MongoDB responds');
  }
}
