import { collectDefaultMetrics, type Registry } from 'prom-client';

const registriesWithProcessMetrics = new WeakSet<Registry>();

/**
 * Adds prom-client's default process metrics (CPU, memory, event loop lag,
 * garbage collection) to the registry. A second call for the same registry
 * does nothing, because collectDefaultMetrics would fail on duplicate names.
 */
export function collectProcessMetrics(registry: Registry): void {
  if (registriesWithProcessMetrics.has(registry)) {
    return;
  }
  collectDefaultMetrics({ register: registry });
  registriesWithProcessMetrics.add(registry);
}
