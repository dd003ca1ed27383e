import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Registry } from 'prom-client';
import { logger } from '../logging';
import { httpRequestDuration } from './apiMetrics';

/** Route label of requests that matched no route (404s and errors raised before routing). */
export const unmatchedRoute = 'unmatched';

/**
 * Remembers the path a router is mounted at. Express restores
 * `request.baseUrl` to the parent's when an error leaves the router, so by
 * the time the response finishes a 409 on `/api/v1/applications/:id/ready`
 * would only show `/applications/:id/ready`. Mount this at the same path as
 * the routers, before them.
 */
export function recordMountPath(request: Request, response: Response, next: NextFunction): void {
  response.locals.mountPath = request.baseUrl;
  next();
}

/** Returns the pattern of the route that handled the request, never the URL with its ids. */
export function routePattern(request: Request, response: Response): string {
  const path: unknown = request.route?.path;
  if (typeof path !== 'string') {
    return unmatchedRoute;
  }
  const mountPath = typeof response.locals.mountPath === 'string' ? response.locals.mountPath : '';
  return `${mountPath}${path}`;
}

/** Observes every request's duration once its response has been sent. */
export function measureRequestDuration(request: Request, response: Response, next: NextFunction): void {
  const stopTimer = httpRequestDuration.startTimer();
  response.on('finish', () => {
    stopTimer({ method: request.method, route: routePattern(request, response), status_code: String(response.statusCode) });
  });
  next();
}

/** Serves a registry in the Prometheus text format. */
export function metricsEndpoint(registry: Registry): RequestHandler {
  return async (_request, response) => {
    try {
      const text = await registry.metrics();
      response.type(registry.contentType).send(text);
    } catch (error) {
      logger.error({ err: (error as Error).message }, 'Collecting metrics failed');
      response.status(500).type('text/plain').send('collecting metrics failed\n');
    }
  };
}
