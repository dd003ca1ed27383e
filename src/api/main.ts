import { Connection } from '@temporalio/client';
import { readSettings } from '../config/env';
import { loadPolicyFile } from '../config/policyFile';
import { logger } from '../logging';
import { connectStore, disconnectStore } from '../store/connection';
import { createApp } from './app';
import { loadKeyTable } from './auth';
import { closeServerGracefully, readShutdownTimeoutMs } from './gracefulShutdown';
import { readRateLimitSettings } from './rateLimit';
import { readTemporalDeadlineMs } from './temporalDeadline';

/**
 * Runs the API until SIGINT or SIGTERM, then finishes the requests in flight
 * before closing the Temporal and MongoDB connections. Requests still running
 * after SHUTDOWN_TIMEOUT_MS are cut off. A second signal stops at once.
 */
async function main(): Promise<void> {
  const settings = readSettings();
  const policy = loadPolicyFile(settings.policyFile);
  const keys = loadKeyTable({ keysFile: settings.apiKeysFile, keysJson: process.env.API_KEYS ?? null, production: settings.production });
  const rateLimits = readRateLimitSettings();
  const temporalDeadlineMs = readTemporalDeadlineMs();
  const shutdownTimeoutMs = readShutdownTimeoutMs();

  await connectStore(settings.mongodbUri);
  // A lazy connection lets the API start, and answer 503, while Temporal is still down.
  const connection = Connection.lazy({ address: settings.temporalAddress });
  const app = createApp({ settings, policy, keys, connection, rateLimits, temporalDeadlineMs });

  const server = app.listen(settings.port, settings.host, () => {
    logger.info({ host: settings.host, port: settings.port }, 'API listening');
  });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) {
      logger.warn({ signal }, 'Second stop signal; exiting without waiting for requests in flight');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal, shutdownTimeoutMs }, 'API stopping; finishing requests in flight');

    const { forced } = await closeServerGracefully(server, shutdownTimeoutMs);
    try {
      await connection.close();
      await disconnectStore();
    } catch (error) {
      logger.warn({ err: error }, 'Closing the Temporal or MongoDB connection failed');
    }
    logger.info({ forced }, 'API stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  logger.fatal({ err: error }, 'API failed to start');
  process.exit(1);
});
