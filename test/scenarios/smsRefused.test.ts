import crypto from 'node:crypto';
import { NotificationModel } from '../../src/store/notificationModel';
import { janPeeters, uniqueReference } from '../support/citizens';
import { startHarness, waitFor, type Harness } from '../support/harness';
import { waitForMessages } from '../support/sandbox';
import { postReceipt, refuseNumber, signParameters } from '../support/vonage';

let harness: Harness;
const signatureSecret = 'test-signature-secret';

beforeAll(async () => {
  harness = await startHarness();
});

afterAll(async () => {
  await harness.close();
});

/** A Belgian mobile number no other test uses, so refusing it affects this test only. */
function uniqueMobile(): { national: string; digits: string } {
  const suffix = String(crypto.randomInt(0, 1_000_000)).padStart(6, '0');
  return { national: `0479 ${suffix}`, digits: `32479${suffix}` };
}

async function registerReady(body: object): Promise<string> {
  const registered = await harness.request('POST', '/api/v1/applications', { body });
  expect(registered.status).toBe(201);
  const id = registered.body.id as string;
  expect((await harness.request('POST', `/api/v1/applications/${id}/ready`)).status).toBe(200);
  return id;
}

test('SMS refused at send time falls back to e-mail', async () => {
  const reference = uniqueReference('REF');
  const mobile = uniqueMobile();
  await refuseNumber(mobile.digits, '6');
  const id = await registerReady(janPeeters({ reference, contact: { mobile: mobile.national, email: `${reference.toLowerCase()}@example.be` } }));

  const [notice] = await waitForMessages(harness, reference, 1);
  expect(notice?.channel).toBe('email');

  const log = await NotificationModel.find({ caseId: id, kind: 'pickup-notice' }).sort({ createdAt: 1 }).lean();
  expect(log.map((entry) => [entry.channel, entry.status, entry.failureType])).toEqual([
    ['sms', 'failed', 'SmsRejected'],
    ['email', 'sent', null],
  ]);
  expect(log[0]?.failureMessage).toContain('Vonage status 6');

  const view = await harness.request('GET', `/api/v1/applications/${id}`);
  expect(view.body.notifications.map((entry: { channel: string; status: string }) => `${entry.channel}:${entry.status}`)).toEqual(['sms:failed', 'email:sent']);
  await harness.request('POST', `/api/v1/applications/${id}/collected`);
});

test('SMS refused without e-mail falls back to a letter', async () => {
  const reference = uniqueReference('REF');
  const mobile = uniqueMobile();
  await refuseNumber(mobile.digits, '7');
  const id = await registerReady(janPeeters({ reference, contact: { mobile: mobile.national, email: undefined } }));

  const [notice] = await waitForMessages(harness, reference, 1);
  expect(notice?.channel).toBe('letter');
  const log = await NotificationModel.find({ caseId: id, kind: 'pickup-notice' }).sort({ createdAt: 1 }).lean();
  expect(log.map((entry) => `${entry.channel}:${entry.status}:${entry.failureType}`)).toEqual([
    'sms:failed:SmsRejected',
    'email:failed:MissingContactData',
    'letter:sent:null',
  ]);
  await harness.request('POST', `/api/v1/applications/${id}/collected`);
});

test('failed delivery receipt falls back to e-mail once', async () => {
  const reference = uniqueReference('DLR');
  const id = await registerReady(janPeeters({ reference, contact: { mobile: uniqueMobile().national, email: `${reference.toLowerCase()}@example.be` } }));
  const [sms] = await waitForMessages(harness, reference, 1);
  expect(sms?.channel).toBe('sms');

  const notification = await NotificationModel.findOne({ caseId: id, kind: 'pickup-notice', channel: 'sms' }).lean();
  const receipt = { messageId: notification?.providerMessageId ?? '', status: 'failed', 'err-code': '1', 'client-ref': notification?._id.toString() ?? '' };
  const signed = signParameters(receipt, signatureSecret);
  expect((await postReceipt(harness, signed)).status).toBe(200);

  const [, email] = await waitForMessages(harness, reference, 2);
  expect(email?.channel).toBe('email');
  const stored = await waitFor('delivery status failed', async () => {
    const entry = await NotificationModel.findById(notification?._id).lean();
    return entry?.deliveryStatus === 'failed' ? entry : undefined;
  });
  expect(stored.receipts).toHaveLength(1);

  // A replayed receipt is rejected; a second genuine one for another part sends nothing more.
  expect((await postReceipt(harness, signed)).status).toBe(401);
  expect((await postReceipt(harness, signParameters(receipt, signatureSecret))).status).toBe(200);
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  expect(await NotificationModel.countDocuments({ caseId: id, kind: 'pickup-notice' })).toBe(2);

  await harness.request('POST', `/api/v1/applications/${id}/collected`);
});

test('receipt with a wrong signature answers 401 and changes nothing', async () => {
  const forged = signParameters({ messageId: 'X', status: 'failed', 'client-ref': '0123456789abcdef01234567' }, 'not-the-secret');
  const response = await postReceipt(harness, forged);
  expect(response.status).toBe(401);
  expect(response.body.error.code).toBe('invalid_signature');

  const stale = signParameters({ messageId: 'X', status: 'failed', timestamp: String(Math.floor(Date.now() / 1000) - 3600) }, signatureSecret);
  expect((await postReceipt(harness, stale)).body.error.code).toBe('stale_signature');
});

test('delivered receipt is recorded', async () => {
  const reference = uniqueReference('DLV');
  const id = await registerReady(janPeeters({ reference, contact: { mobile: uniqueMobile().national } }));
  await waitForMessages(harness, reference, 1);
  const notification = await NotificationModel.findOne({ caseId: id, channel: 'sms' }).lean();
  const signed = signParameters({ messageId: notification?.providerMessageId ?? '', status: 'delivered', 'err-code': '0', 'client-ref': notification?._id.toString() ?? '' }, signatureSecret);
  expect((await postReceipt(harness, signed)).status).toBe(200);
  const stored = await NotificationModel.findById(notification?._id).lean();
  expect(stored?.deliveryStatus).toBe('delivered');
  expect(stored?.deliveredAt).toBeInstanceOf(Date);
  await harness.request('POST', `/api/v1/applications/${id}/collected`);
});
