import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startFakeVonage } from '../../src/sandbox/fakeVonage';
import { startFerretdb } from '../../src/stack/localServices';
import { freePort, type RunningService } from '../../src/stack/processes';
import { CaseModel } from '../../src/store/caseModel';
import { janPeeters, uniqueReference } from '../support/citizens';
import { sleep, startHarness, waitFor, type Harness } from '../support/harness';
import { messagesFor, waitForMessages } from '../support/sandbox';

let harness: Harness;
let ferretdb: RunningService;
let vonage: { port: number; close: () => Promise<void> };
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'loketbode-mongo-down-'));
let mongoPort: number;

async function startOwnFerretdb(): Promise<RunningService> {
  return startFerretdb({ port: mongoPort, dataDir: path.join(dataDir, 'ferretdb'), logDir: dataDir });
}

beforeAll(async () => {
  // A store of this test's own, and a fake provider writing into it, so stopping it touches no other suite.
  mongoPort = await freePort();
  ferretdb = await startOwnFerretdb();
  vonage = await startFakeVonage(0, { apiKey: 'test-key', apiSecret: 'test-secret' });
  harness = await startHarness({
    env: { MONGODB_URI: `mongodb://127.0.0.1:${mongoPort}/loketbode-fault`, VONAGE_REST_HOST: `http://127.0.0.1:${vonage.port}` },
  });
}, 60_000);

afterAll(async () => {
  await harness.close();
  await vonage.close();
  await ferretdb.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test('MongoDB down: the API answers 503 in Dutch, reminders wait, nothing is lost', async () => {
  const reference = uniqueReference('MDB');
  const registered = await harness.request('POST', '/api/v1/applications', { body: janPeeters({ reference }) });
  const id = registered.body.id as string;
  expect((await harness.request('POST', `/api/v1/applications/${id}/ready`)).status).toBe(200);
  await waitForMessages(harness, reference, 1);

  await ferretdb.stop();
  const refused = await harness.request('POST', '/api/v1/applications', { body: janPeeters({ reference: uniqueReference('MDB') }) });
  expect(refused.status).toBe(503);
  expect(refused.body.error.code).toBe('service_unavailable');
  expect(refused.body.error.message).toMatch(/niet beschikbaar/);
  const ready = await harness.request('GET', '/readyz');
  expect(ready.status).toBe(503);
  expect(ready.body.checks.mongodb).toBe('unreachable');

  // The first reminder falls due while the store is down; its activity retries.
  await sleep(6_000);
  ferretdb = await startOwnFerretdb();

  const messages = await waitForMessages(harness, reference, 4, 45_000);
  expect(messages.map((message) => message.channel)).toEqual(['sms', 'sms', 'sms', 'letter']);
  expect((await harness.request('POST', `/api/v1/applications/${id}/collected`)).status).toBe(200);
  await waitFor('case index to show collected', async () => ((await CaseModel.findById(id).lean())?.status === 'collected' ? true : undefined));
  expect(await messagesFor(harness, reference)).toHaveLength(4);
  expect(await CaseModel.countDocuments({ reference: { $ne: reference } })).toBe(0);
}, 90_000);
