import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { hashApiKey, loadKeyTable } from '../../src/api/auth';
import { projectRoot } from '../../src/config/env';
import { freePort, waitForPort } from '../../src/stack/processes';
import { shortPolicyFile } from '../support/harness';

const clerkKey = 'keys-test-clerk-key-0123456789';
const managerKey = 'keys-test-manager-key-0123456789';
const keyList = [
  { identity: 'clerk-1', role: 'clerk', keySha256: hashApiKey(clerkKey) },
  { identity: 'manager-1', role: 'manager', keySha256: hashApiKey(managerKey) },
];

let tempDir: string;

beforeAll(() => {
  tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'loketbode-keys-'));
});

afterAll(() => {
  fs.rmSync(tempDir, { recursive: true, force: true });
});

describe('loadKeyTable', () => {
  test('reads API_KEYS', () => {
    const table = loadKeyTable({ keysFile: null, keysJson: JSON.stringify(keyList), production: true });
    expect(table.get(hashApiKey(clerkKey))).toEqual({ identity: 'clerk-1', role: 'clerk' });
    expect(table.get(hashApiKey('dev-clerk'))).toBeUndefined();
    expect(table.size).toBe(2);
  });

  test('merges API_KEYS_FILE and API_KEYS', () => {
    const file = path.join(tempDir, 'merge.json');
    fs.writeFileSync(file, JSON.stringify([keyList[0]]));
    const table = loadKeyTable({ keysFile: file, keysJson: JSON.stringify([keyList[1]]), production: true });
    expect([...table.values()].map((entry) => entry.identity).sort()).toEqual(['clerk-1', 'manager-1']);
  });

  test('accepts an upper-case hash', () => {
    const table = loadKeyTable({ keysFile: null, keysJson: JSON.stringify([{ ...keyList[0], keySha256: hashApiKey(clerkKey).toUpperCase() }]), production: true });
    expect(table.get(hashApiKey(clerkKey))?.identity).toBe('clerk-1');
  });

  test('development keys outside production only', () => {
    const table = loadKeyTable({ keysFile: null, keysJson: null, production: false });
    expect(table.get(hashApiKey('dev-clerk'))).toEqual({ identity: 'dev-clerk', role: 'clerk' });
    expect(() => loadKeyTable({ keysFile: null, keysJson: '', production: true })).toThrow(/No API keys configured/);
  });

  test.each([
    ['invalid JSON', '[{', /API_KEYS is not valid JSON/],
    ['unknown role', JSON.stringify([{ ...keyList[0], role: 'admin' }]), /role/],
    ['short hash', JSON.stringify([{ ...keyList[0], keySha256: 'abc' }]), /keySha256 must be the 64 hexadecimal digits/],
    ['unknown field', JSON.stringify([{ ...keyList[0], key: clerkKey }]), /key/],
    ['not a list', JSON.stringify(keyList[0]), /must be a JSON list/],
    ['empty list', '[]', /contain no key/],
    ['same key twice', JSON.stringify([keyList[0], { ...keyList[0], identity: 'clerk-2' }]), /same API key is configured for "clerk-1" and "clerk-2"/],
    ['development key', JSON.stringify([{ identity: 'desk-9', role: 'clerk', keySha256: hashApiKey('dev-clerk') }]), /development key dev-clerk/],
  ])('%s is rejected in production', (_name, keysJson, message) => {
    expect(() => loadKeyTable({ keysFile: null, keysJson, production: true })).toThrow(message);
  });

  test('error never shows the key', () => {
    const keysJson = JSON.stringify([{ ...keyList[0], key: clerkKey }]);
    expect(() => loadKeyTable({ keysFile: null, keysJson, production: true })).toThrow(expect.objectContaining({ message: expect.not.stringContaining(clerkKey) }));
  });
});

describe('API process with configured keys', () => {
  interface RunningApi {
    child: ChildProcess;
    exited: Promise<number | null>;
    baseUrl: string;
    logFile: string;
  }

  async function startApi(extraEnv: Record<string, string>): Promise<RunningApi> {
    const port = await freePort();
    const logFile = path.join(tempDir, `api-${port}.log`);
    const env: NodeJS.ProcessEnv = { ...process.env, HOST: '127.0.0.1', PORT: String(port), POLICY_FILE: shortPolicyFile, LOG_FILE: logFile, ...extraEnv };
    delete env.API_KEYS_FILE;
    const child = spawn(path.join(projectRoot, 'node_modules', '.bin', 'tsx'), ['src/api/main.ts'], { cwd: projectRoot, env, stdio: 'ignore' });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    return { child, exited, baseUrl: `http://127.0.0.1:${port}`, logFile };
  }

  function call(api: RunningApi, method: string, route: string, key?: string) {
    return fetch(`${api.baseUrl}${route}`, { method, headers: key ? { authorization: `Bearer ${key}` } : {} });
  }

  test('keys from API_KEYS, roles, and a clean stop', async () => {
    const api = await startApi({ NODE_ENV: 'production', API_KEYS: JSON.stringify(keyList) });
    try {
      await waitForPort(Number(new URL(api.baseUrl).port), null, 30_000);

      expect((await call(api, 'GET', '/api/v1/applications', clerkKey)).status).toBe(200);
      expect((await call(api, 'GET', '/api/v1/applications', managerKey)).status).toBe(200);
      expect((await call(api, 'POST', '/api/v1/applications', managerKey)).status).toBe(403);
      expect((await call(api, 'GET', '/api/v1/applications')).status).toBe(401);
      expect((await call(api, 'GET', '/api/v1/applications', 'dev-clerk')).status).toBe(401);

      api.child.kill('SIGTERM');
      expect(await api.exited).toBe(0);
      const log = fs.readFileSync(api.logFile, 'utf8');
      expect(log).toContain('"msg":"API stopped"');
      expect(log).not.toContain(clerkKey);
    } finally {
      api.child.kill('SIGKILL');
    }
  });

  test('production without keys does not start', async () => {
    const api = await startApi({ NODE_ENV: 'production', API_KEYS: '' });
    try {
      expect(await api.exited).toBe(1);
      expect(fs.readFileSync(api.logFile, 'utf8')).toContain('No API keys configured');
    } finally {
      api.child.kill('SIGKILL');
    }
  });
});
