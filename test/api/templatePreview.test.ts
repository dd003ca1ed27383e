import { startHarness, type Harness } from '../support/harness';

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
});

afterAll(async () => {
  await harness.close();
});

function preview(kind: string, query: string, key = 'dev-clerk') {
  return harness.request('GET', `/api/v1/templates/${kind}/preview?${query}`, { key });
}

test('Dutch SMS preview with size', async () => {
  const response = await preview('pickup-notice', 'channel=sms&language=nl&documentType=passport');
  expect(response.status).toBe(200);
  expect(Object.keys(response.body).sort()).toEqual(['encoding', 'html', 'segments', 'subject', 'text']);
  expect(response.body.subject).toBeNull();
  expect(response.body.html).toBeNull();
  expect(response.body.text).toContain('Beste Jan Peeters');
  expect(response.body.text).toContain('reispas');
  expect(response.body.text).toContain('Stad Gent, dienst Burgerzaken');
  expect(response.body.text).toMatch(/Ref\. GENT-CENTRUM-\d{4}-000001$/);
  expect(response.body.encoding).toBe('GSM-7');
  expect(response.body.segments).toBe(2);
});

test('e-mail preview has subject and HTML', async () => {
  const response = await preview('reminder', 'channel=email&language=fr&documentType=eid');
  expect(response.status).toBe(200);
  expect(response.body.subject).toContain('Rappel');
  expect(response.body.text).toContain('empreintes digitales');
  expect(response.body.html).toContain('<strong>carte d&#x27;identité électronique</strong>');
  expect(response.body.encoding).toBeNull();
  expect(response.body.segments).toBeNull();
});

test('language defaults to Dutch', async () => {
  const response = await preview('escalation-letter', 'channel=letter&documentType=driving-licence');
  expect(response.status).toBe(200);
  expect(response.body.text).toContain('rijbewijs');
  expect(response.body.text.startsWith('Betreft:')).toBe(true);
});

test('last reminder announces the letter', async () => {
  const first = await preview('reminder', 'channel=letter&documentType=passport');
  const last = await preview('reminder', 'channel=letter&documentType=passport&reminderNumber=2');
  expect(first.status).toBe(200);
  expect(last.status).toBe(200);
  expect(first.body.text).not.toContain('laatste herinnering');
  expect(last.body.text).toContain('Dit is de laatste herinnering');
});

test.each(['dev-clerk', 'dev-manager', 'dev-auditor'])('%s may preview', async (key) => {
  const response = await preview('pickup-notice', 'channel=sms&documentType=eid', key);
  expect(response.status).toBe(200);
});

test('missing key answers 401', async () => {
  const response = await harness.request('GET', '/api/v1/templates/pickup-notice/preview?channel=sms&documentType=eid', {
    headers: { authorization: '' },
  });
  expect(response.status).toBe(401);
  expect(response.body.error.code).toBe('unauthorized');
});

const invalidPreviews: Array<[string, string, string, string, string]> = [
  ['unknown kind', 'birthday-card', 'channel=sms&documentType=eid', 'invalid_message_kind', 'kind'],
  ['unknown channel', 'pickup-notice', 'channel=pigeon&documentType=eid', 'invalid_channel', 'channel'],
  ['missing channel', 'pickup-notice', 'documentType=eid', 'missing_field', 'channel'],
  ['escalation letter by SMS', 'escalation-letter', 'channel=sms&documentType=eid', 'kind_not_sent_on_channel', 'channel'],
  ['escalation letter by e-mail', 'escalation-letter', 'channel=email&documentType=eid', 'kind_not_sent_on_channel', 'channel'],
  ['unknown language', 'pickup-notice', 'channel=sms&documentType=eid&language=es', 'invalid_language', 'language'],
  ['unknown document type', 'pickup-notice', 'channel=sms&documentType=visa', 'invalid_document_type', 'documentType'],
  ['missing document type', 'pickup-notice', 'channel=sms', 'missing_field', 'documentType'],
  ['unknown office', 'pickup-notice', 'channel=sms&documentType=eid&office=atlantis', 'unknown_office', 'office'],
  ['inherited property as office', 'pickup-notice', 'channel=sms&documentType=eid&office=constructor', 'unknown_office', 'office'],
  ['reminder number too high', 'reminder', 'channel=sms&documentType=eid&reminderNumber=3', 'invalid_reminder_number', 'reminderNumber'],
  ['reminder number zero', 'reminder', 'channel=sms&documentType=eid&reminderNumber=0', 'invalid_reminder_number', 'reminderNumber'],
  ['reminder number not a number', 'reminder', 'channel=sms&documentType=eid&reminderNumber=two', 'invalid_reminder_number', 'reminderNumber'],
  ['reminder number on a notice', 'pickup-notice', 'channel=sms&documentType=eid&reminderNumber=1', 'invalid_reminder_number', 'reminderNumber'],
  ['misspelt parameter', 'pickup-notice', 'chanel=sms&documentType=eid', 'unknown_query_parameter', 'chanel'],
  ['repeated parameter', 'pickup-notice', 'channel=sms&channel=email&documentType=eid', 'invalid_query_parameter', 'channel'],
];

describe('invalid preview', () => {
  test.each(invalidPreviews)('%s answers 400', async (_name, kind, query, code, field) => {
    const response = await preview(kind, query);
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe(code);
    expect(response.body.error.field).toBe(field);
    expect(response.body.error.message).toEqual(expect.any(String));
    expect(response.body.error.message).not.toContain('Er ging iets mis');
  });
});

test('OpenAPI document lists the preview', async () => {
  const response = await harness.request('GET', '/openapi.json');
  expect(response.status).toBe(200);
  expect(response.body.paths['/api/v1/templates/{kind}/preview']?.get).toBeDefined();
});
