import { Counter, Histogram, Registry } from 'prom-client';
import type { BatchLineResult } from '../cases/productionBatch';
import type { Channel } from '../domain/channels';
import { createFallbackCounter } from './fallbacks';

/**
 * Metrics the API process owns, served at its `/metrics`. The worker keeps
 * its own registry, because tests run the API and the worker in one process
 * and each endpoint must show only what its process does.
 */
export const apiRegistry = new Registry();

export const httpRequestDuration = new Histogram({
  name: 'http_request_duration_seconds',
  help: 'Duration of HTTP requests to the API in seconds, by method, route pattern and status code.',
  labelNames: ['method', 'route', 'status_code'] as const,
  registers: [apiRegistry],
});

const casesStarted = new Counter({
  name: 'loketbode_cases_started_total',
  help: 'Cases registered whose workflow started, by document type, office and preferred channel.',
  labelNames: ['document_type', 'office', 'preferred_channel'] as const,
  registers: [apiRegistry],
});

const updatesRejected = new Counter({
  name: 'loketbode_updates_rejected_total',
  help: 'Clerk actions rejected with 409 because they do not fit the case status, by error code.',
  labelNames: ['code'] as const,
  registers: [apiRegistry],
});

const productionBatches = new Counter({
  name: 'loketbode_production_batches_total',
  help: 'Delivery lists checked, by outcome: started (a batch workflow marks the accepted cases ready) or nothing-accepted.',
  labelNames: ['outcome'] as const,
  registers: [apiRegistry],
});

const productionBatchLines = new Counter({
  name: 'loketbode_production_batch_lines_total',
  help: 'Lines of delivery lists, by outcome (accepted or rejected) and, for rejected lines, the error code.',
  labelNames: ['outcome', 'code'] as const,
  registers: [apiRegistry],
});

const deliveryReceipts = new Counter({
  name: 'loketbode_delivery_receipts_total',
  help: 'Signed Vonage delivery receipts received, one per SMS part, by Vonage status (an unlisted status counts as "other").',
  labelNames: ['status'] as const,
  registers: [apiRegistry],
});

const countFallback = createFallbackCounter(apiRegistry);

/** Statuses Vonage documents for SMS delivery receipts. The label takes no other value, because receipts come from outside. */
const receiptStatuses = new Set(['delivered', 'expired', 'failed', 'rejected', 'accepted', 'buffered', 'unknown']);

export function countCaseStarted(documentType: string, office: string, preferredChannel: Channel): void {
  casesStarted.inc({ document_type: documentType, office, preferred_channel: preferredChannel });
}

export function countUpdateRejected(code: string): void {
  updatesRejected.inc({ code });
}

/** Counts a checked delivery list and each of its lines. */
export function countProductionBatch(results: readonly BatchLineResult[], started: boolean): void {
  productionBatches.inc({ outcome: started ? 'started' : 'nothing-accepted' });
  for (const result of results) {
    productionBatchLines.inc({ outcome: result.outcome, code: result.code ?? '' });
  }
}

export function countDeliveryReceipt(status: string): void {
  deliveryReceipts.inc({ status: receiptStatuses.has(status) ? status : 'other' });
}

/** Counts the fallback that a failed delivery receipt asked the case workflow for. */
export function countReceiptFallback(failedChannel: Channel): void {
  countFallback('delivery-receipt', failedChannel);
}
