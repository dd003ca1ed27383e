import { CaseModel } from '../../src/store/caseModel';
import { janPeeters, uniqueReference } from '../support/citizens';
import { startHarness, type Harness } from '../support/harness';
import { waitForMessages } from '../support/sandbox';

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
});

afterAll(async () => {
  await harness.close();
});

test('new phone number: the next reminder goes to the new number only', async () => {
  const reference = uniqueReference('TEL');
  const registered = await harness.request('POST', '/api/v1/applications', { body: janPeeters({ reference }) });
  const id = registered.body.id as string;
  expect((await harness.request('POST', `/api/v1/applications/${id}/ready`)).status).toBe(200);

  const [notice] = await waitForMessages(harness, reference, 1);
  expect(notice?.to).toBe('+32470123456');

  const changed = await harness.request('PATCH', `/api/v1/applications/${id}/contact`, { body: { mobile: '0471 98 76 54' } });
  expect(changed.status).toBe(200);
  expect((await CaseModel.findById(id).lean())?.contact.mobile).toBe('+32471987654');

  // The first reminder is due 3 seconds after "ready".
  const [, reminder] = await waitForMessages(harness, reference, 2);
  expect(reminder?.text).toContain('Herinnering');
  expect(reminder?.to).toBe('+32471987654');

  const view = await harness.request('GET', `/api/v1/applications/${id}`);
  expect(view.body.timeline).toContainEqual(expect.objectContaining({ event: 'contact-changed', actor: 'dev-clerk', detail: 'mobile' }));
  expect(JSON.stringify(view.body)).not.toContain('987654');

  expect((await harness.request('POST', `/api/v1/applications/${id}/collected`)).status).toBe(200);
});

test('contact change to e-mail without an address answers 400 and changes nothing', async () => {
  const reference = uniqueReference('TEL');
  const registered = await harness.request('POST', '/api/v1/applications', { body: janPeeters({ reference, contact: { email: undefined } }) });
  const id = registered.body.id as string;

  const response = await harness.request('PATCH', `/api/v1/applications/${id}/contact`, { body: { preferredChannel: 'email' } });
  expect(response.status).toBe(400);
  expect(response.body.error).toMatchObject({ code: 'missing_email_for_email', field: 'email' });
  expect((await CaseModel.findById(id).lean())?.preferredChannel).toBe('sms');

  const landline = await harness.request('PATCH', `/api/v1/applications/${id}/contact`, { body: { mobile: '09 123 45 67' } });
  expect(landline.status).toBe(400);
  expect(landline.body.error).toMatchObject({ code: 'not_a_mobile_number', field: 'mobile' });

  const empty = await harness.request('PATCH', `/api/v1/applications/${id}/contact`, { body: {} });
  expect(empty.status).toBe(400);
  expect(empty.body.error.code).toBe('empty_contact_change');

  await harness.request('POST', `/api/v1/applications/${id}/cancel`, { body: { reason: 'test' } });
  const closed = await harness.request('PATCH', `/api/v1/applications/${id}/contact`, { body: { mobile: '0472 00 00 01' } });
  expect(closed.status).toBe(409);
  expect(closed.body.error.code).toBe('case_closed');
  expect((await CaseModel.findById(id).lean())?.contact.mobile).toBe('+32470123456');
});
