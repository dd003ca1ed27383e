import type { Server } from 'node:http';
import { logger } from '../logging';

/**
 * Default time in ms that the API waits for requests in flight when it stops.
 * It stays below the 10 seconds that `docker stop` waits before SIGKILL.
 */
export const defaultShutdownTimeoutMs = 8_000;

/** Reads SHUTDOWN_TIMEOUT_MS; throws on a value that is not a whole number of milliseconds. */
export function readShutdownTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  const value = env.SHUTDOWN_TIMEOUT_MS;
  if (value === undefined || value.trim() === '') {
    return defaultShutdownTimeoutMs;
  }
  if (!/^\d+$/.test(value.trim())) {
    throw new Error(`SHUTDOWN_TIMEOUT_MS must be a whole number of milliseconds; got "${value}"`);
  }
  return Number(value.trim());
}

/** How often idle keep-alive connections are closed while requests finish. */
const idleSweepIntervalMs = 100;

/**
 * Stops the server from accepting connections and resolves once every request
 * in flight has got its response. Keep-alive connections are closed as soon as
 * they are idle, so a client cannot hold the server open. Connections still
 * busy after `timeoutMs` are cut; `forced` then says so.
 */
export function closeServerGracefully(server: Server, timeoutMs: number): Promise<{ forced: boolean }> {
  return new Promise((resolve) => {
    let forced = false;

    const sweep = setInterval(() => server.closeIdleConnections(), idleSweepIntervalMs);
    const deadline = setTimeout(() => {
      forced = true;
      logger.warn({ timeoutMs }, 'Requests still in flight after the shutdown timeout; closing their connections');
      server.closeAllConnections();
    }, timeoutMs);

    server.close(() => {
      clearInterval(sweep);
      clearTimeout(deadline);
      resolve({ forced });
    });
    server.closeIdleConnections();
  });
}
