import { getExternalWorkflowHandle, log, patched, proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';
import { documentArrived } from './messages';

export interface ProductionBatchInput {
  batchId: string;
  actor: string;
  caseIds: string[];
}

/** Cases per step, which bounds the commands of one workflow task and the input of one activity. */
const signalsPerStep = 200;

/** Marks histories recorded after the signals moved from the batch workflow into an activity. */
const signalFromActivityPatch = 'signal-cases-from-activity';

/** Signalling retries while Temporal is unreachable, so the cases wait until it is back. */
const { signalDocumentsArrived } = proxyActivities<Activities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/**
 * Marks every case of a delivery list ready. The API checked each line
 * before starting this workflow; running the signals here makes the batch
 * durable, so a crash of the API halfway through loses no case.
 */
export async function productionBatchWorkflow(input: ProductionBatchInput): Promise<{ signalled: number; failed: string[] }> {
  const failed: string[] = [];
  const fromActivity = patched(signalFromActivityPatch);

  for (let start = 0; start < input.caseIds.length; start += signalsPerStep) {
    const step = input.caseIds.slice(start, start + signalsPerStep);
    if (fromActivity) {
      const { notRunning } = await signalDocumentsArrived({ batchId: input.batchId, actor: input.actor, caseIds: step });
      failed.push(...notRunning);
    } else {
      failed.push(...(await signalFromWorkflow(step, input)));
    }
  }

  if (failed.length > 0) {
    log.warn('Some cases of the production batch could not be signalled', { batchId: input.batchId, failed: failed.length });
  }
  return { signalled: input.caseIds.length - failed.length, failed };
}

/** Signals one step of cases as external workflows, as batches started before the patch still do. Returns the cases that failed. */
async function signalFromWorkflow(step: string[], input: ProductionBatchInput): Promise<string[]> {
  const outcomes = await Promise.allSettled(
    step.map((caseId) => getExternalWorkflowHandle(caseId).signal(documentArrived, { actor: input.actor, batchId: input.batchId })),
  );
  return step.filter((_caseId, index) => outcomes[index]?.status === 'rejected');
}
