import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';
import { logger } from '../logging';
import { collectProcessMetrics } from './processMetrics';
import { workerRegistry } from './workerMetrics';

export interface MetricsServer {
  url: string;
  close: () => Promise<void>;
}

/**
 * Serves the worker's registry, with process metrics, at `GET /metrics`.
 * Port 0 picks a free port, which tests use, and `url` then names the chosen port.
 */
export async function startWorkerMetricsServer(options: { host: string; port: number }, registry: Registry = workerRegistry): Promise<MetricsServer> {
  collectProcessMetrics(registry);
  const server = http.createServer((request, response) => {
    void respond(registry, request, response);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      const hint = error.code === 'EADDRINUSE' ? ': stop the process that holds it, or set WORKER_METRICS_PORT to another port' : '';
      reject(new Error(`worker metrics server failed to listen on ${options.host}:${options.port}${hint} (${error.message})`));
    });
    server.listen(options.port, options.host, () => resolve());
  });

  const { port } = server.address() as AddressInfo;
  const url = `http://${options.host}:${port}/metrics`;
  logger.info({ url }, 'Worker metrics listening');
  return {
    url,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function respond(registry: Registry, request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
  const path = new URL(request.url ?? '/', 'http://worker').pathname;
  if (path !== '/metrics') {
    response.writeHead(404, { 'content-type': 'text/plain' }).end('not found: metrics are at /metrics\n');
    return;
  }
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.writeHead(405, { 'content-type': 'text/plain', allow: 'GET, HEAD' }).end('method not allowed: use GET\n');
    return;
  }

  try {
    const text = await registry.metrics();
    response.writeHead(200, { 'content-type': registry.contentType }).end(request.method === 'HEAD' ? undefined : text);
  } catch (error) {
    logger.error({ err: (error as Error).message }, 'Collecting worker metrics failed');
    response.writeHead(500, { 'content-type': 'text/plain' }).end('collecting metrics failed\n');
  }
}
