import os from 'node:os';

/** How many workflows the worker keeps in memory and how many tasks it runs at once. */
export interface WorkerTuning {
  /** Sticky cache size: workflows kept in memory between their tasks (WORKER_MAX_CACHED_WORKFLOWS). */
  maxCachedWorkflows: number;
  /** Workflow tasks run at once (WORKER_MAX_CONCURRENT_WORKFLOW_TASKS). */
  maxConcurrentWorkflowTaskExecutions: number;
  /** Activities run at once (WORKER_MAX_CONCURRENT_ACTIVITIES). */
  maxConcurrentActivityTaskExecutions: number;
}

export interface MachineSize {
  cores: number;
  memoryBytes: number;
}

const environmentNames: Record<keyof WorkerTuning, string> = {
  maxCachedWorkflows: 'WORKER_MAX_CACHED_WORKFLOWS',
  maxConcurrentWorkflowTaskExecutions: 'WORKER_MAX_CONCURRENT_WORKFLOW_TASKS',
  maxConcurrentActivityTaskExecutions: 'WORKER_MAX_CONCURRENT_ACTIVITIES',
};

export function currentMachine(): MachineSize {
  return { cores: os.availableParallelism(), memoryBytes: os.totalmem() };
}

/**
 * Returns the tuning a worker uses when no environment variable overrides it.
 * The concurrency limits are the Temporal TypeScript SDK 1.24 defaults. The
 * SDK would size the cache from the V8 heap limit, about 2,300 workflows on a
 * machine with 4 GiB or more of heap, so the cache is capped at 1,000 here.
 */
// TODO: size these from the machine once the benchmark shows what each default costs.
export function defaultWorkerTuning(_machine: MachineSize): WorkerTuning {
  return {
    maxCachedWorkflows: 1_000,
    maxConcurrentWorkflowTaskExecutions: 40,
    maxConcurrentActivityTaskExecutions: 100,
  };
}

/**
 * Reads the worker tuning from the environment, with the defaults above.
 * Throws on a value that is not a whole number of at least 2.
 */
export function readWorkerTuning(env: NodeJS.ProcessEnv = process.env, machine: MachineSize = currentMachine()): WorkerTuning {
  const tuning = defaultWorkerTuning(machine);
  for (const [field, name] of Object.entries(environmentNames) as Array<[keyof WorkerTuning, string]>) {
    const value = env[name]?.trim();
    if (!value) {
      continue;
    }
    if (!/^\d+$/.test(value) || Number(value) < 2) {
      throw new Error(`${name} must be a whole number of at least 2; got "${env[name]}"`);
    }
    tuning[field] = Number(value);
  }
  return tuning;
}
