import { CaseModel } from '../../src/store/caseModel';
import { SandboxMessageModel } from '../../src/store/sandboxMessageModel';
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

test('eID by e-mail, collected before the first reminder', async () => {
  const reference = uniqueReference('EID');
  const email = `${reference.toLowerCase()}@example.be`;
  const body = janPeeters({ reference, documentType: 'eid', preferredChannel: 'email', contact: { email } });
  const registered = await harness.request('POST', '/api/v1/applications', { body });
  expect(registered.status).toBe(201);
  const id = registered.body.id as string;

  expect((await harness.request('POST', `/api/v1/applications/${id}/ready`)).status).toBe(200);

  const [notice] = await waitForMessages(harness, reference, 1);
  expect(notice?.channel).toBe('email');
  expect(notice?.to).toBe(email);
  expect(notice?.subject).toContain('elektronische identiteitskaart');
  expect(notice?.text).toContain('PIN- en PUK-code');
  expect(notice?.text).toContain('vingerafdrukken');
  expect(notice?.text).not.toContain('<p>');
  expect(notice?.html).toContain('<strong>elektronische identiteitskaart</strong>');

  // The captured message is a real MIME message with both parts and the automatic-reply guard.
  const stored = await SandboxMessageModel.findOne({ to: email }).lean();
  expect(stored?.headers).toMatchObject({ 'auto-submitted': 'auto-generated' });
  expect(stored?.html).toBeTruthy();
  expect(stored?.text).toBeTruthy();

  const collected = await harness.request('POST', `/api/v1/applications/${id}/collected`);
  expect(collected.status).toBe(200);
  expect(await harness.client.workflow.getHandle(id).result()).toMatchObject({ status: 'collected', remindersSent: 0 });

  // The first reminder was due 3 seconds after "ready".
  await sleep(4_000);
  expect(await messagesFor(harness, reference)).toHaveLength(1);
  expect((await CaseModel.findById(id).lean())?.status).toBe('collected');
});
