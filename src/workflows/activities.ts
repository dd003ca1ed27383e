import { proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';

/**
 * Sends wait out provider and SMTP outages with backoff. A permanent failure
 * is a non-retryable ApplicationFailure, so the workflow sees it at once.
 * The timeout is above the SMS client's 10 s and the SMTP socket's 15 s
 * limits, and short enough that an attempt lost with a crashed worker is
 * retried within half a minute.
 */
const channelOptions = {
  startToCloseTimeout: '20 seconds',
  retry: {
    initialInterval: '1 second',
    backoffCoefficient: 2,
    maximumInterval: '5 minutes',
  },
} as const;

export const channelActivities = proxyActivities<Activities>(channelOptions);

/** The channel activities with a one-line summary, such as "reminder 2 by sms", shown in the Web UI's event list. */
export function summarisedChannelActivities(summary: string) {
  return proxyActivities<Activities>({ ...channelOptions, summary });
}

/** Case index writes are small and idempotent, so they retry quickly and for as long as it takes. */
const storeOptions = {
  startToCloseTimeout: '30 seconds',
  retry: {
    initialInterval: '500 milliseconds',
    backoffCoefficient: 2,
    maximumInterval: '1 minute',
  },
} as const;

export const storeActivities = proxyActivities<Activities>(storeOptions);

/**
 * The same writes run as local activities: the worker runs them inside the
 * workflow task and records one marker, where a regular activity costs the
 * server a task of its own and the workflow a second task for the result.
 */
export const localStoreActivities = proxyLocalActivities<Activities>(storeOptions);
