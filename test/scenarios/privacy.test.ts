import fs from 'node:fs';
import { temporal } from '@temporalio/proto';
import { janPeeters, uniqueReference } from '../support/citizens';
import { startHarness, type Harness } from '../support/harness';
import { waitForMessages } from '../support/sandbox';

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
});

afterAll(async () => {
  await harness.close();
});

/** Every way a personal value of this citizen could be written down. */
const personalValues = [
  'Zoë',
  "D'Hondt",
  '85.07.30-033.28',
  '85073003328',
  '0470 12 34 56',
  '+32470123456',
  '32470123456',
  '470123456',
  'zoe.dhondt@example.be',
  'Veldstraat',
];

function findPersonalValues(text: string): string[] {
  return personalValues.filter((value) => text.includes(value));
}

test('history and logs of a whole case hold no personal data', async () => {
  const reference = uniqueReference('PRV');
  const body = janPeeters({ reference, preferredChannel: 'sms', contact: { email: 'zoe.dhondt@example.be' } });
  body.citizen.firstName = 'Zoë';
  body.citizen.lastName = "D'Hondt";

  const registered = await harness.request('POST', '/api/v1/applications', { body });
  expect(registered.status).toBe(201);
  const id = registered.body.id as string;
  expect((await harness.request('POST', `/api/v1/applications/${id}/ready`)).status).toBe(200);

  const handle = harness.client.workflow.getHandle(id);
  expect((await handle.result()).status).toBe('returned-uncollected');
  const messages = await waitForMessages(harness, reference, 5);
  expect(messages[0]?.text).toContain("Zoë D'Hondt");

  // The encoded history holds every payload, memo and search attribute as raw bytes.
  const history = await handle.fetchHistory();
  const encoded = Buffer.from(temporal.api.history.v1.History.encode(history).finish());
  expect(encoded.toString('utf8')).toContain(reference);
  expect(findPersonalValues(encoded.toString('utf8'))).toEqual([]);
  expect(findPersonalValues(encoded.toString('latin1'))).toEqual([]);
  expect(findPersonalValues(JSON.stringify(await handle.describe()))).toEqual([]);

  const logFile = process.env.LOG_FILE ?? '';
  const log = fs.readFileSync(logFile, 'utf8');
  expect(log).toContain(id);
  expect(findPersonalValues(log)).toEqual([]);
});
