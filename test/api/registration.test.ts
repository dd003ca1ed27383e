import { CaseModel } from '../../src/store/caseModel';
import { janPeeters, uniqueReference } from '../support/citizens';
import { startHarness, type Harness } from '../support/harness';

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
});

afterAll(async () => {
  await harness.close();
});

function withChange(change: (body: any) => void) {
  const body = janPeeters({ reference: uniqueReference('BAD') });
  change(body);
  return body;
}

const invalidBodies: Array<[string, (body: any) => void, string, string | undefined]> = [
  ['national number off by one', (b) => (b.citizen.nationalNumber = '85073003329'), 'invalid_national_number', 'citizen.nationalNumber'],
  ['landline as mobile', (b) => (b.contact.mobile = '09 123 45 67'), 'not_a_mobile_number', 'contact.mobile'],
  ['short mobile', (b) => (b.contact.mobile = '0470 12 34'), 'invalid_mobile_number', 'contact.mobile'],
  ['three-digit postcode', (b) => (b.contact.address.postalCode = '900'), 'invalid_postal_code', 'contact.address.postalCode'],
  ['postcode below 1000', (b) => (b.contact.address.postalCode = '0999'), 'invalid_postal_code', 'contact.address.postalCode'],
  ['unknown document type', (b) => (b.documentType = 'visa'), 'invalid_document_type', 'documentType'],
  ['unknown channel', (b) => (b.preferredChannel = 'pigeon'), 'invalid_preferred_channel', 'preferredChannel'],
  ['unknown language', (b) => (b.citizen.language = 'es'), 'invalid_language', 'citizen.language'],
  ['SMS without mobile', (b) => delete b.contact.mobile, 'missing_mobile_for_sms', 'contact.mobile'],
  ['e-mail without address', (b) => ((b.preferredChannel = 'email'), delete b.contact.email), 'missing_email_for_email', 'contact.email'],
  ['missing postal address', (b) => delete b.contact.address, 'missing_field', 'contact.address'],
  ['missing first name', (b) => delete b.citizen.firstName, 'missing_field', 'citizen.firstName'],
  ['unknown field', (b) => (b.citizen.favouriteColour = 'blue'), 'unknown_field', 'citizen.favouriteColour'],
  ['invalid e-mail', (b) => (b.contact.email = 'jan@'), 'invalid_email', 'contact.email'],
  ['invalid birth date', (b) => (b.citizen.birthDate = '1985-13-01'), 'invalid_birth_date', 'citizen.birthDate'],
  ['unknown office', (b) => (b.office = 'atlantis'), 'unknown_office', 'office'],
  ['reference with spaces', (b) => (b.reference = 'a b c'), 'invalid_reference', 'reference'],
];

describe('invalid registration', () => {
  test.each(invalidBodies)('%s answers 400 and stores nothing', async (_name, change, code, field) => {
    const body = withChange(change);
    const response = await harness.request('POST', '/api/v1/applications', { body });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe(code);
    expect(response.body.error.field).toBe(field);
    expect(response.body.error.message).toEqual(expect.any(String));
    expect(await CaseModel.countDocuments({ reference: body.reference })).toBe(0);
  });
});

test('malformed JSON answers 400 invalid_json', async () => {
  const response = await harness.request('POST', '/api/v1/applications', { body: '{"documentType": ' });
  expect(response.status).toBe(400);
  expect(response.body.error.code).toBe('invalid_json');
});

