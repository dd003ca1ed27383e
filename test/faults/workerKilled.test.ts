import { startFakeVonage } from '../../src/sandbox/fakeVonage';
import { NotificationModel } from '../../src/store/notificationModel';
import { SandboxMessageModel } from '../../src/store/sandboxMessageModel';
import { janPeeters, uniqueReference } from '../support/citizens';
import { sleep, startHarness, waitFor, type Harness } from '../support/harness';
import { waitForMessages } from '../support/sandbox';
import { delayVonageAnswers } from '../support/vonage';

let harness: Harness;
let vonage: { port: number; close: () => Promise<void> };
let vonageUrl: string;

beforeAll(async () => {
  vonage = await startFakeVonage(0, { apiKey: 'test-key', apiSecret: 'test-secret' });
  vonageUrl = `http://127.0.0.1:${vonage.port}`;
  harness = await startHarness({ env: { VONAGE_REST_HOST: vonageUrl }, workerProcess: true });
});

afterAll(async () => {
  await harness.close();
  await vonage.close();
});

test('worker killed after the provider took the SMS: no second SMS, one e-mail instead', async () => {
  // The provider stores the text at once but answers only after five seconds.
  await delayVonageAnswers(5_000, vonageUrl);
  const reference = uniqueReference('KIL');
  const registered = await harness.request('POST', '/api/v1/applications', {
    body: janPeeters({ reference, contact: { email: `${reference.toLowerCase()}@example.be` } }),
  });
  const id = registered.body.id as string;
  expect((await harness.request('POST', `/api/v1/applications/${id}/ready`)).status).toBe(200);

  await waitFor('the provider to take the SMS', async () => ((await SandboxMessageModel.countDocuments({ text: { $regex: reference } })) === 1 ? true : undefined));
  await harness.workerProcess?.kill();
  await delayVonageAnswers(0, vonageUrl);
  await harness.workerProcess?.start();

  // The lost attempt times out after 20 s; the retry finds the unfinished send and falls back to e-mail.
  const messages = await waitForMessages(harness, reference, 2, 45_000);
  expect(messages.map((message) => message.channel)).toEqual(['sms', 'email']);

  const log = await NotificationModel.find({ caseId: id, kind: 'pickup-notice' }).sort({ createdAt: 1 }).lean();
  expect(log.map((entry) => `${entry.channel}:${entry.status}:${entry.failureType}`)).toEqual(['sms:failed:SendOutcomeUnknown', 'email:sent:null']);

  expect((await harness.request('POST', `/api/v1/applications/${id}/collected`)).status).toBe(200);
  await sleep(1_000);
  expect(await SandboxMessageModel.countDocuments({ channel: 'sms', text: { $regex: reference } })).toBe(1);
  expect(await SandboxMessageModel.countDocuments({ channel: 'email', subject: { $regex: reference } })).toBe(1);
}, 60_000);
