import fs from 'node:fs';
import http, { type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Connection } from '@temporalio/client';
import express from 'express';
import { createApp } from '../../src/api/app';
import { hashApiKey, type KeyTable } from '../../src/api/auth';
import { closeServerGracefully } from '../../src/api/gracefulShutdown';
import type { RateLimitSettings } from '../../src/api/rateLimit';
import { loadPolicyFile } from '../../src/config/policyFile';
import { CaseModel } from '../../src/store/caseModel';
import { janPeeters, uniqueReference } from '../support/citizens';
import { startHarness, type Harness } from '../support/harness';

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
});

afterAll(async () => {
  await harness.close();
});

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function logLinesWith(text: string): Array<Record<string, unknown>> {
  const file = process.env.LOG_FILE;
  if (!file) {
    throw new Error('LOG_FILE is not set: run this test through jest, whose global setup sets it');
  }
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.includes(text))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('request ids', () => {
  test('generated id is a UUID', async () => {
    const response = await harness.request('GET', '/healthz');
    expect(response.headers.get('x-request-id')).toMatch(uuidPattern);
  });

  test('well-formed incoming id is kept', async () => {
    const requestId = `front-office:${uniqueReference('REQ')}`;
    const response = await harness.request('GET', '/healthz', { headers: { 'x-request-id': requestId } });
    expect(response.headers.get('x-request-id')).toBe(requestId);
  });

  test.each([
    ['with spaces', 'front office 1'],
    ['with a quote', 'abc"def'],
    ['too long', 'a'.repeat(129)],
    ['starting with a dash', '-abc'],
    ['empty', ''],
  ])('incoming id %s is replaced', async (_name, requestId) => {
    const response = await harness.request('GET', '/healthz', { headers: { 'x-request-id': requestId } });
    expect(response.headers.get('x-request-id')).toMatch(uuidPattern);
  });

  test('log lines of a registration carry the id', async () => {
    const requestId = `reg-${uniqueReference('LOG')}`;
    const response = await harness.request('POST', '/api/v1/applications', {
      body: janPeeters({ reference: uniqueReference('LOG') }),
      headers: { 'x-request-id': requestId },
    });
    expect(response.status).toBe(201);

    const registered = logLinesWith(response.body.id).filter((line) => line.msg === 'Case registered');
    expect(registered).toHaveLength(1);
    expect(registered[0]!.requestId).toBe(requestId);

    const handled = logLinesWith(requestId).filter((line) => line.msg === 'Request handled');
    expect(handled).toHaveLength(1);
    expect(handled[0]).toMatchObject({ method: 'POST', status: 201 });

    await harness.request('POST', `/api/v1/applications/${response.body.id}/cancel`, { body: { reason: 'test' } });
  });

  test('rejected request logs with its id', async () => {
    const requestId = `bad-${uniqueReference('LOG')}`;
    await harness.request('POST', '/api/v1/applications', { body: '{"documentType":', headers: { 'x-request-id': requestId } });
    const lines = logLinesWith(requestId);
    expect(lines.map((line) => line.msg)).toContain('Request handled');
    expect(lines.every((line) => line.requestId === requestId)).toBe(true);
  });
});

describe('never a 500 for bad input', () => {
  test('broken percent-encoding in the path answers 400', async () => {
    const response = await harness.request('POST', '/api/v1/applications/%E0%A4%A/ready');
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('invalid_request');
  });

  test('unsupported charset answers 415', async () => {
    const response = await harness.request('POST', '/api/v1/applications', {
      body: JSON.stringify(janPeeters({ reference: uniqueReference('CHR') })),
      headers: { 'content-type': 'application/json; charset=iso-8859-1' },
    });
    expect(response.status).toBe(415);
    expect(response.body.error.code).toBe('unsupported_media_type');
  });

  test('control character in a name answers 400', async () => {
    const body = janPeeters({ reference: uniqueReference('CTL') });
    body.citizen.firstName = 'Jan\u202eneeP';
    const response = await harness.request('POST', '/api/v1/applications', { body });
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({ code: 'invalid_characters', field: 'citizen.firstName' });
    expect(await CaseModel.countDocuments({ reference: body.reference })).toBe(0);
  });

  test('error body has no stack trace', async () => {
    const response = await harness.request('POST', '/api/v1/applications', { body: '{"documentType": [' });
    expect(response.status).toBe(400);
    expect(Object.keys(response.body)).toEqual(['error']);
    expect(JSON.stringify(response.body)).not.toMatch(/\bat .*\.(ts|js):\d+/);
  });
});

