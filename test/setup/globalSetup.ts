import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { startFerretdb, startTemporal } from '../../src/stack/localServices';
import { freePort, type RunningService } from '../../src/stack/processes';
import { startSandbox, type Sandbox } from '../../src/sandbox/startSandbox';
import { connectStore, disconnectStore } from '../../src/store/connection';

/**
 * Starts the real stack once for the whole run: the Temporal dev server and
 * FerretDB on fresh data folders, the capture SMTP server and the fake Vonage
 * API. Services named by TEMPORAL_ADDRESS or MONGODB_URI are used instead of
 * local ones. Test files learn the addresses from the environment.
 */
export default async function globalSetup(): Promise<void> {
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'loketbode-test-'));
  const logDir = path.join(runDir, 'log');
  const services: RunningService[] = [];

  if (!process.env.TEMPORAL_ADDRESS) {
    const port = await freePort();
    services.push(await startTemporal({ port, uiPort: await freePort(), dataDir: runDir, logDir }));
    process.env.TEMPORAL_ADDRESS = `127.0.0.1:${port}`;
  }
  if (!process.env.MONGODB_URI) {
    const port = await freePort();
    services.push(await startFerretdb({ port, dataDir: path.join(runDir, 'ferretdb'), logDir }));
    process.env.MONGODB_URI = `mongodb://127.0.0.1:${port}/loketbode-test`;
  }

  await connectStore(process.env.MONGODB_URI);
  process.env.VONAGE_API_KEY = 'test-key';
  process.env.VONAGE_API_SECRET = 'test-secret';
  process.env.VONAGE_SIGNATURE_SECRET = 'test-signature-secret';
  const sandbox = await startSandbox({
    smtpPort: 0,
    vonagePort: 0,
    vonageCredentials: { apiKey: 'test-key', apiSecret: 'test-secret' },
  });
  process.env.SMTP_URL = `smtp://127.0.0.1:${sandbox.smtpPort}`;
  process.env.VONAGE_REST_HOST = `http://127.0.0.1:${sandbox.vonagePort}`;
  process.env.MAILROOM_DIR = path.join(runDir, 'mailroom');
  // The application log goes to a file at info level, so the privacy test can scan every line.
  process.env.LOG_FILE = path.join(logDir, 'loketbode.log');
  process.env.LOG_LEVEL = process.env.LOG_LEVEL ?? 'info';

  // One workflow bundle for every test worker saves several seconds per test file.
  const bundle = await bundleWorkflowCode({ workflowsPath: require.resolve('../../src/workflows'), logger: quietBundlerLogger });
  const bundlePath = path.join(runDir, 'workflow-bundle.js');
  fs.writeFileSync(bundlePath, bundle.code);
  process.env.LOKETBODE_TEST_WORKFLOW_BUNDLE = bundlePath;

  const state: GlobalStack = { services, sandbox, runDir };
  (globalThis as { loketbodeStack?: GlobalStack }).loketbodeStack = state;
}

export interface GlobalStack {
  services: RunningService[];
  sandbox: Sandbox;
  runDir: string;
}

const quietBundlerLogger = {
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: (message: string) => console.warn(message),
  error: (message: string) => console.error(message),
  log: () => undefined,
};

export { disconnectStore };
