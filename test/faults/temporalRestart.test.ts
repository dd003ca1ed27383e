import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startTemporal } from '../../src/stack/localServices';
import { freePort, type RunningService } from '../../src/stack/processes';
import { janPeeters, uniqueReference } from '../support/citizens';
import { sleep, startHarness, type Harness } from '../support/harness';
import { messagesFor, waitForMessages } from '../support/sandbox';

let harness: Harness;
let temporal: RunningService;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'loketbode-temporal-restart-'));
let ports: { port: number; uiPort: number };

async function startOwnTemporal(): Promise<RunningService> {
  return startTemporal({ ...ports, dataDir, logDir: dataDir });
}

beforeAll(async () => {
  // A Temporal server of this test's own, because stopping the shared one would stop every other suite.
  ports = { port: await freePort(), uiPort: await freePort() };
  temporal = await startOwnTemporal();
  harness = await startHarness({ env: { TEMPORAL_ADDRESS: `127.0.0.1:${ports.port}` } });
}, 120_000);

afterAll(async () => {
  await harness.close();
  await temporal.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test('Temporal restarted on the same database while a case waits: every reminder once', async () => {
  const reference = uniqueReference('TMP');
  const registered = await harness.request('POST', '/api/v1/applications', { body: janPeeters({ reference }) });
  const id = registered.body.id as string;
  expect((await harness.request('POST', `/api/v1/applications/${id}/ready`)).status).toBe(200);
  await waitForMessages(harness, reference, 1);

  // Down across the first reminder, due 3 s after "ready".
  await temporal.stop();
  await sleep(4_000);
  temporal = await startOwnTemporal();

  const messages = await waitForMessages(harness, reference, 4, 40_000);
  expect(messages.map((message) => message.channel)).toEqual(['sms', 'sms', 'sms', 'letter']);
  expect(messages.filter((message) => message.text.includes('Herinnering'))).toHaveLength(2);

  const collected = await harness.request('POST', `/api/v1/applications/${id}/collected`);
  expect(collected.status).toBe(200);
  await sleep(1_000);
  expect(await messagesFor(harness, reference)).toHaveLength(4);
}, 90_000);
