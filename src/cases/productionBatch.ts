import crypto from 'node:crypto';
import type { Client } from '@temporalio/client';
import { isCaseId } from '../domain/caseId';
import { CaseStatus } from '../domain/caseStatus';
import { logger } from '../logging';
import { countProductionBatch } from '../metrics/apiMetrics';
import { CaseModel } from '../store/caseModel';
import { productionBatchWorkflow } from '../workflows';
import { CaseError } from './caseErrors';

/** At most this many lines per delivery list, which keeps one batch workflow's history small. */
export const maxBatchLines = 5_000;

export interface BatchLine {
  line: number;
  value: string;
}

export interface BatchLineResult {
  line: number;
  value: string;
  outcome: 'accepted' | 'rejected';
  caseId?: string;
  reference?: string;
  code?: string;
  status?: string;
}

export interface BatchResult {
  batchId: string;
  received: number;
  accepted: number;
  rejected: number;
  results: BatchLineResult[];
}

/**
 * Checks each line of a delivery list against the case index, then starts
 * one workflow that marks the accepted cases ready. A line names a case by
 * reference or by id; an unknown case, a case no longer awaiting production
 * and a repeated line are rejected with their reason.
 */
export async function startProductionBatch(client: Client, taskQueue: string, lines: BatchLine[], actor: string): Promise<BatchResult> {
  if (lines.length === 0) {
    throw new CaseError('invalid', 'empty_batch');
  }
  if (lines.length > maxBatchLines) {
    throw new CaseError('invalid', 'batch_too_large');
  }

  const ids = lines.map((line) => line.value).filter((value) => isCaseId(value));
  const references = lines.map((line) => line.value).filter((value) => !isCaseId(value));
  const records = await CaseModel.find({ $or: [{ _id: { $in: ids } }, { reference: { $in: references } }] })
    .select({ _id: 1, reference: 1, status: 1 })
    .lean();
  const byKey = new Map<string, (typeof records)[number]>();
  for (const record of records) {
    byKey.set(record._id, record);
    byKey.set(record.reference, record);
  }

  const seen = new Set<string>();
  const results: BatchLineResult[] = lines.map(({ line, value }) => {
    const record = byKey.get(value);
    if (!record) {
      return { line, value, outcome: 'rejected', code: 'not_found' };
    }
    if (seen.has(record._id)) {
      return { line, value, outcome: 'rejected', code: 'duplicate_line', caseId: record._id, reference: record.reference };
    }
    seen.add(record._id);
    if (record.status !== CaseStatus.AwaitingProduction) {
      return { line, value, outcome: 'rejected', code: 'case_not_awaiting_production', caseId: record._id, reference: record.reference, status: record.status };
    }
    return { line, value, outcome: 'accepted', caseId: record._id, reference: record.reference };
  });

  const batchId = crypto.randomUUID();
  const caseIds = results.filter((result) => result.outcome === 'accepted').map((result) => result.caseId ?? '');
  if (caseIds.length > 0) {
    await client.workflow.start(productionBatchWorkflow, {
      workflowId: `production-batch-${batchId}`,
      taskQueue,
      args: [{ batchId, actor, caseIds }],
      staticSummary: `production batch of ${caseIds.length} cases`,
    });
  }

  countProductionBatch(results, caseIds.length > 0);
  const rejected = results.length - caseIds.length;
  logger.info({ batchId, received: lines.length, accepted: caseIds.length, rejected }, 'Production batch started');
  return { batchId, received: lines.length, accepted: caseIds.length, rejected, results };
}
