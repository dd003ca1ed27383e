import crypto from 'node:crypto';
import { CaseStatus } from '../../src/domain/caseStatus';
import { channels } from '../../src/domain/channels';
import { percentile } from '../../src/reports/notificationReport';
import { brusselsDate, startOfBrusselsDay } from '../../src/reports/reportQuery';
import { CaseModel } from '../../src/store/caseModel';
import { NotificationModel } from '../../src/store/notificationModel';
import { janPeeters, uniqueReference } from '../support/citizens';
import { startHarness, type Harness } from '../support/harness';
import { writePolicyWithOffices } from '../support/policyWithOffices';
import { messagesFor, waitForMessages } from '../support/sandbox';

// Offices of this test file alone, so tests running at the same time cannot change the figures.
const suffix = crypto.randomBytes(4).toString('hex');
const seededOffice = `rapport-${suffix}`;
const pickupOffice = `rapport-${suffix}-b`;
const dayMs = 24 * 60 * 60 * 1000;

let harness: Harness;
let windowStart: Date;
let windowEnd: Date;
const seeded: Array<{ id: string; reference: string }> = [];

function report(query: string, headers: Record<string, string> = {}) {
  return harness.request('GET', `/api/v1/reports/notifications?${query}`, { key: 'dev-manager', headers });
}

function windowQuery(office: string): string {
  return `from=${encodeURIComponent(windowStart.toISOString())}&to=${encodeURIComponent(windowEnd.toISOString())}&office=${office}`;
}

async function register(body: object): Promise<{ id: string; reference: string }> {
  const response = await harness.request('POST', '/api/v1/applications', { body });
  expect(response.status).toBe(201);
  return { id: response.body.id, reference: response.body.reference };
}

/** Runs one case from registration until the citizen collects after the given number of messages. */
async function runCollectedCase(body: any, messageCount: number): Promise<void> {
  const registered = await register({ ...body, office: seededOffice });
  seeded.push(registered);
  expect((await harness.request('POST', `/api/v1/applications/${registered.id}/ready`)).status).toBe(200);
  await waitForMessages(harness, registered.reference, messageCount);
  expect((await harness.request('POST', `/api/v1/applications/${registered.id}/collected`)).status).toBe(200);
  await harness.client.workflow.getHandle(registered.id).result();
}

/** Runs one case that is never collected: notice, two reminders, escalation letter, returned-uncollected notice. */
async function runUncollectedCase(body: any): Promise<void> {
  const registered = await register({ ...body, office: seededOffice });
  seeded.push(registered);
  expect((await harness.request('POST', `/api/v1/applications/${registered.id}/ready`)).status).toBe(200);
  const result = await harness.client.workflow.getHandle(registered.id).result();
  expect(result.status).toBe('returned-uncollected');
}

/** Stores closed cases directly in the case index, with known waits between "ready" and "closed". */
async function seedClosedCases(closedAt: Date): Promise<void> {
  const cases: Array<{ status: CaseStatus; waitDays: number; closedAt: Date }> = [
    ...[1, 2, 3, 4, 10].map((waitDays) => ({ status: CaseStatus.Collected, waitDays, closedAt })),
    { status: CaseStatus.ReturnedUncollected, waitDays: 90, closedAt },
    { status: CaseStatus.Cancelled, waitDays: 5, closedAt },
    // Closed before the period, so no figure may count it.
    { status: CaseStatus.Collected, waitDays: 50, closedAt: new Date(closedAt.getTime() - 400 * dayMs) },
  ];
  for (const seed of cases) {
    await CaseModel.create({
      _id: crypto.randomUUID(),
      reference: uniqueReference('RPS'),
      documentType: 'eid',
      office: pickupOffice,
      preferredChannel: 'letter',
      status: seed.status,
      readyAt: new Date(seed.closedAt.getTime() - seed.waitDays * dayMs),
      closedAt: seed.closedAt,
      pickupDeadlineMs: 90 * dayMs,
      registeredBy: 'seed',
      citizen: { nationalNumber: '85073003328', firstName: 'Seed', lastName: 'Case', language: 'nl' },
      contact: { address: { street: 'Veldstraat', number: '1', postalCode: '9000', municipality: 'Gent', country: 'BE' } },
    });
  }
}

