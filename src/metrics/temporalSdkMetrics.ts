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
  try {
    Runtime.install({ telemetryOptions: { metrics: { prometheus: { bindAddress: `${host}:${port}` } } } });
  } catch (error) {
    // @temporalio/worker 1.24.0 reports a taken port as "Failed to start prometheus metrics exporter: Address already in use", naming no setting.
    throw new Error(
      `Temporal SDK metrics failed to start on ${host}:${port} (${(error as Error).message}): set TEMPORAL_SDK_METRICS_PORT to a free port, or to empty to switch it off`,
    );
  }
  return `http://${host}:${port}/metrics`;
}
