import { Context } from '@temporalio/activity';
import { WorkflowNotFoundError } from '@temporalio/common';
import { logger } from '../logging';
import { documentArrived } from '../workflows/messages';

export interface DocumentsArrivedInput {
  batchId: string;
  actor: string;
  caseIds: string[];
}

/** Signals one activity sends at once, enough to keep the server busy without queueing in the client. */
const signalsInFlight = 25;

/**
 * Signals "document arrived" to each case of a production batch through the
 * worker's client and returns the cases whose workflow no longer runs. A
 * signal from an activity costs the server one write on the case. The same
 * signal sent by the batch workflow also writes an event on the batch and
 * wakes it, so every case of a batch waited for that one workflow.
 * Repeating the activity is safe because a case that is already ready
 * ignores the signal. Other errors are thrown, so Temporal retries.
 */
export async function signalDocumentsArrived(input: DocumentsArrivedInput): Promise<{ notRunning: string[] }> {
  const { client } = Context.current();
  const notRunning: string[] = [];
  let next = 0;

  const signalNext = async (): Promise<void> => {
    while (next < input.caseIds.length) {
      const caseId = input.caseIds[next] as string;
      next += 1;
      try {
        await client.workflow.getHandle(caseId).signal(documentArrived, { actor: input.actor, batchId: input.batchId });
      } catch (error) {
        if (!(error instanceof WorkflowNotFoundError)) {
          throw error;
        }
        notRunning.push(caseId);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(signalsInFlight, input.caseIds.length) }, signalNext));

  if (notRunning.length > 0) {
    logger.warn({ batchId: input.batchId, notRunning: notRunning.length }, 'Some cases of the production batch no longer run');
  }
  return { notRunning };
}
