import { performance } from 'node:perf_hooks';

/**
 * Runs `task` for every index from 0 to count - 1 with at most `concurrency`
 * calls in flight, in index order, and with `perSecond` no faster than that
 * rate. The task receives the moment its call was due (performance.now()
 * time). A failed call stops no other call; the errors are returned with
 * their index.
 */
export async function runConcurrently(
  count: number,
  concurrency: number,
  task: (index: number, scheduledAt: number) => Promise<void>,
  options: { perSecond?: number } = {},
): Promise<Array<{ index: number; error: unknown }>> {
  const errors: Array<{ index: number; error: unknown }> = [];
  const startedAt = performance.now();
  let next = 0;
  const lane = async () => {
    while (next < count) {
      const index = next;
      next += 1;
      // With a rate, call i is due at i / rate seconds, and a call that waited for a free lane counts its wait.
      const scheduledAt = options.perSecond ? startedAt + (index * 1000) / options.perSecond : performance.now();
      const delayMs = scheduledAt - performance.now();
      if (delayMs > 0) {
        await new Promise((resolve) => setTimeout(resolve, delayMs));
      }
      try {
        await task(index, scheduledAt);
      } catch (error) {
        errors.push({ index, error });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, lane));
  return errors;
}

/** Returns the p-th percentile (0 to 100) of the values by the nearest-rank method. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) {
    return Number.NaN;
  }
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(Math.max(rank, 1), sorted.length) - 1] ?? Number.NaN;
}

/**
 * Polls `check` until it returns true, at most until the deadline. Returns
 * the moment the check first passed, or throws with the description and the
 * last progress the check reported.
 */
export async function pollUntil(
  description: string,
  check: () => Promise<{ done: boolean; progress: string }>,
  options: { timeoutMs: number; intervalMs?: number; onProgress?: (progress: string) => void },
): Promise<number> {
  const deadline = Date.now() + options.timeoutMs;
  let lastReport = 0;
  for (;;) {
    const { done, progress } = await check();
    if (done) {
      return Date.now();
    }
    if (Date.now() - lastReport >= 5_000) {
      options.onProgress?.(progress);
      lastReport = Date.now();
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${options.timeoutMs / 1000} s waiting for ${description}; last progress: ${progress}`);
    }
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 500));
  }
}
