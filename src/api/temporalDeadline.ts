import type { Connection } from '@temporalio/client';
import type { RequestHandler } from 'express';

/**
 * Default time in ms that one API request may spend on Temporal calls. The
 * SDK retries an unreachable server for about 20 seconds (measured with
 * @temporalio/client 1.24 against a closed port); with this deadline a clerk
 * gets the 503 within seconds. Healthy calls take well under a second, but a
 * clerk action waits for its update handler to write the case index, and on
 * a 2-core machine running the whole test suite that passed 5 seconds.
 */
export const defaultTemporalDeadlineMs = 10_000;

/** Reads API_TEMPORAL_DEADLINE_MS; throws on a value that is not a whole number of milliseconds above 0. */
export function readTemporalDeadlineMs(env: NodeJS.ProcessEnv = process.env): number {
  const value = env.API_TEMPORAL_DEADLINE_MS;
  if (value === undefined || value.trim() === '') {
    return defaultTemporalDeadlineMs;
  }
  if (!/^[1-9]\d*$/.test(value.trim())) {
    throw new Error(`API_TEMPORAL_DEADLINE_MS must be a whole number of milliseconds above 0; got "${value}"`);
  }
  return Number(value.trim());
}

/**
 * Gives every Temporal call made while handling a request a gRPC deadline of
 * `deadlineMs` after the request arrived. `Connection.withDeadline` keeps the
 * deadline in async context, so it reaches the calls of CaseService and the
 * other routes without passing it along. A call cut off by the deadline fails
 * with DEADLINE_EXCEEDED, which the error renderer turns into a 503 response.
 *
 * NOTE: a clerk action cut off while its update waits for a busy worker may
 * still be applied later, although the 503 message says nothing was changed.
 */
export function temporalDeadline(connection: Connection, deadlineMs: number): RequestHandler {
  return (_request, response, next) => {
    const deadline = Date.now() + deadlineMs;
    void connection.withDeadline(
      deadline,
      () =>
        new Promise<void>((resolve) => {
          response.once('close', () => resolve());
          next();
        }),
    );
  };
}