test('form body answers 415', async () => {
  const response = await harness.request('POST', '/api/v1/applications', {
    body: 'documentType=passport',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  expect(response.status).toBe(415);
  expect(response.body.error.code).toBe('unsupported_media_type');
});

test('oversized body answers 413', async () => {
  const body = withChange((b) => (b.citizen.firstName = 'x'.repeat(100_000)));
  const response = await harness.request('POST', '/api/v1/applications', { body });
  expect(response.status).toBe(413);
  expect(response.body.error.code).toBe('payload_too_large');
});

test('missing key answers 401', async () => {
  const response = await harness.request('POST', '/api/v1/applications', { body: janPeeters({ reference: uniqueReference('AUT') }), headers: { authorization: '' } });
  expect(response.status).toBe(401);
  expect(response.body.error.code).toBe('unauthorized');
});

test('manager key cannot register: 403', async () => {
  const response = await harness.request('POST', '/api/v1/applications', { body: janPeeters({ reference: uniqueReference('AUT') }), key: 'dev-manager' });
  expect(response.status).toBe(403);
  expect(response.body.error.code).toBe('forbidden');
});

test('names keep diacritics and apostrophes', async () => {
  const reference = uniqueReference('ZOE');
  const body = janPeeters({ reference });
  body.citizen.firstName = 'Zoë';
  body.citizen.lastName = "D'Hondt";
  const response = await harness.request('POST', '/api/v1/applications', { body });
  expect(response.status).toBe(201);
  const stored = await CaseModel.findOne({ reference }).lean();
  expect(stored?.citizen).toMatchObject({ firstName: 'Zoë', lastName: "D'Hondt", nationalNumber: '85073003328' });
  expect(stored?.contact.mobile).toBe('+32470123456');
  await harness.request('POST', `/api/v1/applications/${response.body.id}/cancel`, { body: { reason: 'test' } });
});

test('same reference twice answers 409 duplicate_reference', async () => {
  const reference = uniqueReference('DUP');
  const first = await harness.request('POST', '/api/v1/applications', { body: janPeeters({ reference }) });
  expect(first.status).toBe(201);
  const second = await harness.request('POST', '/api/v1/applications', { body: janPeeters({ reference }) });
  expect(second.status).toBe(409);
  expect(second.body.error.code).toBe('duplicate_reference');
  expect(await CaseModel.countDocuments({ reference })).toBe(1);
  await harness.request('POST', `/api/v1/applications/${first.body.id}/cancel`, { body: { reason: 'test' } });
});

test('repeated Idempotency-Key returns the first answer', async () => {
  const key = `idem-${uniqueReference('K')}`;
  const first = await harness.request('POST', '/api/v1/applications', { body: janPeeters({ reference: uniqueReference('IDM') }), headers: { 'idempotency-key': key } });
  const second = await harness.request('POST', '/api/v1/applications', { body: janPeeters({ reference: uniqueReference('IDM') }), headers: { 'idempotency-key': key } });
  expect(first.status).toBe(201);
  expect(second.body).toEqual(first.body);
  await harness.request('POST', `/api/v1/applications/${first.body.id}/cancel`, { body: { reason: 'test' } });
});

test('generated reference names the office and year', async () => {
  const body = janPeeters({ reference: 'unused' });
  delete (body as { reference?: string }).reference;
  const response = await harness.request('POST', '/api/v1/applications', { body });
  expect(response.status).toBe(201);
  expect(response.body.reference).toMatch(new RegExp(`^GENT-CENTRUM-${new Date().getFullYear()}-\\d{6}$`));
  await harness.request('POST', `/api/v1/applications/${response.body.id}/cancel`, { body: { reason: 'test' } });
});

test('unknown case answers 404', async () => {
  const response = await harness.request('POST', '/api/v1/applications/00000000-0000-4000-8000-000000000000/ready');
  expect(response.status).toBe(404);
  expect(response.body.error.code).toBe('not_found');
});

test('health, readiness and OpenAPI answer', async () => {
  expect((await harness.request('GET', '/healthz')).body).toEqual({ status: 'ok' });
  const ready = await harness.request('GET', '/readyz');
  expect(ready.status).toBe(200);
  expect(ready.body.checks).toEqual({ temporal: 'ok', mongodb: 'ok' });
  const openapi = await harness.request('GET', '/openapi.json');
  expect(openapi.body.openapi).toBe('3.1.0');
  expect(Object.keys(openapi.body.paths)).toContain('/api/v1/applications/{id}/ready');
});
