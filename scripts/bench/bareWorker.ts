import { NativeConnection, Worker } from '@temporalio/worker';
import { logger } from '../../src/logging';
import { readWorkerTuning } from '../../src/worker/workerTuning';

/**
 * Runs the bare workflow on its own task queue, with the same cache and
 * concurrency settings as the case worker, until SIGINT or SIGTERM.
 */
async function main(): Promise<void> {
  const address = process.env.TEMPORAL_ADDRESS;
  const taskQueue = process.env.BENCH_BARE_TASK_QUEUE;
  if (!address || !taskQueue) {
    throw new Error('TEMPORAL_ADDRESS and BENCH_BARE_TASK_QUEUE must be set');
  }

  const tuning = readWorkerTuning();
  const connection = await NativeConnection.connect({ address });
  const worker = await Worker.create({
    connection,
    namespace: 'default',
    taskQueue,
    workflowsPath: require.resolve('./bareWorkflow'),
    ...tuning,
  });
  logger.info({ taskQueue, ...tuning }, 'Bare worker started');
  try {
    await worker.run();
  } finally {
    await connection.close();
  }
}

main().catch((error: unknown) => {
  logger.fatal({ err: error }, 'Bare worker failed');
  process.exit(1);
});
