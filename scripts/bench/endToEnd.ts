import { performance } from 'node:perf_hooks';
import mongoose from 'mongoose';
import { CaseStatus } from '../../src/domain/caseStatus';
import { CaseModel } from '../../src/store/caseModel';
import { NotificationModel } from '../../src/store/notificationModel';
import { SandboxMessageModel } from '../../src/store/sandboxMessageModel';
import { applicationBody } from './applications';
import { caseTaskQueue, type BenchStack } from './benchStack';
import { percentile, pollUntil, runConcurrently } from './load';
import { workerNodeArgs, type BenchOptions } from './options';
import { CpuMeter, MemorySampler, type MemoryPeaks, type WatchedProcess } from './processStats';
import { waitForEmptyBacklog } from './taskQueueBacklog';

export interface LatencySummary {
  count: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
}

export interface EndToEndResult {
  registration: LatencySummary & {
    warmUp: number;
    failed: number;
    failures: string[];
    seconds: number;
    perSecond: number;
    /** From the last response until the worker had run the first workflow task of every case. */
    settleSeconds: number;
  };
  batch: { lines: number; accepted: number; responseMs: number; allReadySeconds: number };
  notices: {
    count: number;
    bySmsAndEmail: { sms: number; email: number };
    allSentSeconds: number;
    perSecond: number;
    /** Time from the batch request to each notice reaching the sandbox. */
    delay: LatencySummary;
    notificationLog: Record<string, number>;
    retriedAttempts: number;
  };
  memory: MemoryPeaks;
  cpuSeconds: { registration: Record<string, number>; batchToNotices: Record<string, number> };
}

const clerkHeaders = { authorization: 'Bearer dev-clerk', 'content-type': 'application/json' };

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function summarise(values: number[]): LatencySummary {
  return {
    count: values.length,
    p50Ms: percentile(values, 50),
    p95Ms: percentile(values, 95),
    p99Ms: percentile(values, 99),
    maxMs: values.length ? Math.max(...values) : Number.NaN,
  };
}

/** Registers one case; the latency counts from `started`, which is earlier than now when the request waited for a free lane. */
async function register(baseUrl: string, index: number, reference: string | null, started = performance.now()): Promise<{ reference: string; ms: number }> {
  const body = { ...applicationBody(index), ...(reference ? { reference } : {}) };
  const response = await fetch(`${baseUrl}/api/v1/applications`, { method: 'POST', headers: clerkHeaders, body: JSON.stringify(body) });
  const text = await response.text();
  const ms = performance.now() - started;
  if (response.status !== 201) {
    throw new Error(`registration ${index} returned HTTP ${response.status}: ${text.slice(0, 200)}`);
  }
  return { reference: (JSON.parse(text) as { reference: string }).reference, ms };
}

let sandboxInsertCount = 0;

/**
 * Counts the messages the sandbox in this process stores, through mongoose's
 * debug hook, which runs when the insert is sent. Counting in the store instead
 * would cost a full collection scan per poll on FerretDB 1.x, which pushes
 * down filters on `_id` only.
 */
function countSandboxInserts(): () => number {
  mongoose.set('debug', (collectionName: string, methodName: string) => {
    if (collectionName === SandboxMessageModel.collection.collectionName && methodName === 'insertOne') {
      sandboxInsertCount += 1;
    }
  });
  return () => sandboxInsertCount;
}

/**
 * Registers the cases through the API, marks them ready with one production
 * batch and waits until every pickup notice reached the SMS or SMTP sandbox.
 */
