import { getExternalWorkflowHandle, log } from '@temporalio/workflow';
import { documentArrived } from './messages';

export interface ProductionBatchInput {
  batchId: string;
  actor: string;
  caseIds: string[];
}

/** Signals sent at once; bounds the number of commands in one workflow task. */
const signalsPerStep = 200;

/**
 * Marks every case of a delivery list ready. The API checked each line
 * before starting this workflow; running the signals here makes the batch
 * durable, so a crash of the API halfway through loses no case.
 */
export async function productionBatchWorkflow(input: ProductionBatchInput): Promise<{ signalled: number; failed: string[] }> {
  const failed: string[] = [];

  for (let start = 0; start < input.caseIds.length; start += signalsPerStep) {
    const step = input.caseIds.slice(start, start + signalsPerStep);
    const outcomes = await Promise.allSettled(
      step.map((caseId) => getExternalWorkflowHandle(caseId).signal(documentArrived, { actor: input.actor, batchId: input.batchId })),
    );
    outcomes.forEach((outcome, index) => {
      if (outcome.status === 'rejected') {
        failed.push(step[index] ?? '');
      }
    });
  }

  if (failed.length > 0) {
    log.warn('Some cases of the production batch could not be signalled', { batchId: input.batchId, failed: failed.length });
  }
  return { signalled: input.caseIds.length - failed.length, failed };
}
