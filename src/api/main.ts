import { Connection } from '@temporalio/client';
import { readSettings } from '../config/env';
import { loadPolicyFile } from '../config/policyFile';
import { logger } from '../logging';
import { connectStore, disconnectStore } from '../store/connection';
import { createApp } from './app';
import { loadKeyTable } from './auth';

/** Runs the API until SIGINT or SIGTERM, then finishes the requests in flight before closing connections. */
async function main(): Promise<void> {
  const settings = readSettings();
  const policy = loadPolicyFile(settings.policyFile);
  const keys = loadKeyTable({ keysFile: settings.apiKeysFile, production: settings.production });

  await connectStore(settings.mongodbUri);
  // A lazy connection lets the API start, and answer 503, while Temporal is still down.
  const connection = Connection.lazy({ address: settings.temporalAddress });
  const app = createApp({ settings, policy, keys, connection });

  const server = app.listen(settings.port, settings.host, () => {
    logger.info({ host: settings.host, port: settings.port }, 'API listening');
  });

  const shutdown = (signal: string) => {
    logger.info({ signal }, 'API stopping');
    server.close(async () => {
      await connection.close();
      await disconnectStore();
      logger.info('API stopped');
      process.exit(0);
    });
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  logger.fatal({ err: error }, 'API failed to start');
  process.exit(1);
});
