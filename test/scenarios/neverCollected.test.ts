import { CaseModel } from '../../src/store/caseModel';
import { janPeeters, uniqueReference } from '../support/citizens';
import { startHarness, waitFor, type Harness } from '../support/harness';
import { letterText } from '../support/pdf';
import { waitForMessages } from '../support/sandbox';

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
});

afterAll(async () => {
  await harness.close();
});

test('never collected: returned uncollected at the pickup deadline, citizen told', async () => {
  const reference = uniqueReference('NVC');
  const registered = await harness.request('POST', '/api/v1/applications', {
    body: janPeeters({ reference, documentType: 'driving-licence', preferredChannel: 'letter' }),
  });
  expect(registered.status).toBe(201);
  const id = registered.body.id as string;
  expect((await harness.request('POST', `/api/v1/applications/${id}/ready`)).status).toBe(200);

  const result = await harness.client.workflow.getHandle(id).result();
  expect(result.status).toBe('returned-uncollected');
  expect(result.remindersSent).toBe(2);

  // Notice, two reminders, the escalation letter and the returned-uncollected notice, all on paper.
  const messages = await waitForMessages(harness, reference, 5);
  expect(messages).toHaveLength(5);
  expect(messages.every((message) => message.channel === 'letter')).toBe(true);
  const last = await letterText(harness, messages[4]?.pdfUrl ?? '');
  expect(last).toContain('niet afgehaald');
  expect(last).toContain('rijbewijs');

  const stored = await waitFor('case index to show returned-uncollected', async () => {
    const record = await CaseModel.findById(id).lean();
    return record?.status === 'returned-uncollected' ? record : undefined;
  });
  expect(stored.closedAt).toBeInstanceOf(Date);

  const late = await harness.request('POST', `/api/v1/applications/${id}/collected`);
  expect(late.status).toBe(409);
  expect(late.body.error.code).toBe('case_closed');
});
