import { defaultWorkerTuning, readWorkerTuning } from '../../src/worker/workerTuning';

const gibibyte = 1024 * 1024 * 1024;

describe('worker tuning', () => {
  test('cache sized from the cores', () => {
    expect(defaultWorkerTuning({ cores: 2, memoryBytes: 24 * gibibyte }).maxCachedWorkflows).toBe(200);
    expect(defaultWorkerTuning({ cores: 8, memoryBytes: 24 * gibibyte }).maxCachedWorkflows).toBe(800);
  });

  test('cache capped by memory', () => {
    // A twentieth of 2 GiB is 102.4 MiB, room for 256 workflows at 0.4 MiB each.
    expect(defaultWorkerTuning({ cores: 16, memoryBytes: 2 * gibibyte }).maxCachedWorkflows).toBe(256);
  });

  test('environment overrides the defaults', () => {
    const tuning = readWorkerTuning(
      { WORKER_MAX_CACHED_WORKFLOWS: '50', WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: '4', WORKER_MAX_CONCURRENT_ACTIVITIES: ' 12 ' },
      { cores: 2, memoryBytes: 24 * gibibyte },
    );
    expect(tuning).toEqual({ maxCachedWorkflows: 50, maxConcurrentWorkflowTaskExecutions: 4, maxConcurrentActivityTaskExecutions: 12 });
  });

  test.each(['0', '1', '-5', '2.5', 'many'])('rejects WORKER_MAX_CACHED_WORKFLOWS=%s', (value) => {
    expect(() => readWorkerTuning({ WORKER_MAX_CACHED_WORKFLOWS: value }, { cores: 2, memoryBytes: gibibyte })).toThrow(
      `WORKER_MAX_CACHED_WORKFLOWS must be a whole number of at least 2; got "${value}"`,
    );
  });
});
