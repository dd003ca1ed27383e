import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { Client, Connection } from '@temporalio/client';
import { createApp } from '../../src/api/app';
import { loadKeyTable } from '../../src/api/auth';
import { errorMessagesNl } from '../../src/api/errorMessages';
import { readSettings } from '../../src/config/env';
import { loadPolicyFile } from '../../src/config/policyFile';
import { startFerretdb } from '../../src/stack/localServices';
import { freePort, type RunningService } from '../../src/stack/processes';
import { CaseModel } from '../../src/store/caseModel';
import { connectStore, disconnectStore } from '../../src/store/connection';
import { janPeeters, uniqueReference } from '../support/citizens';
import { shortPolicyFile, waitFor } from '../support/harness';

/**
 * This file runs the API against a FerretDB of its own, which it stops and
 * starts again, and against a Temporal address where nothing listens. The
 * API must then respond 503 with the Dutch message and change nothing.
 */


let dataDir: string;
let ferretPort: number;
let ferretdb: RunningService;
let temporal: Connection;
let temporalDown: Connection;
let servers: Server[] = [];
let healthyUrl: string;
let temporalDownUrl: string;
let existingCaseId: string;

async function listen(connection: Connection): Promise<string> {
  const settings = { ...readSettings({ ...process.env, POLICY_FILE: shortPolicyFile }), taskQueue: `unavailable-${uniqueReference('Q')}` };
  const app = createApp({ settings, policy: loadPolicyFile(settings.policyFile), keys: loadKeyTable({ keysFile: null, production: false }), connection });
  const server: Server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function call(baseUrl: string, method: string, route: string, body?: unknown) {
  const response = await fetch(`${baseUrl}${route}`, {
    method,
    headers: { authorization: 'Bearer dev-clerk', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, text, body: text.startsWith('{') ? JSON.parse(text) : text };
}

function expectUnavailable(response: Awaited<ReturnType<typeof call>>) {
  expect(response.status).toBe(503);
  expect(response.body).toEqual({ error: { code: 'service_unavailable', message: errorMessagesNl.service_unavailable } });
  expect(response.text).not.toMatch(/\bat .*\.(ts|js):\d+/);
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'loketbode-unavailable-'));
  ferretPort = await freePort();
  ferretdb = await startFerretdb({ port: ferretPort, dataDir: path.join(dataDir, 'ferretdb'), logDir: dataDir });
  await connectStore(`mongodb://127.0.0.1:${ferretPort}/loketbode-unavailable`);

  temporal = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233' });
  temporalDown = Connection.lazy({ address: `127.0.0.1:${await freePort()}` });
  healthyUrl = await listen(temporal);
  temporalDownUrl = await listen(temporalDown);

  const registered = await call(healthyUrl, 'POST', '/api/v1/applications', janPeeters({ reference: uniqueReference('UNAV') }));
  expect(registered.status).toBe(201);
  existingCaseId = registered.body.id;
});

afterAll(async () => {
  for (const server of servers) {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
  await new Client({ connection: temporal }).workflow
    .getHandle(existingCaseId)
    .terminate('test finished')
    .catch(() => undefined);
  await temporal.close();
  await temporalDown.close();
  await disconnectStore();
  await ferretdb.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('Temporal unreachable', () => {
  test('registration answers 503 and stores nothing', async () => {
    const reference = uniqueReference('NOTMP');
    const response = await call(temporalDownUrl, 'POST', '/api/v1/applications', janPeeters({ reference }));
    expectUnavailable(response);
    expect(await CaseModel.countDocuments({ reference })).toBe(0);
  });

  test('clerk action answers 503', async () => {
    expectUnavailable(await call(temporalDownUrl, 'POST', `/api/v1/applications/${existingCaseId}/ready`));
    const stored = await CaseModel.findById(existingCaseId).lean();
    expect(stored?.status).toBe('awaiting-production');
  });

  test('delivery list answers 503', async () => {
    const reference = (await CaseModel.findById(existingCaseId).lean())!.reference;
    expectUnavailable(await call(temporalDownUrl, 'POST', '/api/v1/production-batches', [reference]));
  });

  test('case view falls back to the case index', async () => {
    const response = await call(temporalDownUrl, 'GET', `/api/v1/applications/${existingCaseId}`);
    expect(response.status).toBe(200);
    expect(response.body.status).toBe('awaiting-production');
    });

  test('readiness reports Temporal unreachable', async () => {
    const response = await call(temporalDownUrl, 'GET', '/readyz');
    expect(response.status).toBe(503);
    expect(response.body.checks).toEqual({ temporal: 'unreachable', mongodb: 'ok' });
  });
});

describe('MongoDB stopped', () => {
  beforeAll(async () => {
    await ferretdb.stop();
  });

  test.each([
    ['case list', 'GET', '/api/v1/applications', undefined],
    ['registration', 'POST', '/api/v1/applications', 'valid body'],
    ['case view', 'GET', '/api/v1/applications/{id}', undefined],
    ['ready', 'POST', '/api/v1/applications/{id}/ready', undefined],
    ['cancel', 'POST', '/api/v1/applications/{id}/cancel', { reason: 'test' }],
    ['contact change', 'PATCH', '/api/v1/applications/{id}/contact', { email: 'nieuw@example.be' }],
    ['delivery list', 'POST', '/api/v1/production-batches', ['GENT-CENTRUM-2026-999999']],
  ])('%s answers 503', async (_name, method, route, body) => {
    const requestBody = body === 'valid body' ? janPeeters({ reference: uniqueReference('NOMDB') }) : body;
    expectUnavailable(await call(healthyUrl, method, route.replace('{id}', existingCaseId), requestBody));
  });

  test('readiness reports MongoDB unreachable', async () => {
    const response = await call(healthyUrl, 'GET', '/readyz');
    expect(response.status).toBe(503);
    expect(response.body.checks.mongodb).toBe('unreachable');
  });

  test('API recovers when MongoDB is back', async () => {
    ferretdb = await startFerretdb({ port: ferretPort, dataDir: path.join(dataDir, 'ferretdb'), logDir: dataDir });
    const recovered = await waitFor('the case list to answer 200 again', async () => {
      const response = await call(healthyUrl, 'GET', '/api/v1/applications');
      return response.status === 200 ? response : undefined;
    });
    expect(recovered.body.total).toBe(1);

    const view = await call(healthyUrl, 'GET', `/api/v1/applications/${existingCaseId}`);
    expect(view.status).toBe(200);
    expect(view.body.status).toBe('awaiting-production');
  });
});
