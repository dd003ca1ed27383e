import crypto from 'node:crypto';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { projectRoot } from '../../src/config/env';
import { loadPolicyFile, resolveCasePolicy } from '../../src/config/policyFile';
import { CaseStatus } from '../../src/domain/caseStatus';
import type { Channel } from '../../src/domain/channels';
import type { DocumentType } from '../../src/domain/documentTypes';
import type { CaseInput } from '../../src/domain/policy';
import { CaseStatusKey, DocumentTypeKey, OfficeKey, PreferredChannelKey, RemindersSentKey } from '../../src/domain/searchAttributes';
import { caseWorkflow } from '../../src/workflows';
import { readWorkerTuning, type WorkerTuning } from '../../src/worker/workerTuning';
import { applicationBody } from './applications';
import { caseTaskQueue, type BenchStack } from './benchStack';
import { runConcurrently } from './load';
import { workerNodeArgs, type BenchOptions } from './options';
import { MemorySampler, readProcessMemory } from './processStats';
import { waitForEmptyBacklog } from './taskQueueBacklog';

export interface WaitingResult {
  cases: number;
  startSeconds: number;
  startsPerSecond: number;
  tuning: WorkerTuning;
  /** Worker RSS once every case waits, sampled over the hold window. */
  rssWhileWaiting: { lastBytes: number; medianBytes: number; maxSampledBytes: number };
  /** VmHWM: the worker's peak RSS over the whole run, including the starts. */
  workerPeakRssBytes: number;
  workerRssBeforeStartsBytes: number;
  runningCases: number;
}

/** Production delays and calendar, so the workflow input has the size it has in production. */
const productionPolicyFile = path.join(projectRoot, 'config', 'policy.json');

/**
 * Opens many cases with the real case workflow and input like the API's,
 * started directly with the Temporal client, and measures the worker's
 * memory while every case waits for production.
 */
export async function runWaiting(stack: BenchStack, options: BenchOptions, log: (line: string) => void): Promise<WaitingResult> {
  const policy = loadPolicyFile(productionPolicyFile);
  const offices = Object.keys(policy.offices);
  const worker = await stack.startCaseWorker({ nodeArgs: workerNodeArgs(options) });
  const workerPid = worker.process.pid ?? 0;
  const tuning = readWorkerTuning(stack.childEnv);
  const rssBefore = readProcessMemory(workerPid)?.rssBytes ?? 0;
  const year = new Date().getFullYear();

  log(`Starting ${options.cases} case workflows, ${options.concurrency} at a time (sticky cache ${tuning.maxCachedWorkflows})...`);
  const started = performance.now();
  let lastReport = Date.now();
  let startedCount = 0;
  const errors = await runConcurrently(options.cases, options.concurrency, async (index) => {
    const body = applicationBody(index);
    const documentType = body.documentType as DocumentType;
    const office = offices[index % offices.length] ?? policy.defaultOffice;
    const preferredChannel = body.preferredChannel as Channel;
    const input: CaseInput = {
      caseId: crypto.randomUUID(),
      reference: `${office.toUpperCase()}-${year}-${String(index + 1).padStart(6, '0')}`,
      documentType,
      office,
      preferredChannel,
      policy: resolveCasePolicy(policy, documentType, office),
      registeredBy: 'dev-clerk',
    };
    await stack.client.workflow.start(caseWorkflow, {
      workflowId: input.caseId,
      taskQueue: caseTaskQueue,
      args: [input],
      typedSearchAttributes: [
        { key: CaseStatusKey, value: CaseStatus.AwaitingProduction },
        { key: DocumentTypeKey, value: documentType },
        { key: OfficeKey, value: office },
        { key: PreferredChannelKey, value: preferredChannel },
        { key: RemindersSentKey, value: 0 },
      ],
      staticSummary: `${documentType} ${input.reference}`,
    });
    startedCount += 1;
    if (Date.now() - lastReport >= 10_000) {
      lastReport = Date.now();
      log(`  ${startedCount} started, worker RSS ${mebibytes(readProcessMemory(workerPid)?.rssBytes ?? 0)}`);
    }
  });
  const startSeconds = (performance.now() - started) / 1000;
  if (errors.length > 0) {
    const first = errors[0];
    throw new Error(`${errors.length} case starts failed; first: ${first?.error instanceof Error ? first.error.message : String(first?.error)}`);
  }

  log('Waiting until the worker has run the first task of every case...');
  await waitForEmptyBacklog(stack, caseTaskQueue, options.timeoutSeconds * 1000, log);

  log(`Sampling the worker's memory for ${options.holdSeconds} s while every case waits...`);
  const sampler = new MemorySampler([{ name: 'worker', pid: workerPid }]);
  sampler.start(250);
  await new Promise((resolve) => setTimeout(resolve, options.holdSeconds * 1000));
  const peaks = sampler.stop().worker;
  const { count: runningCases } = await stack.client.workflow.count(`TaskQueue = "${caseTaskQueue}" AND ExecutionStatus = "Running"`);

  return {
    cases: options.cases,
    startSeconds,
    startsPerSecond: options.cases / startSeconds,
    tuning,
    rssWhileWaiting: { lastBytes: peaks?.lastRssBytes ?? 0, medianBytes: peaks?.medianSampledRssBytes ?? 0, maxSampledBytes: peaks?.maxSampledRssBytes ?? 0 },
    workerPeakRssBytes: peaks?.peakRssBytes ?? 0,
    workerRssBeforeStartsBytes: rssBefore,
    runningCases,
  };
}

export function mebibytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
}
