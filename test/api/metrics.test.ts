import crypto from 'node:crypto';
import { caseStatuses } from '../../src/domain/caseStatus';
import { startWorkerMetricsServer, type MetricsServer } from '../../src/metrics/workerMetricsServer';
import { CaseModel } from '../../src/store/caseModel';
import { NotificationModel } from '../../src/store/notificationModel';
import { janPeeters, uniqueReference } from '../support/citizens';
import { startHarness, waitFor, type Harness } from '../support/harness';
import { waitForMessages } from '../support/sandbox';
import { postReceipt, refuseNumber, signParameters } from '../support/vonage';

let harness: Harness;
let workerMetrics: MetricsServer;
const signatureSecret = 'test-signature-secret';
const readyRoute = '/api/v1/applications/:id/ready';

beforeAll(async () => {
  harness = await startHarness();
  // The harness runs the worker's activities in this process, and the worker's registry is served apart from the API's.
  workerMetrics = await startWorkerMetricsServer({ host: '127.0.0.1', port: 0 });
});

afterAll(async () => {
  await workerMetrics.close();
  await harness.close();
});

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** Parses the sample lines of the Prometheus text format and skips the comment lines. */
function parseSamples(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)$/.exec(line);
    if (!match) {
      continue;
    }
    const labels: Record<string, string> = {};
    for (const label of (match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) {
      labels[label[1] as string] = label[2] as string;
    }
    samples.push({ name: match[1] as string, labels, value: Number(match[3]) });
  }
  return samples;
}

/** Sums the samples of a metric whose labels include the given ones, or returns 0 when there are none. */
function sampleValue(text: string, name: string, labels: Record<string, string> = {}): number {
  return parseSamples(text)
    .filter((sample) => sample.name === name && Object.entries(labels).every(([key, value]) => sample.labels[key] === value))
    .reduce((sum, sample) => sum + sample.value, 0);
}

async function apiMetrics(): Promise<string> {
  const response = await fetch(`${harness.baseUrl}/metrics`);
  expect(response.status).toBe(200);
  return response.text();
}

async function workerMetricsText(): Promise<string> {
  const response = await fetch(workerMetrics.url);
  expect(response.status).toBe(200);
  return response.text();
}

/** Polls the worker's metrics until the sample reaches the value, because the count follows the message by a database write. */
async function waitForWorkerSample(name: string, labels: Record<string, string>, value: number): Promise<string> {
  return waitFor(`${name} ${JSON.stringify(labels)} to reach ${value}`, async () => {
    const text = await workerMetricsText();
    return sampleValue(text, name, labels) >= value ? text : undefined;
  });
}

/** Returns a Belgian mobile number no other test uses, so refusing it affects this test only. */
function uniqueMobile(): { national: string; digits: string } {
  const suffix = String(crypto.randomInt(0, 1_000_000)).padStart(6, '0');
  return { national: `0478 ${suffix}`, digits: `32478${suffix}` };
}

async function registerReady(body: object): Promise<string> {
  const registered = await harness.request('POST', '/api/v1/applications', { body });
  expect(registered.status).toBe(201);
  const id = registered.body.id as string;
  expect((await harness.request('POST', `/api/v1/applications/${id}/ready`)).status).toBe(200);
  return id;
}

