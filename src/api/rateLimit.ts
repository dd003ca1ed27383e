import type { Request, RequestHandler, Response } from 'express';
import { ipKeyGenerator, rateLimit, type Options } from 'express-rate-limit';
import { logger } from '../logging';
import { findCaller, type KeyTable } from './auth';
import { ApiError } from './errors';

/** Request limits under /api/v1. A limit of 0 turns that limit off. */
export interface RateLimitSettings {
  /** Requests per minute per API key (RATE_LIMIT_PER_KEY). */
  perKeyPerMinute: number;
  /** Delivery-list imports, POST /production-batches, per hour per API key (RATE_LIMIT_BATCHES_PER_KEY). */
  batchImportsPerKeyPerHour: number;
  /** Requests per minute per IP address without a valid API key (RATE_LIMIT_ANONYMOUS_PER_IP). */
  anonymousPerIpPerMinute: number;
  /** Vonage delivery receipts per minute per IP address (RATE_LIMIT_WEBHOOK_PER_IP). */
  webhookPerIpPerMinute: number;
}

/**
 * Defaults. A clerk desk, even with front-office software that polls a case,
 * stays far below 10 requests per second; 600 a minute also lets a script
 * mark cases ready one by one. One delivery-list import carries up to 5,000
 * lines and an office receives a few lists a day, so 60 imports an hour
 * leaves room for corrected re-sends and still stops a runaway loop from
 * starting batch after batch. Callers without a valid key only get 401, so
 * 60 a minute per address is plenty. Vonage sends one delivery receipt per
 * SMS part, thousands after a large delivery list, and retries any receipt
 * that did not get a 200 response.
 */
export const defaultRateLimits: RateLimitSettings = {
  perKeyPerMinute: 600,
  batchImportsPerKeyPerHour: 60,
  anonymousPerIpPerMinute: 60,
  webhookPerIpPerMinute: 3_000,
};

const environmentNames: Record<keyof RateLimitSettings, string> = {
  perKeyPerMinute: 'RATE_LIMIT_PER_KEY',
  batchImportsPerKeyPerHour: 'RATE_LIMIT_BATCHES_PER_KEY',
  anonymousPerIpPerMinute: 'RATE_LIMIT_ANONYMOUS_PER_IP',
  webhookPerIpPerMinute: 'RATE_LIMIT_WEBHOOK_PER_IP',
};

/** Reads the limits from the environment; throws on a value that is not a whole number of 0 or more. */
export function readRateLimitSettings(env: NodeJS.ProcessEnv = process.env): RateLimitSettings {
  const settings = { ...defaultRateLimits };
  for (const [field, name] of Object.entries(environmentNames) as Array<[keyof RateLimitSettings, string]>) {
    const value = env[name];
    if (value === undefined || value.trim() === '') {
      continue;
    }
    if (!/^\d+$/.test(value.trim())) {
      throw new Error(`${name} must be a whole number of requests, 0 to turn the limit off; got "${value}"`);
    }
    settings[field] = Number(value.trim());
  }
  return settings;
}

/** The client a request is counted against: its API key, or its IP address when it has no valid key. */
interface RateLimitClient {
  key: string;
  authenticated: boolean;
  /** Identity of the key or the IP address, for the log line; never the key itself. */
  label: string;
}

declare module 'express-serve-static-core' {
  interface Locals {
    rateLimitClient?: RateLimitClient;
  }
}

function identifyClient(keys: KeyTable): RequestHandler {
  return (request, response, next) => {
    const caller = findCaller(keys, request.get('authorization'));
    if (caller) {
      response.locals.rateLimitClient = { key: `key:${caller.keySha256}`, authenticated: true, label: caller.identity };
    } else {
      const address = request.ip ?? request.socket.remoteAddress ?? 'unknown';
      // IPv6 clients are counted per /56 network, because one client can own every address in it.
      response.locals.rateLimitClient = { key: `ip:${ipKeyGenerator(address)}`, authenticated: false, label: address };
    }
    next();
  };
}

function clientOf(response: Response): RateLimitClient {
  return response.locals.rateLimitClient ?? { key: 'unknown', authenticated: false, label: 'unknown' };
}

const isWebhook = (request: Request) => request.path.startsWith('/webhooks/');
const isBatchImport = (request: Request) => request.method === 'POST' && request.path === '/production-batches';

/**
 * Builds the rate-limit middleware for /api/v1, with express-rate-limit and
 * its in-memory store. Every request with a valid key counts against that
 * key; a delivery-list import also counts against the key's import limit.
 * Requests without a valid key count against their IP address, and Vonage
 * delivery receipts against a separate, larger limit per address. Over a
 * limit, the API responds 429 rate_limited with Retry-After in seconds.
 *
 * NOTE: the counters live in this process, so each API instance behind a
 * load balancer counts on its own. Behind a reverse proxy, Express must trust
 * the proxy ('trust proxy') or all anonymous callers share the proxy's address.
 */
export function apiRateLimits(keys: KeyTable, settings: RateLimitSettings): RequestHandler[] {
  const limiters: RequestHandler[] = [identifyClient(keys)];
  const minute = 60_000;

  if (settings.perKeyPerMinute > 0) {
    limiters.push(
      limiter('per-key', minute, settings.perKeyPerMinute, (request, response) => !clientOf(response).authenticated),
    );
  }
  if (settings.batchImportsPerKeyPerHour > 0) {
    limiters.push(
      limiter('batch-imports', 60 * minute, settings.batchImportsPerKeyPerHour, (request, response) => !clientOf(response).authenticated || !isBatchImport(request)),
    );
  }
  if (settings.anonymousPerIpPerMinute > 0) {
    limiters.push(
      limiter('anonymous', minute, settings.anonymousPerIpPerMinute, (request, response) => clientOf(response).authenticated || isWebhook(request)),
    );
  }
  if (settings.webhookPerIpPerMinute > 0) {
    limiters.push(limiter('webhook', minute, settings.webhookPerIpPerMinute, (request, response) => clientOf(response).authenticated || !isWebhook(request)));
  }
  return limiters;
}

function limiter(name: string, windowMs: number, limit: number, skip: (request: Request, response: Response) => boolean): RequestHandler {
  const options: Partial<Options> = {
    windowMs,
    limit,
    skip,
    keyGenerator: (_request, response) => clientOf(response).key,
    // The IETF draft-8 headers name each policy, so the per-key and import limits can both be reported.
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    identifier: name,
    handler: (request, response, next) => {
      const info = (request as Request & { rateLimit?: { used: number; limit: number } }).rateLimit;
      // One line per client and window: the first rejected request logs, the ones after it do not.
      if (info && info.used === info.limit + 1) {
        logger.warn({ limit: name, client: clientOf(response).label, maxRequests: info.limit, windowMs }, 'Rate limit reached; responding 429');
      }
      next(new ApiError(429, 'rate_limited'));
    },
    logger: {
      warn: (error: unknown) => logger.warn({ err: error }, 'express-rate-limit configuration warning'),
      error: (error: unknown) => logger.error({ err: error }, 'express-rate-limit error'),
    },
  };
  return rateLimit(options);
}
