import crypto from 'node:crypto';
import { NotificationModel } from '../../src/store/notificationModel';
import { janPeeters, uniqueReference } from '../support/citizens';
import { startHarness, waitFor, type Harness } from '../support/harness';
import { writePolicyWithOffices } from '../support/policyWithOffices';
import { waitForMessages } from '../support/sandbox';
import { postReceipt, signParameters } from '../support/vonage';

let harness: Harness;

beforeAll(async () => {
  // The first reminder comes after a minute, so the steps below finish before any timer fires.
  harness = await startHarness({
    policyFile: writePolicyWithOffices([], { reminders: ['60 seconds'], letterAfter: '120 seconds', pickupDeadline: '180 seconds' }),
  });
});

afterAll(async () => {
  await harness.close();
});

function audit(id: string) {
  return harness.request('GET', `/api/v1/applications/${id}/audit`, { key: 'dev-auditor' });
}

/** Summarizes an audit entry in one line, so a failed order check shows the whole trail. */
function summarize(entry: any): string {
  switch (entry.type) {
    case 'clerk-action':
      return `${entry.action} by ${entry.actor} via ${entry.via}`;
    case 'status-change':
      return `status ${entry.status}`;
    case 'message':
      return `${entry.kind} ${entry.sequence} by ${entry.channel}: ${entry.outcome}`;
    case 'delivery-failed':
      return `delivery of ${entry.kind} ${entry.sequence} by ${entry.channel}: ${entry.deliveryStatus}`;
    case 'fallback':
      return `fallback ${entry.kind} ${entry.sequence} from ${entry.fromChannel} to ${entry.toChannel}`;
    case 'timer-started':
    case 'timer-cancelled':
      return `${entry.type} for ${entry.waitsFor?.kind} ${entry.waitsFor?.sequence}`;
    case 'final-state':
      return `final ${entry.workflowStatus} ${entry.status}`;
    default:
      return entry.type;
  }
}

test('failed receipt and contact change appear in order', async () => {
  const reference = uniqueReference('AUR');
  const mobileSuffix = String(crypto.randomInt(0, 1_000_000)).padStart(6, '0');
  const newEmail = `${reference.toLowerCase()}@example.be`;
  const registered = await harness.request('POST', '/api/v1/applications', { body: janPeeters({ reference, contact: { mobile: `0479 ${mobileSuffix}` } }) });
  expect(registered.status).toBe(201);
  const id = registered.body.id as string;
  expect((await harness.request('POST', `/api/v1/applications/${id}/ready`)).status).toBe(200);
  await waitForMessages(harness, reference, 1);

  const changed = await harness.request('PATCH', `/api/v1/applications/${id}/contact`, { body: { email: newEmail } });
  expect(changed.status).toBe(200);

  const notification = await NotificationModel.findOne({ caseId: id, kind: 'pickup-notice', channel: 'sms' }).lean();
  const receipt = { messageId: notification?.providerMessageId ?? '', status: 'failed', 'err-code': '1', 'client-ref': notification?._id.toString() ?? '' };
  expect((await postReceipt(harness, signParameters(receipt, 'test-signature-secret'))).status).toBe(200);
  const [, email] = await waitForMessages(harness, reference, 2);
  expect(email?.channel).toBe('email');

  expect((await harness.request('POST', `/api/v1/applications/${id}/collected`)).status).toBe(200);
  await harness.client.workflow.getHandle(id).result();

  const body = (await audit(id)).body;
  expect(body.entries.map(summarize)).toEqual([
    'registered',
    'ready by dev-clerk via update',
    'status ready-for-pickup',
    'pickup-notice 1 by sms: sent',
    'timer-started for reminder 1',
    'contact-change by dev-clerk via update',
    'delivery of pickup-notice 1 by sms: failed',
    'fallback pickup-notice 1 from sms to email',
    'pickup-notice 1 by email: sent',
    'collected by dev-clerk via update',
    'status collected',
    'timer-cancelled for reminder 1',
    'final completed collected',
  ]);

  const contactChange = body.entries.find((entry: any) => entry.action === 'contact-change');
  expect(contactChange.changedFields).toEqual(['email']);
  expect(contactChange.preferredChannel).toBe('sms');
  expect(contactChange.outcome).toBe('completed');

  const fallback = body.entries.find((entry: any) => entry.type === 'fallback');
  expect(fallback).toMatchObject({ failureType: null, deliveryStatus: 'failed' });
  const sms = body.entries.find((entry: any) => entry.type === 'message' && entry.channel === 'sms');
  await waitFor('receipt stored', async () => ((await NotificationModel.findById(notification?._id).lean())?.deliveryStatus === 'failed' ? true : undefined));
  expect((await audit(id)).body.entries.find((entry: any) => entry.notificationId === sms.notificationId).deliveryStatus).toBe('failed');

  const json = JSON.stringify(body);
  expect(json).not.toContain(newEmail);
  expect(json).not.toContain(mobileSuffix);
});

test('documentArrived from a delivery list names its clerk', async () => {
  const reference = uniqueReference('AUB');
  const registered = await harness.request('POST', '/api/v1/applications', { body: janPeeters({ reference }) });
  expect(registered.status).toBe(201);
  const id = registered.body.id as string;

  const batch = await harness.request('POST', '/api/v1/production-batches', { body: [reference] });
  expect(batch.status).toBe(202);
  await waitForMessages(harness, reference, 1);
  expect((await harness.request('POST', `/api/v1/applications/${id}/cancel`, { body: { reason: 'test' } })).status).toBe(200);
  await harness.client.workflow.getHandle(id).result();

  const entries = (await audit(id)).body.entries;
  const arrived = entries.find((entry: any) => entry.type === 'clerk-action' && entry.via === 'signal');
  expect(arrived).toMatchObject({ action: 'ready', update: 'documentArrived', actor: 'dev-clerk', outcome: 'signalled' });
  expect(arrived.batchId).toEqual(expect.any(String));
  const ready = entries.find((entry: any) => entry.type === 'status-change' && entry.status === 'ready-for-pickup');
  expect(ready.actor).toBe('dev-clerk');
  expect(ready.position).toBeGreaterThan(arrived.position);
});
