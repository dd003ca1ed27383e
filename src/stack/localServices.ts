import fs from 'node:fs';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { searchAttributeDefinitions } from '../domain/searchAttributes';
import { ensureSearchAttributes } from '../temporal/ensureSearchAttributes';
import { ferretdbBinary, temporalBinary } from './binaries';
import { spawnService, waitForPort, type RunningService } from './processes';

/**
 * Starts the Temporal CLI's dev server with SQLite persistence and the Web UI,
 * then makes sure the case search attributes exist, also on a database
 * created before they were added.
 */
export async function startTemporal(options: { port: number; uiPort: number; dataDir: string; logDir: string }): Promise<RunningService> {
  fs.mkdirSync(options.dataDir, { recursive: true });
  const args = [
    'server',
    'start-dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(options.port),
    '--ui-port',
    String(options.uiPort),
    '--db-filename',
    path.join(options.dataDir, 'temporal.db'),
    // The dev server's SQLite default is a rollback journal with a full sync on
    // every commit, and it writes through one connection, so each workflow start
    // waits for several syncs in a queue. A write-ahead log survives a crash of
    // the server process, and only a power cut can lose the last commits.
    '--sqlite-pragma',
    'journal_mode=wal',
    '--sqlite-pragma',
    'synchronous=normal',
    // Lets the server hand an activity to the worker in the reply to the workflow
    // task that scheduled it, which saves the task queue a round trip.
    '--dynamic-config-value',
    'system.enableActivityEagerExecution=true',
    '--log-level',
    'warn',
    ...searchAttributeDefinitions.flatMap((definition) => ['--search-attribute', `${definition.name}=${definition.type}`]),
  ];
  const service = spawnService('temporal', temporalBinary(), args, { logFile: path.join(options.logDir, 'temporal.log') });
  await waitForPort(options.port, service, 90_000);

  const connection = await Connection.connect({ address: `127.0.0.1:${options.port}` });
  try {
    await ensureSearchAttributes(connection, 'default');
  } finally {
    await connection.close();
  }
  return service;
}

/** Starts FerretDB with its SQLite backend as the MongoDB-wire store. */
export async function startFerretdb(options: { port: number; dataDir: string; logDir: string }): Promise<RunningService> {
  const args = ['--listen-addr', `127.0.0.1:${options.port}`, '--data-dir', options.dataDir];
  const service = spawnService('ferretdb', ferretdbBinary(), args, { logFile: path.join(options.logDir, 'ferretdb.log') });
  await waitForPort(options.port, service);
  return service;
}
