import { CaseModel } from '../../src/store/caseModel';
import { janPeeters, uniqueReference } from '../support/citizens';
import { startHarness, waitFor, type Harness } from '../support/harness';
import { letterText } from '../support/pdf';
import { messagesFor, waitForMessages } from '../support/sandbox';

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
});

afterAll(async () => {
  await harness.close();
});

test('passport by SMS: notice, two reminders, letter, then collected', async () => {
  const reference = uniqueReference('PAS');
  const registered = await harness.request('POST', '/api/v1/applications', { body: janPeeters({ reference }) });
  expect(registered.status).toBe(201);
  expect(registered.body).toEqual({ id: expect.any(String), reference, status: 'awaiting-production' });
  const id = registered.body.id as string;

  const readyAt = Date.now();
  const ready = await harness.request('POST', `/api/v1/applications/${id}/ready`);
  expect(ready.status).toBe(200);
  expect(ready.body.status).toBe('ready-for-pickup');

  const [notice] = await waitForMessages(harness, reference, 1);
  expect(notice?.channel).toBe('sms');
  expect(notice?.to).toBe('+32470123456');
  expect(notice?.text).toContain('reispas');
  expect(notice?.text).toContain('Stad Gent, dienst Burgerzaken');
  expect(notice?.text).toContain('Beste Jan Peeters');

  // Reminders at 3 and 6 seconds, the letter at 9 seconds after "ready".
  const messages = await waitForMessages(harness, reference, 4, 20_000);
  expect(messages.map((message) => message.channel)).toEqual(['sms', 'sms', 'sms', 'letter']);
  expect(messages[1]?.text).toContain('Herinnering');
  expect(messages[2]?.text).toContain('Herinnering');

  const letter = messages[3];
  const text = await letterText(harness, letter?.pdfUrl ?? '');
  expect(text).toContain('Jan Peeters');
  expect(text).toContain('Veldstraat 12 bus 3');
  expect(text).toContain('9000 Gent');
  expect(text).toContain(reference);

  const collected = await harness.request('POST', `/api/v1/applications/${id}/collected`);
  expect(collected.status).toBe(200);
  expect(collected.body.status).toBe('collected');

  const result = await harness.client.workflow.getHandle(id).result();
  expect(result.status).toBe('collected');
  const stored = await waitFor('case index to show collected', async () => {
    const record = await CaseModel.findById(id).lean();
    return record?.status === 'collected' ? record : undefined;
  });
  expect(stored.remindersSent).toBe(2);

  // The pickup deadline, 16 s after "ready", passes without another message.
  await new Promise((resolve) => setTimeout(resolve, Math.max(readyAt + 17_000 - Date.now(), 0)));
  expect(await messagesFor(harness, reference)).toHaveLength(4);

  const view = await harness.request('GET', `/api/v1/applications/${id}`);
  expect(view.body.timeline.map((entry: { event: string }) => entry.event)).toEqual([
    'registered',
    'ready-for-pickup',
    'collected',
  ]);
  expect(view.body.timeline.every((entry: { actor?: string }) => entry.actor === 'dev-clerk')).toBe(true);
});
