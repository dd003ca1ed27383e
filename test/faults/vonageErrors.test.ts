import { startFakeVonage } from '../../src/sandbox/fakeVonage';
import { NotificationModel } from '../../src/store/notificationModel';
import { janPeeters, uniqueReference } from '../support/citizens';
import { sleep, startHarness, type Harness } from '../support/harness';
import { messagesFor, waitForMessages } from '../support/sandbox';
import { waitForLoggedSent } from '../support/notifications';
import { queueVonageAnswers } from '../support/vonage';

let harness: Harness;
let vonage: { port: number; close: () => Promise<void> };
let vonageUrl: string;

beforeAll(async () => {
  // A fake provider of its own, so the queued errors hit this test's messages only.
  vonage = await startFakeVonage(0, { apiKey: 'test-key', apiSecret: 'test-secret' });
  vonageUrl = `http://127.0.0.1:${vonage.port}`;
  harness = await startHarness({ env: { VONAGE_REST_HOST: vonageUrl } });
});

afterAll(async () => {
  await harness.close();
  await vonage.close();
});

test('Vonage answers 429, then 500, then success: one SMS', async () => {
  await queueVonageAnswers([429, 500], vonageUrl);
  const reference = uniqueReference('VON');
  const registered = await harness.request('POST', '/api/v1/applications', { body: janPeeters({ reference }) });
  const id = registered.body.id as string;
  expect((await harness.request('POST', `/api/v1/applications/${id}/ready`)).status).toBe(200);

  const [sms] = await waitForMessages(harness, reference, 1, 30_000);
  expect(sms?.channel).toBe('sms');
  const notification = await waitForLoggedSent(id, 'pickup-notice', 'sms');
  expect(notification).toMatchObject({ channel: 'sms', status: 'sent', attempts: 3 });

  await harness.request('POST', `/api/v1/applications/${id}/collected`);
  await sleep(1_000);
  expect(await messagesFor(harness, reference)).toHaveLength(1);
});

test('Vonage throttling status 1 retries, then sends once', async () => {
  await queueVonageAnswers(['1'], vonageUrl);
  const reference = uniqueReference('VON');
  const registered = await harness.request('POST', '/api/v1/applications', { body: janPeeters({ reference }) });
  const id = registered.body.id as string;
  await harness.request('POST', `/api/v1/applications/${id}/ready`);

  await waitForMessages(harness, reference, 1, 30_000);
  const notification = await waitForLoggedSent(id, 'pickup-notice', 'sms');
  expect(notification).toMatchObject({ status: 'sent', attempts: 2 });
  await harness.request('POST', `/api/v1/applications/${id}/collected`);
});
