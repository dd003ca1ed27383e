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
const keyListSchema = z.array(
  z.strictObject({
    identity: z.string().min(1).max(100),
    role: z.enum(roles),
    keySha256: z
      .string()
      .regex(/^[0-9a-fA-F]{64}$/, 'keySha256 must be the 64 hexadecimal digits of the key’s SHA-256')
      .transform((hash) => hash.toLowerCase()),
  }),
);

type KeyEntry = z.infer<typeof keyListSchema>[number];

/** API keys by the hex SHA-256 of the key. */
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

export interface KeySources {
  /** Path of a JSON file with a list of `{identity, role, keySha256}` (API_KEYS_FILE). */
  keysFile: string | null;
  /** The same JSON list as text (API_KEYS), for platforms that pass secrets as environment variables. */
  keysJson?: string | null;
  production: boolean;
}

/**
 * Loads the API keys from API_KEYS_FILE and API_KEYS; when both are set, the
 * lists are merged. Throws, so the API does not start, on invalid JSON, an
 * invalid entry, a key listed twice, an empty list, and in production on no
 * keys at all or on a development key. Outside production, with no keys
 * configured, the development keys are accepted, with a warning.
 */
export function loadKeyTable(sources: KeySources): KeyTable {
  const entries: KeyEntry[] = [];
  if (sources.keysFile) {
    entries.push(...parseKeyList(fs.readFileSync(sources.keysFile, 'utf8'), `API_KEYS_FILE (${sources.keysFile})`));
  }
  if (sources.keysJson && sources.keysJson.trim() !== '') {
    entries.push(...parseKeyList(sources.keysJson, 'API_KEYS'));
  }

  const configured = Boolean(sources.keysFile) || Boolean(sources.keysJson && sources.keysJson.trim() !== '');
  if (!configured) {
    if (sources.production) {
      throw new Error('No API keys configured: set API_KEYS_FILE or API_KEYS. In production the API does not start without keys.');
    }
    logger.warn('No API keys configured: accepting the development keys dev-clerk, dev-manager and dev-auditor');
    return new Map(developmentKeys.map(([key, identity]) => [hashApiKey(key), identity]));
  }
  if (entries.length === 0) {
    throw new Error('API_KEYS_FILE and API_KEYS contain no key: add at least one entry, created with "npm run new-api-key"');
  }

  const table: KeyTable = new Map();
  const developmentHashes = new Map(developmentKeys.map(([key, identity]) => [hashApiKey(key), identity.identity]));
  for (const entry of entries) {
    const holder = table.get(entry.keySha256);
    if (holder) {
      throw new Error(`The same API key is configured for "${holder.identity}" and "${entry.identity}": give each its own key`);
    }
    if (sources.production && developmentHashes.has(entry.keySha256)) {
      throw new Error(`The key of "${entry.identity}" is the development key ${developmentHashes.get(entry.keySha256)}, which production rejects: create a new key`);
    }
    table.set(entry.keySha256, { identity: entry.identity, role: entry.role });
  }
  logger.info({ keys: table.size }, 'API keys loaded');
  return table;
}

function parseKeyList(text: string, source: string): KeyEntry[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`${source} is not valid JSON: ${(error as Error).message}`);
  }
  const result = keyListSchema.safeParse(json);
  if (!result.success) {
    throw new Error(`${source} must be a JSON list of {identity, role, keySha256}:\n${z.prettifyError(result.error)}`);
  }
  return result.data;
}

declare module 'express-serve-static-core' {
  interface Locals {
    caller?: ApiIdentity;
  }
}

/** Returns the identity of a valid `Authorization: Bearer <key>` header, or undefined. */
export function findCaller(keys: KeyTable, authorization: string | undefined): (ApiIdentity & { keySha256: string }) | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
  if (!match?.[1]) {
    return undefined;
  }
  const keySha256 = hashApiKey(match[1]);
  const caller = keys.get(keySha256);
  return caller ? { ...caller, keySha256 } : undefined;
}

/** Authenticates the bearer key and checks its role; a clerk action then carries the caller's identity. */
export function requireRole(keys: KeyTable, allowed: readonly Role[]): RequestHandler {
  return (request, response, next) => {
    const caller = findCaller(keys, request.get('authorization'));
    if (!caller) {
      response.setHeader('WWW-Authenticate', 'Bearer');
      throw new ApiError(401, 'unauthorized');
    }
    if (!allowed.includes(caller.role)) {
      throw new ApiError(403, 'forbidden');
    }
    response.locals.caller = { identity: caller.identity, role: caller.role };
    next();
  };
}

export const anyRole = roles;