test('API /metrics answers without a key', async () => {
  const response = await fetch(`${harness.baseUrl}/metrics`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/plain; version=0.0.4');
  const text = await response.text();
  expect(text).toContain('# TYPE http_request_duration_seconds histogram');
  expect(text).toContain('# TYPE loketbode_cases_started_total counter');
  expect(text).toContain('process_cpu_user_seconds_total');
});

test('each endpoint shows only its own process metrics', async () => {
  const api = await apiMetrics();
  const worker = await workerMetricsText();
  expect(api).not.toContain('loketbode_messages_total');
  expect(api).not.toContain('loketbode_cases{');
  expect(worker).toContain('# TYPE loketbode_messages_total counter');
  expect(worker).toContain('# TYPE loketbode_cases gauge');
  expect(worker).toContain('process_cpu_user_seconds_total');
  expect(worker).not.toContain('http_request_duration_seconds');
  expect(worker).not.toContain('loketbode_cases_started_total');
});

test('SMS case counts its start, routes and notice', async () => {
  const reference = uniqueReference('MET');
  const mobile = uniqueMobile();
  const startedLabels = { document_type: 'passport', office: 'gent-centrum', preferred_channel: 'sms' };
  const noticeLabels = { channel: 'sms', kind: 'pickup-notice', outcome: 'sent' };
  const apiBefore = await apiMetrics();
  const workerBefore = await workerMetricsText();

  const id = await registerReady(janPeeters({ reference, contact: { mobile: mobile.national } }));
  await waitForMessages(harness, reference, 1);
  const workerAfter = await waitForWorkerSample('loketbode_messages_total', noticeLabels, sampleValue(workerBefore, 'loketbode_messages_total', noticeLabels) + 1);
  const apiAfter = await apiMetrics();

  const started = (text: string) => sampleValue(text, 'loketbode_cases_started_total', startedLabels);
  expect(started(apiAfter) - started(apiBefore)).toBe(1);

  const requests = (text: string, method: string, route: string, status: string) =>
    sampleValue(text, 'http_request_duration_seconds_count', { method, route, status_code: status });
  expect(requests(apiAfter, 'POST', '/api/v1/applications', '201') - requests(apiBefore, 'POST', '/api/v1/applications', '201')).toBe(1);
  expect(requests(apiAfter, 'POST', readyRoute, '200') - requests(apiBefore, 'POST', readyRoute, '200')).toBe(1);

  // Labels carry route patterns and channels, never a case id, reference or phone number.
  for (const text of [apiAfter, workerAfter]) {
    expect(text).not.toContain(id);
    expect(text).not.toContain(reference);
    expect(text).not.toContain(mobile.digits);
  }

  await harness.request('POST', `/api/v1/applications/${id}/collected`);
});

test('ready twice counts the 409 under its route pattern', async () => {
  const id = await registerReady(janPeeters({ reference: uniqueReference('MET') }));
  const before = await apiMetrics();

  const second = await harness.request('POST', `/api/v1/applications/${id}/ready`);
  expect(second.status).toBe(409);
  const unknownRoute = await harness.request('GET', '/api/v1/no-such-route');
  expect(unknownRoute.status).toBe(404);
  const after = await apiMetrics();

  const rejected = (text: string) => sampleValue(text, 'loketbode_updates_rejected_total', { code: 'case_not_awaiting_production' });
  expect(rejected(after) - rejected(before)).toBe(1);
  const conflicts = (text: string) => sampleValue(text, 'http_request_duration_seconds_count', { method: 'POST', route: readyRoute, status_code: '409' });
  expect(conflicts(after) - conflicts(before)).toBe(1);
  const unmatched = (text: string) => sampleValue(text, 'http_request_duration_seconds_count', { method: 'GET', route: 'unmatched', status_code: '404' });
  expect(unmatched(after) - unmatched(before)).toBe(1);
  expect(after).not.toContain('no-such-route');

  await harness.request('POST', `/api/v1/applications/${id}/cancel`, { body: { reason: 'test' } });
});

test('cases by status match the case index', async () => {
  await registerReady(janPeeters({ reference: uniqueReference('MET') }));

  // Other test files change cases at the same time, so the gauge and the index are compared until one pair agrees.
  await waitFor('loketbode_cases to match the case index', async () => {
    const text = await workerMetricsText();
    const counts = await Promise.all(caseStatuses.map((status) => CaseModel.countDocuments({ status })));
    const matches = caseStatuses.every((status, index) => sampleValue(text, 'loketbode_cases', { status }) === counts[index]);
    return matches ? true : undefined;
  });

  const text = await workerMetricsText();
  for (const status of caseStatuses) {
    expect(text).toMatch(new RegExp(`^loketbode_cases\\{status="${status}"\\} \\d+$`, 'm'));
  }
  expect(sampleValue(text, 'loketbode_cases', { status: 'ready-for-pickup' })).toBeGreaterThanOrEqual(1);
});

test('SMS refused at send time counts the failure and the fallback', async () => {
  const reference = uniqueReference('MET');
  const mobile = uniqueMobile();
  await refuseNumber(mobile.digits, '6');
  const failedLabels = { channel: 'sms', kind: 'pickup-notice', outcome: 'failed' };
  const emailLabels = { channel: 'email', kind: 'pickup-notice', outcome: 'sent' };
  const fallbackLabels = { trigger: 'send-failure', from_channel: 'sms', to_channel: 'email' };
  const before = await workerMetricsText();

  const id = await registerReady(janPeeters({ reference, contact: { mobile: mobile.national, email: `${reference.toLowerCase()}@example.be` } }));
  await waitForMessages(harness, reference, 1);
  const after = await waitForWorkerSample('loketbode_messages_total', emailLabels, sampleValue(before, 'loketbode_messages_total', emailLabels) + 1);

  expect(sampleValue(after, 'loketbode_messages_total', failedLabels) - sampleValue(before, 'loketbode_messages_total', failedLabels)).toBe(1);
  expect(sampleValue(after, 'loketbode_fallbacks_total', fallbackLabels) - sampleValue(before, 'loketbode_fallbacks_total', fallbackLabels)).toBe(1);

  await harness.request('POST', `/api/v1/applications/${id}/collected`);
});

test('failed delivery receipts count once as a fallback', async () => {
  const reference = uniqueReference('MET');
  const id = await registerReady(janPeeters({ reference, contact: { mobile: uniqueMobile().national, email: `${reference.toLowerCase()}@example.be` } }));
  await waitForMessages(harness, reference, 1);
  const notification = await waitFor('the SMS in the notification log', async () => {
    const entry = await NotificationModel.findOne({ caseId: id, channel: 'sms', status: 'sent' }).lean();
    return entry ?? undefined;
  });
  const fallbackLabels = { trigger: 'delivery-receipt', from_channel: 'sms', to_channel: 'email' };
  const before = await apiMetrics();

  // A long SMS has one receipt per part, and here both parts failed.
  for (let part = 0; part < 2; part += 1) {
    const receipt = { messageId: notification.providerMessageId ?? '', status: 'failed', 'err-code': '1', 'client-ref': notification._id.toString() };
    expect((await postReceipt(harness, signParameters(receipt, signatureSecret))).status).toBe(200);
  }
  const after = await apiMetrics();

  const receipts = (text: string) => sampleValue(text, 'loketbode_delivery_receipts_total', { status: 'failed' });
  expect(receipts(after) - receipts(before)).toBe(2);
  const fallbacks = (text: string) => sampleValue(text, 'loketbode_fallbacks_total', fallbackLabels);
  expect(fallbacks(after) - fallbacks(before)).toBe(1);

  await waitForMessages(harness, reference, 2);
  await harness.request('POST', `/api/v1/applications/${id}/collected`);
});

test('delivery list counts the batch and each line', async () => {
  const reference = uniqueReference('MET');
  const registered = await harness.request('POST', '/api/v1/applications', { body: janPeeters({ reference }) });
  expect(registered.status).toBe(201);
  const before = await apiMetrics();

  const response = await harness.request('POST', '/api/v1/production-batches', { body: [reference, `${reference}-X`, reference] });
  expect(response.status).toBe(202);
  const after = await apiMetrics();

  const lines = (text: string, outcome: string, code: string) => sampleValue(text, 'loketbode_production_batch_lines_total', { outcome, code });
  expect(lines(after, 'accepted', '') - lines(before, 'accepted', '')).toBe(1);
  expect(lines(after, 'rejected', 'not_found') - lines(before, 'rejected', 'not_found')).toBe(1);
  expect(lines(after, 'rejected', 'duplicate_line') - lines(before, 'rejected', 'duplicate_line')).toBe(1);
  const batches = (text: string) => sampleValue(text, 'loketbode_production_batches_total', { outcome: 'started' });
  expect(batches(after) - batches(before)).toBe(1);

  await waitForMessages(harness, reference, 1);
  await harness.request('POST', `/api/v1/applications/${registered.body.id}/collected`);
});

test('reminder counts as a reminder sent', async () => {
  const reference = uniqueReference('MET');
  const before = await workerMetricsText();
  const reminders = (text: string) => sampleValue(text, 'loketbode_reminders_sent_total', { channel: 'email' });

  const body = janPeeters({ reference, preferredChannel: 'email', contact: { email: `${reference.toLowerCase()}@example.be` } });
  const id = await registerReady(body);
  // The short test policy sends the first reminder 3 seconds after "ready".
  await waitForMessages(harness, reference, 2);
  await harness.request('POST', `/api/v1/applications/${id}/collected`);

  const after = await waitForWorkerSample('loketbode_reminders_sent_total', { channel: 'email' }, reminders(before) + 1);
  expect(reminders(after) - reminders(before)).toBe(1);
  const reminderMessages = (text: string) => sampleValue(text, 'loketbode_messages_total', { channel: 'email', kind: 'reminder', outcome: 'sent' });
  expect(reminderMessages(after) - reminderMessages(before)).toBe(1);
});