beforeAll(async () => {
  // The first reminder comes 6 s after "ready", so a loaded machine still collects the collected cases before it.
  harness = await startHarness({
    policyFile: writePolicyWithOffices([seededOffice, pickupOffice], { reminders: ['6 seconds', '9 seconds'], letterAfter: '12 seconds', pickupDeadline: '16 seconds' }),
  });
  windowStart = new Date(Date.now() - 1_000);

  // A Belgian mobile of this test alone, because the fake provider's refusal list is shared by every test file.
  const refusedDigits = `32478${crypto.randomInt(100_000, 999_999)}`;
  const refused = await fetch(`${process.env.VONAGE_REST_HOST}/_sandbox/refuse`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ number: refusedDigits, status: '29' }),
  });
  expect(refused.status).toBe(204);

  await Promise.all([
    runCollectedCase(janPeeters({ reference: uniqueReference('RPA'), preferredChannel: 'sms' }), 1),
    runCollectedCase(janPeeters({ reference: uniqueReference('RPB'), preferredChannel: 'email' }), 1),
    runCollectedCase(janPeeters({ reference: uniqueReference('RPC'), preferredChannel: 'letter' }), 1),
    // The SMS is refused, so the notice falls back to e-mail.
    runCollectedCase(janPeeters({ reference: uniqueReference('RPD'), preferredChannel: 'sms', contact: { mobile: `+${refusedDigits}` } }), 1),
    runUncollectedCase(janPeeters({ reference: uniqueReference('RPE'), preferredChannel: 'sms' })),
    seedClosedCases(new Date()),
  ]);

  windowEnd = new Date(Date.now() + 1_000);
}, 60_000);

afterAll(async () => {
  await harness.close();
});

