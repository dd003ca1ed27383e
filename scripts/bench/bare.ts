import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { BenchStack } from './benchStack';
import { bareWorkflow, proceed } from './bareWorkflow';
import { pollUntil, runConcurrently } from './load';
import type { BenchOptions } from './options';
import { CpuMeter, MemorySampler } from './processStats';

export const bareTaskQueue = 'bench-bare';

export interface BareResult {
  workflows: number;
  startSeconds: number;
  startsPerSecond: number;
  /** From the first signal until the last workflow completed. */
  signalToCompletionSeconds: number;
  completionsPerSecond: number;
  /** Workflows per second over both phases: start, signal, completion. */
  perSecond: number;
  workerPeakRssBytes: number;
  /** CPU seconds per process from the first start to the last completion. */
  cpuSeconds: Record<string, number>;
}

/**
 * Measures the bare workflow on the same Temporal server: starts every
 * workflow, then signals every one, with the same number of calls in flight
 * as the API load, and waits until all completed.
 */
export async function runBare(stack: BenchStack, options: BenchOptions, log: (line: string) => void): Promise<BareResult> {
  const count = options.bareWorkflows;
  const worker = await stack.startWorker('bare-worker', path.join(__dirname, 'bareWorker.ts'), bareTaskQueue, {
    env: { ...stack.childEnv, BENCH_BARE_TASK_QUEUE: bareTaskQueue },
  });
  const sampler = new MemorySampler([{ name: 'bare-worker', pid: worker.process.pid ?? 0 }]);
  sampler.start();
  const cpu = new CpuMeter([
    { name: 'bare-worker', pid: worker.process.pid ?? 0 },
    { name: 'temporal', pid: stack.temporal.process.pid ?? 0 },
    { name: 'bench (load)', pid: process.pid },
  ]);
  cpu.start();

  try {
    log(`Starting ${count} bare workflows, ${options.concurrency} at a time...`);
    const startStarted = performance.now();
    const startErrors = await runConcurrently(count, options.concurrency, async (index) => {
      await stack.client.workflow.start(bareWorkflow, { workflowId: `bare-${index}`, taskQueue: bareTaskQueue });
    });
    const startSeconds = (performance.now() - startStarted) / 1000;
    throwOnErrors('start', startErrors);

    log(`Signalling ${count} bare workflows...`);
    const signalStartedAt = Date.now();
    const signalErrors = await runConcurrently(count, options.concurrency, async (index) => {
      await stack.client.workflow.getHandle(`bare-${index}`).signal(proceed);
    });
    throwOnErrors('signal', signalErrors);

    const completedQuery = `WorkflowType = "bareWorkflow" AND ExecutionStatus = "Completed"`;
    await pollUntil(
      `${count} completed bare workflows`,
      async () => {
        const { count: completed } = await stack.client.workflow.count(completedQuery);
        return { done: completed >= count, progress: `${completed} completed` };
      },
      { timeoutMs: options.timeoutSeconds * 1000, intervalMs: 500, onProgress: (progress) => log(`  ${progress}`) },
    );

    // The close times come from the server, so the polling interval does not blur the end.
    let lastCloseAt = 0;
    for await (const execution of stack.client.workflow.list({ query: completedQuery })) {
      lastCloseAt = Math.max(lastCloseAt, execution.closeTime?.getTime() ?? 0);
    }
    const signalToCompletionSeconds = (lastCloseAt - signalStartedAt) / 1000;
    const memory = sampler.stop();
    const cpuSeconds = cpu.stop();

    return {
      workflows: count,
      startSeconds,
      startsPerSecond: count / startSeconds,
      signalToCompletionSeconds,
      completionsPerSecond: count / signalToCompletionSeconds,
      perSecond: count / (startSeconds + signalToCompletionSeconds),
      workerPeakRssBytes: memory['bare-worker']?.peakRssBytes ?? 0,
      cpuSeconds,
    };
  } finally {
    sampler.stop();
    await worker.stop();
  }
}

function throwOnErrors(call: string, errors: Array<{ index: number; error: unknown }>): void {
  const first = errors[0];
  if (first) {
    const message = first.error instanceof Error ? first.error.message : String(first.error);
    throw new Error(`${errors.length} bare workflow ${call} calls failed; first, bare-${first.index}: ${message}`);
  }
}
