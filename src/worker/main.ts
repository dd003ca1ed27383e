import { readSettings } from '../config/env';
import { logger } from '../logging';
import { installTemporalSdkMetrics } from '../metrics/temporalSdkMetrics';
import { startWorkerMetricsServer, type MetricsServer } from '../metrics/workerMetricsServer';
import { readWorkerMetricsSettings } from '../metrics/workerMetricsSettings';
import { connectStore, disconnectStore } from '../store/connection';
import { ensureSearchAttributes } from '../temporal/ensureSearchAttributes';
import { schedulePersonalDataPurge } from '../retention/purgePersonalData';
import { createCaseWorker } from './createWorker';

/** Runs the case worker until SIGINT or SIGTERM; the Temporal SDK shuts it down gracefully on either. */
async function main(): Promise<void> {
  const settings = readSettings();
  const metricsSettings = readWorkerMetricsSettings();
  // The SDK runtime must be installed before the worker opens its first connection.
  if (metricsSettings.sdkPort !== null) {
    const url = installTemporalSdkMetrics(metricsSettings.host, metricsSettings.sdkPort);
    logger.info({ url }, 'Temporal SDK metrics listening');
  }

  await connectStore(settings.mongodbUri);
  // Started before bundling the workflows, so a port clash fails the start at once.
  let metricsServer: MetricsServer | null = null;
  if (metricsSettings.port !== null) {
    metricsServer = await startWorkerMetricsServer({ host: metricsSettings.host, port: metricsSettings.port });
  }

  const { worker, connection, mailTransport } = await createCaseWorker(settings);
  await ensureSearchAttributes(connection, settings.temporalNamespace).catch((error: Error) => {
    logger.warn({ err: error.message }, 'Could not check the search attributes; managers may not be able to filter cases');
  });

  const stopPurge = schedulePersonalDataPurge(settings.retentionDays);
  logger.info({ taskQueue: settings.taskQueue, temporalAddress: settings.temporalAddress }, 'Worker started');
  try {
    await worker.run();
  } finally {
    stopPurge();
    await metricsServer?.close();
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
