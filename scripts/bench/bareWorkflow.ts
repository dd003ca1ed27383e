import { condition, defineSignal, setHandler } from '@temporalio/workflow';

/** The one signal the bare workflow waits for. */
export const proceed = defineSignal('proceed');

/**
 * Waits for one signal and completes: the smallest workflow with the shape
 * of a case. Its throughput is what the Temporal server and one worker
 * manage with no activities and no store, the upper bound the case workflow
 * is compared with.
 */
export async function bareWorkflow(): Promise<void> {
  let signalled = false;
  setHandler(proceed, () => {
    signalled = true;
  });
  await condition(() => signalled);
}
