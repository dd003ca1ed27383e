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

/** Cached workflows per core: about what one core runs tasks for within a few seconds. */
const cachedWorkflowsPerCore = 100;

/**
 * Memory one cached case workflow keeps, an estimate from the benchmark's
 * waiting mode: the worker grew by about 0.4 MB per cached workflow (SDK 1.24).
 */
const bytesPerCachedWorkflow = 0.4 * 1024 * 1024;

/**
 * Returns the tuning a worker uses when no environment variable overrides it.
 * A case waits days between its workflow tasks, so keeping idle cases in the
 * sticky cache saves no work and costs memory. The cache is meant for the
 * cases that a burst, such as a production batch, keeps busy. It is sized
 * from the cores and never takes more than a twentieth of the machine's
 * memory. An evicted case is replayed from its history at its next task.
 * The concurrency limits are the Temporal TypeScript SDK 1.24 defaults.
 */
export function defaultWorkerTuning(machine: MachineSize): WorkerTuning {
  const byCores = machine.cores * cachedWorkflowsPerCore;
  const byMemory = Math.floor(machine.memoryBytes / 20 / bytesPerCachedWorkflow);
  return {
    maxCachedWorkflows: Math.max(2, Math.min(byCores, byMemory)),
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
