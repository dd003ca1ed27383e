import crypto from 'node:crypto';
import fs from 'node:fs';
import type { RequestHandler } from 'express';
import { z } from 'zod';
import { logger } from '../logging';
import { ApiError } from './errors';

export const roles = ['clerk', 'manager', 'auditor'] as const;
export type Role = (typeof roles)[number];

export interface ApiIdentity {
  identity: string;
  role: Role;
}

/** A configured key: only the SHA-256 of the key is stored, never the key itself. */
const keyFileSchema = z.array(
  z.strictObject({
    identity: z.string().min(1).max(100),
    role: z.enum(roles),
    keySha256: z.string().regex(/^[0-9a-f]{64}$/),
  }),
);

export type KeyTable = Map<string, ApiIdentity>;

export function hashApiKey(key: string): string {
  return crypto.createHash('sha256').update(key).digest('hex');
}

/** Documented development keys, accepted only outside production and only when no keys are configured. */
const developmentKeys: Array<[string, ApiIdentity]> = [
  ['dev-clerk', { identity: 'dev-clerk', role: 'clerk' }],
  ['dev-manager', { identity: 'dev-manager', role: 'manager' }],
  ['dev-auditor', { identity: 'dev-auditor', role: 'auditor' }],
];

/**
 * Loads the API keys. Production refuses to start without configured keys;
 * elsewhere the development keys fill in, with a warning.
 */
export function loadKeyTable(options: { keysFile: string | null; production: boolean }): KeyTable {
  if (options.keysFile) {
    const entries = keyFileSchema.parse(JSON.parse(fs.readFileSync(options.keysFile, 'utf8')));
    return new Map(entries.map((entry) => [entry.keySha256, { identity: entry.identity, role: entry.role }]));
  }
  if (options.production) {
    throw new Error('API_KEYS_FILE is required in production: refusing to start without API keys');
  }
  logger.warn('No API keys configured: accepting the development keys dev-clerk, dev-manager and dev-auditor');
  return new Map(developmentKeys.map(([key, identity]) => [hashApiKey(key), identity]));
}

declare module 'express-serve-static-core' {
  interface Locals {
    caller?: ApiIdentity;
  }
}

/** Authenticates the bearer key and checks its role; a clerk action then carries the caller's identity. */
export function requireRole(keys: KeyTable, allowed: readonly Role[]): RequestHandler {
  return (request, response, next) => {
    const header = request.get('authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const caller = match?.[1] ? keys.get(hashApiKey(match[1])) : undefined;
    if (!caller) {
      response.setHeader('WWW-Authenticate', 'Bearer');
      throw new ApiError(401, 'unauthorized');
    }
    if (!allowed.includes(caller.role)) {
      throw new ApiError(403, 'forbidden');
    }
    response.locals.caller = caller;
    next();
  };
}

export const anyRole = roles;
