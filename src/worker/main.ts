import { readSettings } from '../config/env';
import { logger } from '../logging';
import { connectStore, disconnectStore } from '../store/connection';
import { ensureSearchAttributes } from '../temporal/ensureSearchAttributes';
import { createCaseWorker } from './createWorker';

/** Runs the case worker until SIGINT or SIGTERM; the Temporal SDK shuts it down gracefully on either. */
async function main(): Promise<void> {
  const settings = readSettings();
  await connectStore(settings.mongodbUri);
  const { worker, connection, mailTransport } = await createCaseWorker(settings);
  await ensureSearchAttributes(connection, settings.temporalNamespace).catch((error: Error) => {
    logger.warn({ err: error.message }, 'Could not check the search attributes; managers may not be able to filter cases');
  });

  logger.info({ taskQueue: settings.taskQueue, temporalAddress: settings.temporalAddress }, 'Worker started');
  try {
    await worker.run();
  } finally {
    mailTransport.close();
    await connection.close();
    await disconnectStore();
    logger.info('Worker stopped');
  }
}

main().catch((error: unknown) => {
  logger.fatal({ err: error }, 'Worker failed');
  process.exit(1);
});
