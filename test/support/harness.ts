import crypto from 'node:crypto';
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
export async function startHarness(options: { policyFile?: string } = {}): Promise<Harness> {
  installQuietRuntime();
  const settings: Settings = {
    ...readSettings({ ...process.env, POLICY_FILE: options.policyFile ?? shortPolicyFile }),
    taskQueue: `test-${crypto.randomUUID()}`,
  };
  await connectStore(settings.mongodbUri);

  const caseWorker = await createCaseWorker(settings, { workflowBundlePath: process.env.LOKETBODE_TEST_WORKFLOW_BUNDLE });
  const running = caseWorker.worker.run();

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
      caseWorker.worker.shutdown();
      await running;
      caseWorker.mailTransport.close();
      await caseWorker.connection.close();
      await connection.close();
      await disconnectStore();
    },
  };
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
