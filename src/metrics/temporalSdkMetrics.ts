import { Runtime } from '@temporalio/worker';

/**
 * Installs the Temporal SDK runtime with its Prometheus exporter, which
 * serves the SDK's own worker metrics at `http://host:port/metrics`: task
 * slots, pollers, schedule-to-start and execution latencies, and task
 * failures, all prefixed `temporal_`. Runtime.install throws when called a
 * second time or after the first connection, so only the worker entry point
 * calls this, and the test harness installs its own runtime.
 */
export function installTemporalSdkMetrics(host: string, port: number): string {
  Runtime.install({ telemetryOptions: { metrics: { prometheus: { bindAddress: `${host}:${port}` } } } });
  return `http://${host}:${port}/metrics`;
}