describe('seeded office', () => {
  test('counts match the notification log', async () => {
    const response = await report(windowQuery(seededOffice));
    expect(response.status).toBe(200);
    const stored = await NotificationModel.find({ caseId: { $in: seeded.map((entry) => entry.id) } }).lean();

    for (const channel of channels) {
      const sent = stored.filter((row) => row.channel === channel && row.status === 'sent');
      const failed = stored.filter((row) => row.channel === channel && row.status === 'failed');
      const figures = response.body.channels[channel];
      expect(figures.sent).toBe(sent.length);
      expect(figures.failed).toBe(failed.length);
      expect(figures.costCents).toBe(sent.reduce((sum, row) => sum + (row.costCents ?? 0), 0));
      if (channel === 'sms') {
        expect(figures.segments).toBe(sent.reduce((sum, row) => sum + (row.segments ?? 0), 0));
      } else {
        expect(figures.segments).toBeNull();
      }
    }
  });

  test('counts match the messages citizens received', async () => {
    const response = await report(windowQuery(seededOffice));
    const received = (await Promise.all(seeded.map((entry) => messagesFor(harness, entry.reference)))).flat();
    for (const channel of channels) {
      expect(response.body.channels[channel].sent).toBe(received.filter((message) => message.channel === channel).length);
    }
  });

  test('figures per channel are exact', async () => {
    const body = (await report(windowQuery(seededOffice))).body;
    // SMS: the notice of the collected SMS case, then the notice, two reminders and the returned-uncollected notice of the other.
    expect(body.channels.sms.sent).toBe(5);
    expect(body.channels.sms.failed).toBe(1);
    expect(body.channels.sms.byKind).toEqual({ 'pickup-notice': 2, reminder: 2, 'returned-uncollected': 1 });
    expect(body.channels.sms.costCents).toBe(body.channels.sms.segments * 7);
    expect(body.channels.email.sent).toBe(2);
    expect(body.channels.email.costCents).toBe(0);
    expect(body.channels.letter.sent).toBe(2);
    expect(body.channels.letter.byKind).toEqual({ 'pickup-notice': 1, 'escalation-letter': 1 });
    expect(body.channels.letter.costCents).toBe(300);
    expect(body.lettersSent).toBe(2);
    expect(body.totals).toEqual({ sent: 9, failed: 1, costCents: body.channels.sms.costCents + 300 });
  });

  test('all-letters baseline and saving', async () => {
    const body = (await report(windowQuery(seededOffice))).body;
    expect(body.tariffs).toEqual({ smsSegmentCents: 7, emailCents: 0, letterCents: 150 });
    expect(body.allLettersBaseline.costCents).toBe(9 * 150);
    expect(body.allLettersBaseline.savingCents).toBe(9 * 150 - body.totals.costCents);
  });

  test('pickup figures count closed cases', async () => {
    const body = (await report(windowQuery(seededOffice))).body;
    expect(body.pickup.collected).toBe(4);
    expect(body.pickup.returnedUncollected).toBe(1);
    // The test policy collects within seconds, far below a hundredth of a day.
    expect(body.pickup.medianDaysToCollect).toBe(0);
    expect(body.pickup.p90DaysToCollect).toBe(0);
  });

  test('delivery receipts are counted', async () => {
    // One receipt written as the receipt webhook stores it; the other rows keep whatever status they have.
    // The cases registered concurrently, so the SMS notice is looked up rather than taken from the first case.
    const smsNotice = await NotificationModel.findOne({ caseId: { $in: seeded.map((entry) => entry.id) }, channel: 'sms', status: 'sent' }).lean();
    expect(smsNotice).not.toBeNull();
    await NotificationModel.collection.updateOne({ _id: smsNotice?._id }, { $set: { deliveryStatus: 'expired', deliveredAt: null } });
    const stored = await NotificationModel.find({ caseId: { $in: seeded.map((entry) => entry.id) }, status: 'sent' }).lean();
    const expected: Record<string, Record<string, number>> = { sms: {}, email: {}, letter: {} };
    for (const row of stored) {
      const status = (row as { deliveryStatus?: string | null }).deliveryStatus ?? 'none';
      const counts = expected[row.channel] ?? {};
      counts[status] = (counts[status] ?? 0) + 1;
    }

    const body = (await report(windowQuery(seededOffice))).body;
    expect(body.channels.sms.deliveryStatus).toEqual(expected.sms);
    expect(body.channels.sms.deliveryStatus.expired).toBeGreaterThanOrEqual(1);
    expect(body.channels.email.deliveryStatus).toEqual(expected.email);
    expect(body.channels.letter.deliveryStatus).toEqual(expected.letter);
  });

  test('calendar dates cover whole Brussels days', async () => {
    const query = `from=${brusselsDate(windowStart)}&to=${brusselsDate(windowEnd)}&office=${seededOffice}`;
    const byDate = (await report(query)).body;
    const byInstant = (await report(windowQuery(seededOffice))).body;
    expect(byDate.channels).toEqual(byInstant.channels);
    expect(Date.parse(byDate.period.from)).toBeLessThanOrEqual(windowStart.getTime());
    expect(Date.parse(byDate.period.to)).toBeGreaterThanOrEqual(windowEnd.getTime());
  });

  test('period before the cases is empty', async () => {
    const before = new Date(windowStart.getTime() - 60_000);
    const body = (await report(`from=${encodeURIComponent(before.toISOString())}&to=${encodeURIComponent(windowStart.toISOString())}&office=${seededOffice}`)).body;
    expect(body.totals).toEqual({ sent: 0, failed: 0, costCents: 0 });
    expect(body.pickup).toEqual({ collected: 0, medianDaysToCollect: null, p90DaysToCollect: null, returnedUncollected: 0 });
  });

  test('all offices include the seeded office', async () => {
    const all = (await report(`from=${encodeURIComponent(windowStart.toISOString())}&to=${encodeURIComponent(windowEnd.toISOString())}`)).body;
    const office = (await report(windowQuery(seededOffice))).body;
    expect(all.period.office).toBeNull();
    expect(all.totals.sent).toBeGreaterThanOrEqual(office.totals.sent);
    expect(all.pickup.collected).toBeGreaterThanOrEqual(office.pickup.collected + 5);
  });

  test('CSV has the same figures', async () => {
    const json = (await report(windowQuery(seededOffice))).body;
    const response = await report(windowQuery(seededOffice), { accept: 'text/csv' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toContain(`notifications-${seededOffice}-`);

    const [header, ...rows] = (response.body as string).trimEnd().split('\r\n').map((line) => line.split(','));
    expect(header).toEqual(['metric', 'channel', 'breakdown', 'value']);
    const value = (metric: string, channel = '', breakdown = '') =>
      rows.find((row) => row[0] === metric && row[1] === channel && row[2] === breakdown)?.[3];
    expect(value('office')).toBe(seededOffice);
    for (const channel of channels) {
      expect(value('sent', channel)).toBe(String(json.channels[channel].sent));
      expect(value('cost_cents', channel)).toBe(String(json.channels[channel].costCents));
    }
    expect(value('sent', 'sms', 'reminder')).toBe('2');
    expect(value('segments', 'sms')).toBe(String(json.channels.sms.segments));
    expect(value('letters_sent')).toBe('2');
    expect(value('returned_uncollected')).toBe('1');
    expect(value('all_letters_cost_cents')).toBe(String(json.allLettersBaseline.costCents));
    expect(value('saving_cents')).toBe(String(json.allLettersBaseline.savingCents));
  });
});

describe('seeded case index', () => {
  test('median and 90th percentile of days to collect', async () => {
    const body = (await report(windowQuery(pickupOffice))).body;
    expect(body.pickup).toEqual({ collected: 5, medianDaysToCollect: 3, p90DaysToCollect: 7.6, returnedUncollected: 1 });
    expect(body.totals).toEqual({ sent: 0, failed: 0, costCents: 0 });
    expect(body.allLettersBaseline).toEqual({ costCents: 0, savingCents: 0 });
  });

  test('CSV states empty percentiles as empty cells', async () => {
    const before = new Date(windowStart.getTime() - 60_000);
    const response = await report(`from=${encodeURIComponent(before.toISOString())}&to=${encodeURIComponent(windowStart.toISOString())}&office=${pickupOffice}`, {
      accept: 'text/csv',
    });
    expect(response.body).toContain('\r\nmedian_days_to_collect,,,\r\n');
  });
});

describe('query validation', () => {
  const invalidQueries: Array<[string, string, string, string]> = [
    ['missing from', 'to=2026-03-31', 'missing_from', 'from'],
    ['missing to', 'from=2026-03-01', 'missing_to', 'to'],
    ['empty from', 'from=&to=2026-03-31', 'missing_from', 'from'],
    ['impossible date', 'from=2026-02-30&to=2026-03-31', 'invalid_from', 'from'],
    ['month 13', 'from=2026-13-01&to=2026-03-31', 'invalid_from', 'from'],
    ['date-time without zone', 'from=2026-03-01T08:00:00&to=2026-03-31', 'invalid_from', 'from'],
    ['hour 24', 'from=2026-03-01T24:00:00Z&to=2026-03-31', 'invalid_from', 'from'],
    ['words as end', 'from=2026-03-01&to=tomorrow', 'invalid_to', 'to'],
    ['repeated from', 'from=2026-03-01&from=2026-03-02&to=2026-03-31', 'invalid_from', 'from'],
    ['from after to', 'from=2026-03-02&to=2026-03-01', 'invalid_period', 'from'],
    ['367 days', 'from=2025-01-01&to=2026-01-02', 'period_too_long', 'to'],
    ['unknown office', 'from=2026-03-01&to=2026-03-31&office=atlantis', 'unknown_office', 'office'],
    ['unknown parameter', 'from=2026-03-01&to=2026-03-31&channel=sms', 'unknown_parameter', 'channel'],
  ];

  test.each(invalidQueries)('%s answers 400', async (_name, query, code, field) => {
    const response = await report(query);
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe(code);
    expect(response.body.error.field).toBe(field);
    expect(response.body.error.message).toEqual(expect.any(String));
    expect(response.body.error.message).not.toContain('Er ging iets mis');
  });

  test('366 days is allowed', async () => {
    const response = await report('from=2024-01-01&to=2024-12-31');
    expect(response.status).toBe(200);
  });

  test('one day is allowed', async () => {
    const response = await report('from=2026-03-29&to=2026-03-29');
    expect(response.status).toBe(200);
    // The clocks move forward on 29 March 2026, so that Brussels day lasts 23 hours.
    expect(response.body.period).toMatchObject({ from: '2026-03-28T23:00:00.000Z', to: '2026-03-29T22:00:00.000Z', office: null });
  });

  test.each([
    ['auditor', 'dev-auditor'],
    ['clerk', 'dev-clerk'],
  ])('%s key answers 403', async (_role, key) => {
    const response = await harness.request('GET', '/api/v1/reports/notifications?from=2026-03-01&to=2026-03-31', { key });
    expect(response.status).toBe(403);
    expect(response.body.error.code).toBe('forbidden');
  });

  test('unsupported Accept answers 406', async () => {
    const response = await report('from=2026-03-01&to=2026-03-31', { accept: 'text/html' });
    expect(response.status).toBe(406);
    expect(response.body.error.code).toBe('not_acceptable');
  });

  test('OpenAPI lists the report path', async () => {
    const openapi = await harness.request('GET', '/openapi.json');
    expect(Object.keys(openapi.body.paths)).toContain('/api/v1/reports/notifications');
  });
});

describe('report arithmetic', () => {
  test('percentile interpolates between ranks', () => {
    expect(percentile([1, 2, 3, 4, 10], 0.5)).toBe(3);
    expect(percentile([1, 2, 3, 4, 10], 0.9)).toBeCloseTo(7.6);
    expect(percentile([1, 2], 0.5)).toBe(1.5);
    expect(percentile([5], 0.9)).toBe(5);
    expect(percentile([], 0.5)).toBeNull();
  });

  test('Brussels day starts follow daylight saving', () => {
    expect(startOfBrusselsDay(2026, 1, 15).toISOString()).toBe('2026-01-14T23:00:00.000Z');
    expect(startOfBrusselsDay(2026, 7, 15).toISOString()).toBe('2026-07-14T22:00:00.000Z');
    expect(startOfBrusselsDay(2026, 10, 25).toISOString()).toBe('2026-10-24T22:00:00.000Z');
    expect(startOfBrusselsDay(2026, 10, 26).toISOString()).toBe('2026-10-25T23:00:00.000Z');
  });

  test('Brussels date of late UTC evening', () => {
    expect(brusselsDate(new Date('2026-07-14T22:30:00Z'))).toBe('2026-07-15');
  });
});
