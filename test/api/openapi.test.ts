import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { Connection } from '@temporalio/client';
import { validate } from '@readme/openapi-parser';
import type { Express } from 'express';
import { createApp } from '../../src/api/app';
import { hashApiKey, type KeyTable } from '../../src/api/auth';
import { buildOpenApiDocument } from '../../src/api/openapi';
import { readSettings, type Settings } from '../../src/config/env';
import { loadPolicyFile } from '../../src/config/policyFile';
import { shortPolicyFile } from '../support/harness';

// Building the app needs no running server: the lazy connection never connects unless a route calls Temporal.
const connection = Connection.lazy({ address: '127.0.0.1:1' });
const keys: KeyTable = new Map([[hashApiKey('openapi-test-key'), { identity: 'openapi-test', role: 'clerk' }]]);

function buildApp(overrides: Partial<Settings> = {}): Express {
  const settings = { ...readSettings({ ...process.env, POLICY_FILE: shortPolicyFile }), ...overrides };
  return createApp({ settings, policy: loadPolicyFile(settings.policyFile), keys, connection });
}

interface RouterLayer {
  rawPath?: unknown;
  route?: { path: unknown; methods: Record<string, boolean> };
  handle?: { stack?: RouterLayer[] };
}

/** Lists every route of the app as "METHOD /path/{param}", walking nested routers and their mount paths. */
function routesOf(stack: RouterLayer[], prefix = ''): string[] {
  return stack.flatMap((layer) => {
    if (layer.route) {
      if (typeof layer.route.path !== 'string') {
        throw new Error(`route with a non-string path under ${prefix}: OpenAPI cannot describe it`);
      }
      const path = `${prefix}${layer.route.path}`.replace(/:([A-Za-z_$][\w$]*)/g, '{$1}');
      return Object.keys(layer.route.methods)
        .filter((method) => method !== '_all')
        .map((method) => `${method.toUpperCase()} ${path}`);
    }
    if (layer.handle?.stack) {
      const mountPath = typeof layer.rawPath === 'string' && layer.rawPath !== '/' ? layer.rawPath : '';
      return routesOf(layer.handle.stack, `${prefix}${mountPath}`);
    }
    return [];
  });
}

function documentedRoutes(document: { paths: Record<string, Record<string, unknown>> }): string[] {
  const methods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.keys(item)
      .filter((key) => methods.includes(key))
      .map((method) => `${method.toUpperCase()} ${path}`),
  );
}

function appRoutes(app: Express): string[] {
  return routesOf((app as unknown as { router: { stack: RouterLayer[] } }).router.stack);
}

afterAll(async () => {
  await connection.close();
});

test('document validates as OpenAPI 3.1', async () => {
  const result = await validate(structuredClone(buildOpenApiDocument()) as never);
  expect('errors' in result ? result.errors : []).toEqual([]);
  expect(result.valid).toBe(true);
  expect(result.specification).toBe('OpenAPI');
});

test('routes and document match both ways', () => {
  const routes = appRoutes(buildApp()).sort();
  const documented = documentedRoutes(buildOpenApiDocument()).sort();
  expect(routes.length).toBeGreaterThan(15);
  expect(routes.filter((route) => !documented.includes(route))).toEqual([]);
  expect(documented.filter((route) => !routes.includes(route))).toEqual([]);
});

test('production routes match the production document', () => {
  const app = buildApp({ production: true, vonage: { ...readSettings().vonage, signatureSecret: null } });
  const routes = appRoutes(app).sort();
  const documented = documentedRoutes(buildOpenApiDocument({ sandbox: false, webhook: false })).sort();
  expect(routes).not.toContain('GET /sandbox');
  expect(routes).not.toContain('POST /api/v1/webhooks/vonage/delivery-receipts');
  expect(routes).toEqual(documented);
});

describe('documented paths', () => {
  const document = buildOpenApiDocument() as unknown as { paths: Record<string, Record<string, any>> };

  test('case list has its query parameters', () => {
    const names = document.paths['/api/v1/applications']!.get.parameters.map((parameter: { name?: string; $ref?: string }) => parameter.name ?? parameter.$ref);
    expect(names).toEqual(expect.arrayContaining(['status', 'documentType', 'office', 'reference', 'page', 'pageSize']));
  });

  test('contact change takes its schema', () => {
    const operation = document.paths['/api/v1/applications/{id}/contact']!.patch;
    expect(operation.requestBody.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/ContactChange' });
    expect(operation.description).toEqual(expect.any(String));
  });

  test('delivery list accepts JSON and CSV', () => {
    const content = document.paths['/api/v1/production-batches']!.post.requestBody.content;
    expect(Object.keys(content).sort()).toEqual(['application/json', 'text/csv']);
  });

  test('webhook takes GET and POST', () => {
    const item = document.paths['/api/v1/webhooks/vonage/delivery-receipts']!;
    expect(Object.keys(item).sort()).toEqual(['get', 'post']);
    expect(item.post.security).toBeUndefined();
  });

  test('every API operation names 429 and 503', () => {
    for (const [path, item] of Object.entries(document.paths).filter(([path]) => path.startsWith('/api/v1/'))) {
      for (const [method, operation] of Object.entries(item)) {
        expect([`${method} ${path}`, Object.keys(operation.responses)]).toEqual([`${method} ${path}`, expect.arrayContaining(['429', '503'])]);
      }
    }
  });

  test('every operation has a summary', () => {
    for (const item of Object.values(document.paths)) {
      for (const operation of Object.values(item)) {
        expect(operation.summary).toEqual(expect.any(String));
      }
    }
  });
});

describe('served documents', () => {
  let server: Server;
  let baseUrl: string;

  beforeAll(async () => {
    const app = buildApp();
    server = await new Promise((resolve) => {
      const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
    });
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  test('/openapi.json serves the document', async () => {
    const response = await fetch(`${baseUrl}/openapi.json`);
    expect(response.status).toBe(200);
    const served = await response.json();
    expect(served).toEqual(JSON.parse(JSON.stringify(buildOpenApiDocument())));
  });

  test('/docs lists every operation', async () => {
    const response = await fetch(`${baseUrl}/docs`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const page = await response.text();
    for (const route of documentedRoutes(buildOpenApiDocument())) {
      const [method, path] = route.split(' ');
      expect(page).toContain(`${method}</span> <code>${path!.replace(/'/g, '&#39;')}</code>`);
    }
  });

  test('/docs loads nothing from elsewhere', async () => {
    const response = await fetch(`${baseUrl}/docs`);
    const page = await response.text();
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(page).not.toMatch(/<script/i);
    expect(page).not.toMatch(/<link/i);
    expect(page).not.toMatch(/\ssrc=/i);
    expect(page).not.toMatch(/href="(?!#|\/openapi\.json")/);
    expect(page).not.toMatch(/url\(/i);
  });
});
