import { CaseModel } from '../../src/store/caseModel';
import { NotificationModel } from '../../src/store/notificationModel';
import { janPeeters, uniqueReference } from '../support/citizens';
import { sleep, startHarness, type Harness } from '../support/harness';
import { messagesFor, waitForMessages } from '../support/sandbox';

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
});

afterAll(async () => {
  await harness.close();
});

async function register(prefix: string, preferredChannel = 'sms') {
  const reference = uniqueReference(prefix);
  const response = await harness.request('POST', '/api/v1/applications', { body: janPeeters({ reference, preferredChannel }) });
  expect(response.status).toBe(201);
  return { id: response.body.id as string, reference };
}

async function historyEventTypes(id: string): Promise<string[]> {
  const history = await harness.client.workflow.getHandle(id).fetchHistory();
  return (history.events ?? []).map((event) => String(event.eventType));
}

test('cancelled while in production: case ends cancelled, no message', async () => {
  const { id, reference } = await register('CAN');

  const cancelled = await harness.request('POST', `/api/v1/applications/${id}/cancel`, { body: { reason: 'Aanvraag ingetrokken door de burger' } });
  expect(cancelled.status).toBe(200);
  expect(cancelled.body.status).toBe('cancelled');

  const result = await harness.client.workflow.getHandle(id).result();
  expect(result.status).toBe('cancelled');
  expect(result.timeline.at(-1)).toMatchObject({ event: 'cancelled', actor: 'dev-clerk', detail: 'Aanvraag ingetrokken door de burger' });
  expect((await CaseModel.findById(id).lean())?.status).toBe('cancelled');

  await sleep(1_000);
  expect(await messagesFor(harness, reference)).toHaveLength(0);
  expect(await NotificationModel.countDocuments({ caseId: id })).toBe(0);

  const ready = await harness.request('POST', `/api/v1/applications/${id}/ready`);
  expect(ready.status).toBe(409);
});

test('ready twice answers 409 and sends nothing more', async () => {
  const { id, reference } = await register('TWC', 'email');
  expect((await harness.request('POST', `/api/v1/applications/${id}/ready`)).status).toBe(200);
  await waitForMessages(harness, reference, 1);
  const eventsBefore = await historyEventTypes(id);

  const second = await harness.request('POST', `/api/v1/applications/${id}/ready`);
  expect(second.status).toBe(409);
  expect(second.body.error.code).toBe('case_not_awaiting_production');
  expect(second.body.error.message).toMatch(/klaargezet/);

  // A rejected update leaves no trace in history.
  const eventsAfter = await historyEventTypes(id);
  expect(eventsAfter.filter((type) => type.includes('UPDATE')).length).toBe(eventsBefore.filter((type) => type.includes('UPDATE')).length);

  expect(await messagesFor(harness, reference)).toHaveLength(1);
  expect(await NotificationModel.countDocuments({ caseId: id, kind: 'pickup-notice' })).toBe(1);

  expect((await harness.request('POST', `/api/v1/applications/${id}/collected`)).status).toBe(200);
});

test('collected before ready answers 409, case stays awaiting production', async () => {
  const { id, reference } = await register('CBR');

  const collected = await harness.request('POST', `/api/v1/applications/${id}/collected`);
  expect(collected.status).toBe(409);
  expect(collected.body.error).toMatchObject({ code: 'case_not_ready_for_pickup' });

  const view = await harness.request('GET', `/api/v1/applications/${id}`);
  expect(view.status).toBe(200);
  expect(view.body.status).toBe('awaiting-production');
  expect((await CaseModel.findById(id).lean())?.status).toBe('awaiting-production');
  expect(await messagesFor(harness, reference)).toHaveLength(0);

  await harness.request('POST', `/api/v1/applications/${id}/cancel`, { body: { reason: 'opruimen na test' } });
});
