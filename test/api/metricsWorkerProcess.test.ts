import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../../src/config/env';
import { freePort, spawnService, waitForPort, type RunningService } from '../../src/stack/processes';
import { shortPolicyFile, waitFor } from '../support/harness';

// The worker entry point bundles the workflows itself, which takes longer than the default timeout.
jest.setTimeout(180_000);

let worker: RunningService;
let workerMetricsPort: number;
let sdkMetricsPort: number;
let logFile: string;
const taskQueue = `test-${crypto.randomUUID()}`;

beforeAll(async () => {
  workerMetricsPort = await freePort();
  sdkMetricsPort = await freePort();
  logFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'loketbode-worker-metrics-')), 'worker.log');
  worker = spawnService('worker', process.execPath, ['--import', 'tsx', path.join(projectRoot, 'src/worker/main.ts')], {
    logFile,
    env: {
      ...process.env,
      LOKETBODE_SERVICE: 'worker',
      LOG_FILE: '',
      POLICY_FILE: shortPolicyFile,
      TEMPORAL_TASK_QUEUE: taskQueue,
      WORKER_METRICS_PORT: String(workerMetricsPort),
      TEMPORAL_SDK_METRICS_PORT: String(sdkMetricsPort),
    },
  });
  await waitForPort(workerMetricsPort, worker, 60_000);
  await waitForPort(sdkMetricsPort, worker, 60_000);
});

afterAll(async () => {
  await worker?.stop();
});

test('worker process serves its own metrics', async () => {
  const response = await fetch(`http://127.0.0.1:${workerMetricsPort}/metrics`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/plain; version=0.0.4');
  const text = await response.text();
  expect(text).toMatch(/^loketbode_cases\{status="awaiting-production"\} \d+$/m);
  expect(text).toContain('# TYPE loketbode_messages_total counter');
  expect(text).toContain('process_cpu_user_seconds_total');
  expect(text).not.toContain('http_request_duration_seconds');
});

test('worker metrics server answers 404 elsewhere', async () => {
  const response = await fetch(`http://127.0.0.1:${workerMetricsPort}/`);
  expect(response.status).toBe(404);
  const post = await fetch(`http://127.0.0.1:${workerMetricsPort}/metrics`, { method: 'POST' });
  expect(post.status).toBe(405);
});

test('Temporal SDK metrics show the polling worker', async () => {
  // The exporter listens from the start, but the worker's own samples appear once it has bundled the workflows and polls.
  const text = await waitFor('SDK samples for the worker task queue', async () => {
    const response = await fetch(`http://127.0.0.1:${sdkMetricsPort}/metrics`);
    const body = await response.text();
    return response.status === 200 && body.includes(`task_queue="${taskQueue}"`) ? body : undefined;
  }, 60_000);
  expect(text).toContain('# TYPE temporal_request counter');
  expect(text).toMatch(new RegExp(`^temporal_\\w+\\{[^}]*task_queue="${taskQueue}"`, 'm'));
  expect(text).not.toContain('loketbode_');
});

test('SIGTERM stops the worker and its metrics', async () => {
  await worker.stop();
  expect(worker.process.exitCode).toBe(0);
  await expect(fetch(`http://127.0.0.1:${workerMetricsPort}/metrics`)).rejects.toThrow();
  const log = fs.readFileSync(logFile, 'utf8');
  expect(log).toContain('Worker metrics listening');
  expect(log).toContain('Worker stopped');
});
