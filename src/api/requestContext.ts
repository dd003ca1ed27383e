import { AsyncResource } from 'node:async_hooks';
import crypto from 'node:crypto';
import type { RequestHandler } from 'express';
import { logger, withLogContext } from '../logging';

/**
 * Format of an incoming X-Request-Id that the API adopts: 1 to 128 letters,
 * digits, dots, colons, underscores or hyphens, starting with a letter or
 * digit. A UUID fits; anything else, which could forge or garble log lines,
 * is replaced by a fresh UUID.
 */
const requestIdPattern = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

declare module 'express-serve-static-core' {
  interface Locals {
    requestId?: string;
  }
}

/**
 * Gives every request an id, taken from a well-formed X-Request-Id header of
 * the front-office software or else generated. The id goes back in the
 * X-Request-Id response header, and every log line written while the request
 * is handled carries it as `requestId`, because the rest of the chain runs
 * inside the log context. When the response is sent, one line logs the
 * method, route, status and duration.
 */
export const requestContext: RequestHandler = (request, response, next) => {
  const incoming = request.get('x-request-id');
  const requestId = incoming !== undefined && requestIdPattern.test(incoming) ? incoming : crypto.randomUUID();
  response.locals.requestId = requestId;
  response.setHeader('X-Request-Id', requestId);

  withLogContext({ requestId }, () => {
    const started = process.hrtime.bigint();
    // Bound, because 'finish' may be emitted outside the log context, for example after a streamed file.
    const logFinished = AsyncResource.bind(() => {
      const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
      const route = request.route?.path ?? request.path;
      logger.info({ method: request.method, route, status: response.statusCode, durationMs }, 'Request handled');
    });
    response.on('finish', logFinished);
    next();
  });
};