describe('rate limits', () => {
  const clerkKey = 'rate-clerk-key';
  const batchKey = 'rate-batch-key';
  const otherKey = 'rate-other-key';
  const keys: KeyTable = new Map([
    [hashApiKey(clerkKey), { identity: 'rate-clerk', role: 'clerk' }],
    [hashApiKey(batchKey), { identity: 'rate-batch', role: 'clerk' }],
    [hashApiKey(otherKey), { identity: 'rate-other', role: 'manager' }],
  ]);
  const limits: RateLimitSettings = { perKeyPerMinute: 5, batchImportsPerKeyPerHour: 2, anonymousPerIpPerMinute: 3, webhookPerIpPerMinute: 4 };

  /** Starts an app of its own, so each test starts with empty counters. */
  async function limitedApi(): Promise<{ call: (method: string, route: string, key?: string, body?: unknown) => Promise<Response>; close: () => Promise<void> }> {
    const app = createApp({ settings: harness.settings, policy: loadPolicyFile(harness.settings.policyFile), keys, connection: harness.client.connection as Connection, rateLimits: limits });
    const server: Server = await new Promise((resolve) => {
      const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
    });
    const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return {
      call: (method, route, key, body) =>
        fetch(`${baseUrl}${route}`, {
          method,
          headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
          body: body === undefined ? undefined : JSON.stringify(body),
        }),
      close: () => new Promise<void>((resolve) => server.close(() => resolve())),
    };
  }

  const unknownCase = '/api/v1/applications/00000000-0000-4000-8000-000000000000';

  test('per key: 429 with Retry-After after the limit', async () => {
    const api = await limitedApi();
    try {
      for (let index = 0; index < limits.perKeyPerMinute; index++) {
        expect((await api.call('GET', unknownCase, clerkKey)).status).toBe(404);
      }
      const limited = await api.call('GET', unknownCase, clerkKey);
      expect(limited.status).toBe(429);
      const retryAfter = Number(limited.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(((await limited.json()) as { error: { code: string } }).error.code).toBe('rate_limited');
      expect(limited.headers.get('ratelimit-policy')).toContain('"per-key"');

      // Another key is counted on its own.
      expect((await api.call('GET', unknownCase, otherKey)).status).toBe(404);
    } finally {
      await api.close();
    }
  });

  test('without a key: counted per IP address', async () => {
    const api = await limitedApi();
    try {
      for (let index = 0; index < limits.anonymousPerIpPerMinute; index++) {
        expect((await api.call('GET', '/api/v1/applications', 'wrong-key')).status).toBe(401);
      }
      const limited = await api.call('GET', '/api/v1/applications');
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);

      // A valid key from the same address is not limited by the anonymous counter.
      expect((await api.call('GET', unknownCase, clerkKey)).status).toBe(404);
      // Health checks are outside /api/v1 and never limited.
      expect((await api.call('GET', '/healthz')).status).toBe(200);
    } finally {
      await api.close();
    }
  });

  test('delivery-list imports: own limit per key', async () => {
    const api = await limitedApi();
    try {
      const list = [uniqueReference('NONE')];
      expect((await api.call('POST', '/api/v1/production-batches', batchKey, list)).status).toBe(202);
      expect((await api.call('POST', '/api/v1/production-batches', batchKey, list)).status).toBe(202);
      const limited = await api.call('POST', '/api/v1/production-batches', batchKey, list);
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(60);

      // Other requests of the same key still pass.
      expect((await api.call('GET', unknownCase, batchKey)).status).toBe(404);
    } finally {
      await api.close();
    }
  });

  test('webhook: own limit per IP address', async () => {
    const api = await limitedApi();
    try {
      for (let index = 0; index < limits.webhookPerIpPerMinute; index++) {
        expect((await api.call('GET', '/api/v1/webhooks/vonage/delivery-receipts?messageId=x')).status).toBe(401);
      }
      expect((await api.call('GET', '/api/v1/webhooks/vonage/delivery-receipts?messageId=x')).status).toBe(429);
      // The anonymous counter is untouched by receipts.
      expect((await api.call('GET', '/api/v1/applications')).status).toBe(401);
    } finally {
      await api.close();
    }
  });
});

describe('graceful shutdown', () => {
  /** Starts a server whose /slow route responds after `delayMs`, or never when it is null. */
  async function serverWithSlowRoute(delayMs: number | null): Promise<{ server: Server; port: number }> {
    const app = express();
    app.get('/slow', (_request, response) => {
      if (delayMs !== null) {
        setTimeout(() => response.json({ done: true }), delayMs);
      }
    });
    app.get('/fast', (_request, response) => {
      response.json({ done: true });
    });
    const server: Server = await new Promise((resolve) => {
      const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
    });
    return { server, port: (server.address() as AddressInfo).port };
  }

  function get(port: number, path: string, agent: http.Agent): Promise<{ status: number; body: string }> {
    return new Promise((resolve, reject) => {
      const request = http.get({ host: '127.0.0.1', port, path, agent }, (response) => {
        let body = '';
        response.on('data', (chunk) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      });
      request.on('error', reject);
    });
  }

  test('request in flight finishes', async () => {
    const { server, port } = await serverWithSlowRoute(800);
    const agent = new http.Agent({ keepAlive: true });
    try {
      const slow = get(port, '/slow', agent);
      await new Promise((resolve) => setTimeout(resolve, 100));

      const started = Date.now();
      const closing = closeServerGracefully(server, 5_000);
      await expect(get(port, '/fast', new http.Agent())).rejects.toThrow(/ECONNREFUSED/);

      expect(await slow).toEqual({ status: 200, body: '{"done":true}' });
      expect(await closing).toEqual({ forced: false });
      expect(Date.now() - started).toBeLessThan(3_000);
    } finally {
      agent.destroy();
    }
  });

  test('idle keep-alive connection does not delay stop', async () => {
    const { server, port } = await serverWithSlowRoute(0);
    const agent = new http.Agent({ keepAlive: true });
    try {
      expect((await get(port, '/fast', agent)).status).toBe(200);
      const started = Date.now();
      expect(await closeServerGracefully(server, 5_000)).toEqual({ forced: false });
      expect(Date.now() - started).toBeLessThan(1_000);
    } finally {
      agent.destroy();
    }
  });

  test('request past the timeout is cut off', async () => {
    const { server, port } = await serverWithSlowRoute(null);
    const agent = new http.Agent({ keepAlive: true });
    try {
      const slow = get(port, '/slow', agent);
      await new Promise((resolve) => setTimeout(resolve, 100));
      const started = Date.now();
      expect(await closeServerGracefully(server, 300)).toEqual({ forced: true });
      expect(Date.now() - started).toBeLessThan(2_000);
      await expect(slow).rejects.toThrow(/socket hang up|ECONNRESET/);
    } finally {
      agent.destroy();
    }
  });
});
