import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Server } from 'node:http';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { createApp } from '../../src/api/app';
import { loadKeyTable } from '../../src/api/auth';
import { readSettings, type Settings } from '../../src/config/env';
import { loadPolicyFile } from '../../src/config/policyFile';
import { connectStore, disconnectStore } from '../../src/store/connection';
import { createCaseWorker } from '../../src/worker/createWorker';

export const shortPolicyFile = path.join(__dirname, '..', 'fixtures', 'policy-seconds.json');

export interface Harness {
  settings: Settings;
  /** Present when the worker runs as a child process, so a test can kill and restart it. */
  workerProcess: WorkerProcess | null;
  baseUrl: string;
  client: Client;
  request: (method: string, route: string, options?: { body?: unknown; key?: string; headers?: Record<string, string> }) => Promise<ApiResponse>;
  close: () => Promise<void>;
}

export interface ApiResponse {
  status: number;
  headers: Headers;
  body: any;
}

/**
 * Starts, inside this test file's process, a case worker on a task queue of
 * its own and the API on a free port, both against the stack that
 * globalSetup started. Test files therefore run in parallel without sharing workers.
 */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  installQuietRuntime();
  const taskQueue = `test-${crypto.randomUUID()}`;
  const env = { ...process.env, ...options.env, POLICY_FILE: options.policyFile ?? shortPolicyFile, TEMPORAL_TASK_QUEUE: taskQueue };
  const settings = readSettings(env);
  await connectStore(settings.mongodbUri);

  let inProcess: { stop: () => Promise<void> } | null = null;
  let workerProcess: WorkerProcess | null = null;
  if (options.workerProcess) {
    workerProcess = new WorkerProcess({ ...env, WORKFLOW_BUNDLE_PATH: process.env.LOKETBODE_TEST_WORKFLOW_BUNDLE });
    await workerProcess.start();
  } else {
    inProcess = await runWorkerInProcess(settings);
  }

  const connection = await Connection.connect({ address: settings.temporalAddress });
  const client = new Client({ connection, namespace: settings.temporalNamespace });
  const app = createApp({
    settings,
    policy: loadPolicyFile(settings.policyFile),
    keys: loadKeyTable({ keysFile: null, production: false }),
    connection,
  });
  const server: Server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    settings,
    workerProcess,
    baseUrl,
    client,
    request: async (method, route, requestOptions = {}) => {
      const headers: Record<string, string> = { ...requestOptions.headers };
      headers.authorization ??= `Bearer ${requestOptions.key ?? 'dev-clerk'}`;
      if (requestOptions.body !== undefined) {
        headers['content-type'] ??= 'application/json';
      }
      const response = await fetch(`${baseUrl}${route}`, {
        method,
        headers,
        body: requestOptions.body === undefined ? undefined : typeof requestOptions.body === 'string' ? requestOptions.body : JSON.stringify(requestOptions.body),
      });
      const text = await response.text();
      const isJson = (response.headers.get('content-type') ?? '').includes('json');
      return { status: response.status, headers: response.headers, body: isJson && text ? JSON.parse(text) : text };
    },
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await inProcess?.stop();
      await workerProcess?.stop();
      await connection.close();
      await disconnectStore();
    },
  };
}

export interface HarnessOptions {
  policyFile?: string;
  /** Settings that differ from the shared stack's, such as a private SMTP_URL. */
  env?: Record<string, string>;
  /** Runs the worker as a child process instead of inside the test process. */
  workerProcess?: boolean;
}

async function runWorkerInProcess(settings: Settings): Promise<{ stop: () => Promise<void> }> {
  const caseWorker = await createCaseWorker(settings, { workflowBundlePath: process.env.LOKETBODE_TEST_WORKFLOW_BUNDLE });
  const running = caseWorker.worker.run();
  return {
    stop: async () => {
      caseWorker.worker.shutdown();
      await running;
      caseWorker.mailTransport.close();
      await caseWorker.connection.close();
    },
  };
}

/** The case worker as a child process: `node --import tsx src/worker/main.ts`. */
export class WorkerProcess {
  private child: ChildProcess | null = null;

  constructor(private readonly env: NodeJS.ProcessEnv) {}

  /** Starts the worker and waits until it polls its task queue. */
  async start(): Promise<void> {
    // A service name of its own tells this start's log lines from an earlier, killed worker's.
    const service = `worker-${crypto.randomUUID().slice(0, 8)}`;
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, '..', '..', 'src', 'worker', 'main.ts')], {
      env: { ...this.env, LOKETBODE_SERVICE: service },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    this.child = child;
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    await waitFor(
      'the worker process to start',
      async () => {
        if (child.exitCode !== null) {
          throw new Error(`worker exited with ${child.exitCode}: ${stderr.slice(-2000)}`);
        }
        return workerStarted(this.env.LOG_FILE ?? '', service) ? true : undefined;
      },
      60_000,
    );
  }

  /** Kills the worker at once, as a crash or an out-of-memory kill would. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) {
      return;
    }
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) {
      return;
    }
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
}

/** True once the worker with this service name logged that it started. */
function workerStarted(logFile: string, service: string): boolean {
  if (!fs.existsSync(logFile)) {
    return false;
  }
  return fs
    .readFileSync(logFile, 'utf8')
    .split('\n')
    .some((line) => line.includes('"Worker started"') && line.includes(`"service":"${service}"`));
}

/** Polls until the check returns a value other than undefined, or fails with the description after the timeout. */
export async function waitFor<T>(description: string, check: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${description}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

let runtimeInstalled = false;

/** Keeps the SDK's own INFO lines out of the test output; warnings and errors still show. */
function installQuietRuntime(): void {
  if (!runtimeInstalled) {
    Runtime.install({ logger: new DefaultLogger('WARN') });
    runtimeInstalled = true;
  }
}
