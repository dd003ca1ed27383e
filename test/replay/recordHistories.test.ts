import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { temporalBinary } from '../../src/stack/binaries';
import { NotificationModel } from '../../src/store/notificationModel';
import { janPeeters, uniqueReference } from '../support/citizens';
import { startHarness, type Harness } from '../support/harness';
import { waitForMessages } from '../support/sandbox';
import { postReceipt, refuseNumber, signParameters } from '../support/vonage';

/**
 * Records the histories that the replay test checks new workflow code
 * against, into a new folder named after the change that made them
 * necessary. Run it when a workflow change ships behind patched(), so both
 * the old and the new path stay covered:
 *   RECORD_HISTORIES=local-case-index npx jest test/replay/recordHistories.test.ts
 */
const recordingName = process.env.RECORD_HISTORIES ?? '';
const describeRecording = /^[a-z0-9-]+$/.test(recordingName) ? describe : describe.skip;
const historiesDir = path.join(__dirname, '..', 'fixtures', 'histories', recordingName);

let harness: Harness;

async function save(name: string, workflowId: string): Promise<void> {
  const handle = harness.client.workflow.getHandle(workflowId);
  await handle.result();
  // The CLI writes the same proto JSON that historyFromJSON reads; the SDK's writer trips over Jest's module registry.
  const json = execFileSync(temporalBinary(), ['workflow', 'show', '--workflow-id', workflowId, '--output', 'json', '--address', harness.settings.temporalAddress]);
  fs.writeFileSync(path.join(historiesDir, `${name}.json`), json);
}

async function registerReady(body: object): Promise<string> {
  const registered = await harness.request('POST', '/api/v1/applications', { body });
  expect(registered.status).toBe(201);
  const id = registered.body.id as string;
  expect((await harness.request('POST', `/api/v1/applications/${id}/ready`)).status).toBe(200);
  return id;
}

describeRecording('record workflow histories', () => {
  beforeAll(async () => {
    fs.mkdirSync(historiesDir, { recursive: true });
    harness = await startHarness();
  });

  afterAll(async () => {
    await harness.close();
  });

  test('passport by SMS, collected after the letter', async () => {
    const reference = uniqueReference('REC');
    const id = await registerReady(janPeeters({ reference }));
    await waitForMessages(harness, reference, 4);
    await harness.request('POST', `/api/v1/applications/${id}/collected`);
    await save('sms-collected-after-letter', id);
  });

  test('never collected, by letter', async () => {
    const id = await registerReady(janPeeters({ reference: uniqueReference('REC'), preferredChannel: 'letter' }));
    await save('letter-returned-uncollected', id);
  });

  test('cancelled in production', async () => {
    const registered = await harness.request('POST', '/api/v1/applications', { body: janPeeters({ reference: uniqueReference('REC') }) });
    await harness.request('POST', `/api/v1/applications/${registered.body.id}/cancel`, { body: { reason: 'ingetrokken' } });
    await save('cancelled-in-production', registered.body.id);
  });

  test('SMS refused, contact changed, receipt failed, then collected', async () => {
    const reference = uniqueReference('REC');
    await refuseNumber('32479000999', '6');
    const id = await registerReady(janPeeters({ reference, contact: { mobile: '0479 000 999', email: 'rec@example.be' } }));
    await waitForMessages(harness, reference, 1);
    await harness.request('PATCH', `/api/v1/applications/${id}/contact`, { body: { mobile: '0470 11 22 33', preferredChannel: 'sms' } });
    await waitForMessages(harness, reference, 2);
    const reminder = await NotificationModel.findOne({ caseId: id, kind: 'reminder', channel: 'sms' }).lean();
    const receipt = { messageId: reminder?.providerMessageId ?? '', status: 'failed', 'err-code': '1', 'client-ref': reminder?._id.toString() ?? '' };
    await postReceipt(harness, signParameters(receipt, 'test-signature-secret'));
    await waitForMessages(harness, reference, 3);
    await harness.request('POST', `/api/v1/applications/${id}/collected`);
    await save('fallbacks-and-contact-change', id);
  });

  test('ready through a delivery list', async () => {
    const reference = uniqueReference('REC');
    const registered = await harness.request('POST', '/api/v1/applications', { body: janPeeters({ reference, preferredChannel: 'email', contact: { email: 'list@example.be' } }) });
    const batch = await harness.request('POST', '/api/v1/production-batches', { body: [reference] });
    await waitForMessages(harness, reference, 1);
    await harness.request('POST', `/api/v1/applications/${registered.body.id}/collected`);
    await save('ready-by-delivery-list', registered.body.id);
    await save('production-batch', `production-batch-${batch.body.batchId}`);
  });
});
