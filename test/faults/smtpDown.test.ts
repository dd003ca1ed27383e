import { startSmtpCapture } from '../../src/sandbox/smtpCapture';
import { freePort } from '../../src/stack/processes';
import { NotificationModel } from '../../src/store/notificationModel';
import { janPeeters, uniqueReference } from '../support/citizens';
import { sleep, startHarness, type Harness } from '../support/harness';
import { waitForLoggedSent } from '../support/notifications';
import { messagesFor, waitForMessages } from '../support/sandbox';

let harness: Harness;
let smtpPort: number;

beforeAll(async () => {
  smtpPort = await freePort();
  harness = await startHarness({ env: { SMTP_URL: `smtp://127.0.0.1:${smtpPort}` } });
});

afterAll(async () => {
  await harness.close();
});

test('SMTP down when the notice is due, back ten seconds later: one e-mail', async () => {
  const reference = uniqueReference('SMTP');
  const registered = await harness.request('POST', '/api/v1/applications', {
    body: janPeeters({ reference, preferredChannel: 'email', contact: { email: `${reference.toLowerCase()}@example.be` } }),
  });
  const id = registered.body.id as string;
  expect((await harness.request('POST', `/api/v1/applications/${id}/ready`)).status).toBe(200);

  await sleep(10_000);
  expect(await messagesFor(harness, reference)).toHaveLength(0);
  const waiting = await NotificationModel.findOne({ caseId: id, kind: 'pickup-notice', channel: 'email' }).lean();
  expect(waiting?.status).toBe('retry');

  const smtp = await startSmtpCapture(smtpPort);
  try {
    const [notice] = await waitForMessages(harness, reference, 1, 40_000);
    expect(notice?.channel).toBe('email');
    const sent = await waitForLoggedSent(id, 'pickup-notice', 'email');
    expect(sent.status).toBe('sent');
    expect(sent.attempts).toBeGreaterThan(1);

    await harness.request('POST', `/api/v1/applications/${id}/collected`);
    await sleep(1_000);
    expect(await messagesFor(harness, reference)).toHaveLength(1);
    expect(await NotificationModel.countDocuments({ caseId: id })).toBe(1);
  } finally {
    await smtp.close();
  }
}, 60_000);
