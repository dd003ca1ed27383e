import { CaseModel } from '../../src/store/caseModel';
import { NotificationModel } from '../../src/store/notificationModel';
import { janPeeters, uniqueReference } from '../support/citizens';
import { startHarness, waitFor, type Harness } from '../support/harness';
import path from 'node:path';

let harness: Harness;

beforeAll(async () => {
  // Reminders hours away, so only the 196 pickup notices go out during the test.
  harness = await startHarness({ policyFile: path.join(__dirname, '..', 'fixtures', 'policy-hours.json') });
});

afterAll(async () => {
  await harness.close();
});

async function registerMany(count: number, prefix: string): Promise<Array<{ id: string; reference: string }>> {
  const cases: Array<{ id: string; reference: string }> = [];
  const references = Array.from({ length: count }, (_, index) => `${prefix}-${String(index).padStart(3, '0')}`);
  for (let start = 0; start < count; start += 20) {
    const registered = await Promise.all(
      references.slice(start, start + 20).map(async (reference) => {
        const body = janPeeters({ reference, preferredChannel: 'email', contact: { email: `${reference.toLowerCase()}@example.be` } });
        const response = await harness.request('POST', '/api/v1/applications', { body });
        expect(response.status).toBe(201);
        return { id: response.body.id as string, reference };
      }),
    );
    cases.push(...registered);
  }
  return cases;
}

test('delivery list of 200: 196 ready, four lines rejected with reasons', async () => {
  const prefix = uniqueReference('LST');
  const cases = await registerMany(197, prefix);

  // One case was already collected before the list came in.
  const collected = cases[196] as { id: string; reference: string };
  await harness.request('POST', `/api/v1/applications/${collected.id}/ready`);
  expect((await harness.request('POST', `/api/v1/applications/${collected.id}/collected`)).status).toBe(200);

  const unknown = [`${prefix}-X01`, `${prefix}-X02`, `${prefix}-X03`];
  const csv = ['reference', ...cases.slice(0, 100).map((c) => c.reference), unknown[0], collected.reference, ...cases.slice(100, 196).map((c) => c.reference), unknown[1], unknown[2]].join('\n');
  const response = await harness.request('POST', '/api/v1/production-batches', { body: csv, headers: { 'content-type': 'text/csv' } });

  expect(response.status).toBe(202);
  expect(response.body).toMatchObject({ received: 200, accepted: 196, rejected: 4 });
  const rejected = response.body.results.filter((result: { outcome: string }) => result.outcome === 'rejected');
  expect(rejected).toEqual([
    expect.objectContaining({ line: 102, value: unknown[0], code: 'not_found', message: expect.any(String) }),
    expect.objectContaining({ line: 103, value: collected.reference, code: 'case_not_awaiting_production', status: 'collected' }),
    expect.objectContaining({ line: 200, value: unknown[1], code: 'not_found' }),
    expect.objectContaining({ line: 201, value: unknown[2], code: 'not_found' }),
  ]);

  const ids = cases.slice(0, 196).map((c) => c.id);
  await waitFor(
    '196 pickup notices',
    async () => {
      const sent = await NotificationModel.countDocuments({ caseId: { $in: ids }, kind: 'pickup-notice', status: 'sent' });
      return sent === 196 ? sent : undefined;
    },
    // TODO: the local stack sends only a few notices per second while other suites run; profile it.
    200_000,
  );
  expect(await CaseModel.countDocuments({ _id: { $in: ids }, status: 'ready-for-pickup' })).toBe(196);
  expect(await NotificationModel.countDocuments({ caseId: { $in: ids } })).toBe(196);
  expect(await NotificationModel.countDocuments({ caseId: collected.id, kind: 'pickup-notice' })).toBe(1);

  const listed = await harness.request('GET', `/api/v1/applications?status=ready-for-pickup&reference=${cases[0]?.reference}`);
  expect(listed.body.items).toHaveLength(1);
}, 300_000);

test('delivery list as JSON accepts references and ids', async () => {
  const [first, second] = (await registerMany(2, uniqueReference('JSN'))) as [{ id: string; reference: string }, { id: string; reference: string }];
  const response = await harness.request('POST', '/api/v1/production-batches', { body: [first.reference, { id: second.id }] });
  expect(response.status).toBe(202);
  expect(response.body).toMatchObject({ received: 2, accepted: 2, rejected: 0 });
  await waitFor('both cases ready', async () => {
    const ready = await CaseModel.countDocuments({ _id: { $in: [first.id, second.id] }, status: 'ready-for-pickup' });
    return ready === 2 ? ready : undefined;
  });
});

test('malformed delivery list answers 400 and starts nothing', async () => {
  const response = await harness.request('POST', '/api/v1/production-batches', { body: ['GOOD-REF-1', 'bad ref with spaces'] });
  expect(response.status).toBe(400);
  expect(response.body.error).toMatchObject({ code: 'invalid_batch_line', field: 'line 2' });

  const empty = await harness.request('POST', '/api/v1/production-batches', { body: [] });
  expect(empty.body.error.code).toBe('empty_batch');
});