export async function runEndToEnd(stack: BenchStack, options: BenchOptions, log: (line: string) => void): Promise<EndToEndResult> {
  const worker = await stack.startCaseWorker({ nodeArgs: workerNodeArgs(options) });
  const { service: api, baseUrl } = await stack.startApi();
  const watched: WatchedProcess[] = [
    { name: 'worker', pid: worker.process.pid ?? 0 },
    { name: 'api', pid: api.process.pid ?? 0 },
    { name: 'temporal', pid: stack.temporal.process.pid ?? 0 },
    { name: 'ferretdb', pid: stack.ferretdb.process.pid ?? 0 },
    { name: 'bench (load and sandbox)', pid: process.pid },
  ];
  const sampler = new MemorySampler(watched);
  sampler.start();
  const timeoutMs = options.timeoutSeconds * 1000;
  const sandboxInserts = countSandboxInserts();

  // One request per lane before timing, so connection set-up and the first JIT passes are not in the figures.
  const warmUp = options.concurrency;
  const referenceFor = (index: number) => (options.serverReferences ? null : `BENCH-${String(index + 1).padStart(6, '0')}`);
  log(`Warming up with ${warmUp} registrations...`);
  const warmUpErrors = await runConcurrently(warmUp, options.concurrency, async (index) => {
    await register(baseUrl, options.cases + index, referenceFor(options.cases + index));
  });
  if (warmUpErrors.length > 0) {
    log(`${warmUpErrors.length} warm-up registrations failed; first: ${describeError(warmUpErrors[0]?.error)}`);
  }

  const pace = options.registrationsPerSecond ? `, at most ${options.registrationsPerSecond} a second` : '';
  log(`Registering ${options.cases} cases, ${options.concurrency} at a time${pace}...`);
  const registrationCpu = new CpuMeter(watched);
  registrationCpu.start();
  const latencies: number[] = [];
  const references: string[] = [];
  const registrationStarted = performance.now();
  const errors = await runConcurrently(
    options.cases,
    options.concurrency,
    async (index, scheduledAt) => {
      const { reference, ms } = await register(baseUrl, index, referenceFor(index), scheduledAt);
      latencies.push(ms);
      references.push(reference);
    },
    { perSecond: options.registrationsPerSecond ?? undefined },
  );
  const registrationSeconds = (performance.now() - registrationStarted) / 1000;
  if (errors.length > 0) {
    log(`${errors.length} registrations failed; first: ${describeError(errors[0]?.error)}`);
  }

  // The API responds once a workflow has started, and the worker may still owe many cases their first
  // task. The batch would queue behind that backlog, so the notice phase starts once it is gone.
  log('Waiting until the worker has run the first task of every case...');
  const settleStarted = performance.now();
  await waitForEmptyBacklog(stack, caseTaskQueue, timeoutMs, log);
  const settleSeconds = (performance.now() - settleStarted) / 1000;
  const registrationCpuSeconds = registrationCpu.stop();

  log(`Marking ${references.length} cases ready with one production batch...`);
  const noticesCpu = new CpuMeter(watched);
  noticesCpu.start();
  const batchStartedAt = Date.now();
  const batchStarted = performance.now();
  const batchResponse = await fetch(`${baseUrl}/api/v1/production-batches`, { method: 'POST', headers: clerkHeaders, body: JSON.stringify(references) });
  const batchResponseMs = performance.now() - batchStarted;
  const batchBody = (await batchResponse.json()) as { accepted?: number; rejected?: number };
  if (batchResponse.status !== 202 || batchBody.accepted !== references.length) {
    throw new Error(`production batch returned HTTP ${batchResponse.status} with ${JSON.stringify(batchBody).slice(0, 300)}`);
  }

  const expected = references.length;
  await pollUntil(
    `${expected} pickup notices`,
    async () => ({ done: sandboxInserts() >= expected, progress: `${sandboxInserts()} notices in the sandbox` }),
    { timeoutMs, intervalMs: 250, onProgress: (progress) => log(`  ${progress}`) },
  );
  // The hook counts an insert when it is sent, so the last ones may still be on their way to the store.
  await pollUntil(
    `${expected} notices stored`,
    async () => {
      const count = await SandboxMessageModel.countDocuments();
      return { done: count >= expected, progress: `${count} notices stored` };
    },
    { timeoutMs: 30_000, intervalMs: 250 },
  ).catch(() => undefined);
  const stored = await SandboxMessageModel.countDocuments();
  const ready = await CaseModel.countDocuments({ status: CaseStatus.ReadyForPickup });
  if (stored < expected || ready < expected) {
    throw new Error(`expected ${expected} notices and ready cases; the stores hold ${stored} notices and ${ready} ready cases`);
  }
  const noticesCpuSeconds = noticesCpu.stop();
  const memory = sampler.stop();

  // Exact moments come from the stores, so the polling interval does not blur them.
  const readyCases = await CaseModel.find({ status: CaseStatus.ReadyForPickup }).select({ updatedAt: 1 }).lean();
  const lastReadyAt = Math.max(...readyCases.map((record) => new Date(record.updatedAt).getTime()));
  const messages = await SandboxMessageModel.find().select({ channel: 1, receivedAt: 1 }).lean();
  const delays = messages.map((message) => message.receivedAt.getTime() - batchStartedAt);
  const allSentSeconds = Math.max(...delays) / 1000;
  const notifications = await NotificationModel.find().select({ status: 1, attempts: 1 }).lean();
  const notificationLog: Record<string, number> = {};
  for (const notification of notifications) {
    notificationLog[notification.status] = (notificationLog[notification.status] ?? 0) + 1;
  }

  return {
    registration: {
      ...summarise(latencies),
      warmUp,
      failed: errors.length,
      failures: errors.slice(0, 5).map(({ error }) => describeError(error)),
      seconds: registrationSeconds,
      perSecond: latencies.length / registrationSeconds,
      settleSeconds,
    },
    batch: { lines: references.length, accepted: batchBody.accepted, responseMs: batchResponseMs, allReadySeconds: (lastReadyAt - batchStartedAt) / 1000 },
    notices: {
      count: messages.length,
      bySmsAndEmail: { sms: messages.filter((message) => message.channel === 'sms').length, email: messages.filter((message) => message.channel === 'email').length },
      allSentSeconds,
      perSecond: messages.length / allSentSeconds,
      delay: summarise(delays),
      notificationLog,
      retriedAttempts: notifications.reduce((sum, notification) => sum + Math.max((notification.attempts ?? 1) - 1, 0), 0),
    },
    memory,
    cpuSeconds: { registration: registrationCpuSeconds, batchToNotices: noticesCpuSeconds },
  };
}
