import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { projectRoot } from '../../src/config/env';
import { startSandbox, type Sandbox } from '../../src/sandbox/startSandbox';
import { startFerretdb, startTemporal } from '../../src/stack/localServices';
import { freePort, spawnService, waitForPort, type RunningService } from '../../src/stack/processes';
import { connectStore, disconnectStore } from '../../src/store/connection';

/** Reminders hours away and an office that may write at any hour, so only the pickup notices go out. */
export const benchPolicyFile = path.join(projectRoot, 'test', 'fixtures', 'policy-hours.json');

export const caseTaskQueue = 'bench-cases';

const sandboxCredentials = { apiKey: 'bench-key', apiSecret: 'bench-secret' };

export interface ChildOptions {
  env?: NodeJS.ProcessEnv;
  /** Node.js options placed before the script, such as --cpu-prof. */
  nodeArgs?: string[];
}

/** A private stack on free ports of 127.0.0.1, with databases in a temporary folder. */
export interface BenchStack {
  runDir: string;
  logDir: string;
  temporal: RunningService;
  ferretdb: RunningService;
  client: Client;
  /** Environment of the worker and API processes, pointing at this stack. */
  childEnv: NodeJS.ProcessEnv;
  startCaseWorker: (options?: { nodeArgs?: string[] }) => Promise<RunningService>;
  startApi: () => Promise<{ service: RunningService; baseUrl: string }>;
  /** Starts a worker script as a child process and waits until it polls its task queue. */
  startWorker: (name: string, file: string, taskQueue: string, options?: ChildOptions) => Promise<RunningService>;
  stop: () => Promise<void>;
}

/**
 * Starts the Temporal dev server on a fresh SQLite file with the case search
 * attributes, FerretDB on a fresh folder, and the SMTP and SMS sandbox in
 * this process. The worker and the API run as child processes, so their
 * memory can be read from /proc.
 */
export async function startBenchStack(options: { logLevel: string; keepData: boolean; ferretdbBinary: string | null }): Promise<BenchStack> {
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'loketbode-bench-'));
  const logDir = path.join(runDir, 'log');
  const services: RunningService[] = [];
  const children: RunningService[] = [];
  let sandbox: Sandbox | null = null;
  let connection: Connection | null = null;

  const stop = async () => {
    for (const child of [...children].reverse()) {
      await child.stop();
    }
    await connection?.close();
    await sandbox?.close();
    await disconnectStore();
    for (const service of [...services].reverse()) {
      await service.stop();
    }
    if (!options.keepData) {
      fs.rmSync(runDir, { recursive: true, force: true });
    }
  };

  try {
    const temporalPort = await freePort();
    const temporal = await startTemporal({ port: temporalPort, uiPort: await freePort(), dataDir: path.join(runDir, 'temporal'), logDir });
    services.push(temporal);
    const mongoPort = await freePort();
    const ferretdbDataDir = path.join(runDir, 'ferretdb');
    const ferretdb = options.ferretdbBinary
      ? spawnService('ferretdb', options.ferretdbBinary, ['--listen-addr', `127.0.0.1:${mongoPort}`, '--data-dir', ferretdbDataDir], {
          logFile: path.join(logDir, 'ferretdb.log'),
        })
      : await startFerretdb({ port: mongoPort, dataDir: ferretdbDataDir, logDir });
    services.push(ferretdb);
    await waitForPort(mongoPort, ferretdb);

    const mongodbUri = `mongodb://127.0.0.1:${mongoPort}/loketbode-bench`;
    await connectStore(mongodbUri);
    sandbox = await startSandbox({ smtpPort: 0, vonagePort: 0, vonageCredentials: sandboxCredentials });

    const temporalAddress = `127.0.0.1:${temporalPort}`;
    connection = await Connection.connect({ address: temporalAddress });
    const client = new Client({ connection, namespace: 'default' });

    const childEnv: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'development',
      TEMPORAL_ADDRESS: temporalAddress,
      TEMPORAL_NAMESPACE: 'default',
      TEMPORAL_TASK_QUEUE: caseTaskQueue,
      MONGODB_URI: mongodbUri,
      SMTP_URL: `smtp://127.0.0.1:${sandbox.smtpPort}`,
      VONAGE_API_KEY: sandboxCredentials.apiKey,
      VONAGE_API_SECRET: sandboxCredentials.apiSecret,
      VONAGE_REST_HOST: `http://127.0.0.1:${sandbox.vonagePort}`,
      POLICY_FILE: benchPolicyFile,
      MAILROOM_DIR: path.join(runDir, 'mailroom'),
      LOG_LEVEL: options.logLevel,
      // Fifty clerks sharing one development key would hit the per-key request limit, which is not what is measured.
      RATE_LIMIT_PER_KEY: '0',
      RATE_LIMIT_BATCHES_PER_KEY: '0',
      WORKER_METRICS_PORT: '',
      TEMPORAL_SDK_METRICS_PORT: '',
    };
    delete childEnv.API_KEYS_FILE;
    delete childEnv.LOG_FILE;

    const startWorker = async (name: string, file: string, taskQueue: string, { env = childEnv, nodeArgs = [] }: ChildOptions = {}) => {
      const logFile = path.join(logDir, `${name}.log`);
      const args = [...nodeArgs, '--import', 'tsx', file];
      const child = spawnService(name, process.execPath, args, { env: { ...env, LOKETBODE_SERVICE: name }, logFile });
      children.push(child);
      await waitForPoller(client, child, taskQueue, logFile, 180_000);
      return child;
    };

    return {
      runDir,
      logDir,
      temporal,
      ferretdb,
      client,
      childEnv,
      startWorker,
      startCaseWorker: async ({ nodeArgs = [] } = {}) => startWorker('worker', path.join(projectRoot, 'src', 'worker', 'main.ts'), caseTaskQueue, { nodeArgs }),
      startApi: async () => {
        const port = await freePort();
        const logFile = path.join(logDir, 'api.log');
        const env = { ...childEnv, HOST: '127.0.0.1', PORT: String(port), LOKETBODE_SERVICE: 'api' };
        const service = spawnService('api', process.execPath, ['--import', 'tsx', path.join(projectRoot, 'src', 'api', 'main.ts')], { env, logFile });
        children.push(service);
        await waitForPort(port, service, 120_000);
        return { service, baseUrl: `http://127.0.0.1:${port}` };
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * Waits until a worker polls the workflow task queue, or fails when the
 * process exits or time runs out. The task queue must be new to this server,
 * because Temporal lists a poller for a while after it stopped.
 */
async function waitForPoller(client: Client, service: RunningService, taskQueue: string, logFile: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (service.process.exitCode !== null) {
      throw new Error(`${service.name} exited with code ${service.process.exitCode} before it polled ${taskQueue}; see ${logFile}`);
    }
    const description = await client.workflowService.describeTaskQueue({
      namespace: 'default',
      taskQueue: { name: taskQueue, kind: temporal.api.enums.v1.TaskQueueKind.TASK_QUEUE_KIND_NORMAL },
      taskQueueType: temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
    });
    if ((description.pollers ?? []).length > 0) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`${service.name} did not poll task queue ${taskQueue} within ${timeoutMs / 1000} s; see ${logFile}`);
}
