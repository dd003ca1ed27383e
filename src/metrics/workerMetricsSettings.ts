/** Host and ports of the worker's metrics endpoints. A null port switches that endpoint off. */
export interface WorkerMetricsSettings {
  host: string;
  /** Port of the worker's own metrics (messages, fallbacks, cases by status, process metrics). */
  port: number | null;
  /** Port of the Temporal SDK's Prometheus exporter (task slots, pollers, task latencies and failures). */
  sdkPort: number | null;
}

/**
 * Reads WORKER_METRICS_HOST (default 127.0.0.1), WORKER_METRICS_PORT and
 * TEMPORAL_SDK_METRICS_PORT. An unset or empty port switches that endpoint
 * off, which is the default outside `npm start`.
 */
export function readWorkerMetricsSettings(env: NodeJS.ProcessEnv = process.env): WorkerMetricsSettings {
  return {
    host: env.WORKER_METRICS_HOST || '127.0.0.1',
    port: parsePort(env.WORKER_METRICS_PORT, 'WORKER_METRICS_PORT'),
    sdkPort: parsePort(env.TEMPORAL_SDK_METRICS_PORT, 'TEMPORAL_SDK_METRICS_PORT'),
  };
}

function parsePort(value: string | undefined, name: string): number | null {
  if (value === undefined || value.trim() === '') {
    return null;
  }
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) {
    throw new Error(`invalid ${name} "${value}": use a port number from 1 to 65535, or leave it empty to switch the endpoint off`);
  }
  return port;
}
