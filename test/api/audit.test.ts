import crypto from 'node:crypto';
import { NotificationModel } from '../../src/store/notificationModel';
import { janPeeters, uniqueReference } from '../support/citizens';
import { startHarness, waitFor, type Harness } from '../support/harness';
import { waitForMessages } from '../support/sandbox';

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
});

afterAll(async () => {
  await harness.close();
});

/** Personal data of the test citizen in every spelling the API accepts or stores. */
const personalData = ['Jan', 'Peeters', '85073003328', '85.07.30-033.28', '+32470123456', '0470 12 34 56', 'jan.peeters@example.be', 'Veldstraat'];

/** Summarizes an audit entry in one line, so a failed order check shows the whole trail. */
function summarize(entry: any): string {
  switch (entry.type) {
    case 'registered':
      return `registered by ${entry.actor}`;
    case 'clerk-action':
      return `${entry.action} by ${entry.actor}`;
    case 'status-change':
      return `status ${entry.status}`;
    case 'message':
      return `${entry.kind} ${entry.sequence} by ${entry.channel}: ${entry.outcome}`;
    case 'fallback':
      return `fallback ${entry.kind} ${entry.sequence} from ${entry.fromChannel} to ${entry.toChannel}`;
    case 'timer-started':
    case 'timer-fired':
    case 'timer-cancelled':
      return `${entry.type} for ${entry.waitsFor?.kind} ${entry.waitsFor?.sequence}`;
    case 'final-state':
      return `final ${entry.workflowStatus} ${entry.status}`;
    default:
      return entry.type;
  }
}

async function register(body: object): Promise<string> {
  const response = await harness.request('POST', '/api/v1/applications', { body });
  expect(response.status).toBe(201);
  return response.body.id as string;
}

function audit(id: string, headers: Record<string, string> = {}) {
  return harness.request('GET', `/api/v1/applications/${id}/audit`, { key: 'dev-auditor', headers });
}

/** Splits simple CSV (no line breaks inside cells) into rows of cells. */
function parseCsv(text: string): string[][] {
  return text
    .trimEnd()
    .split('\r\n')
    .map((line) => {
      const cells: string[] = [];
      const pattern = /("(?:[^"]|"")*"|[^,]*)(,|$)/g;
      for (let match = pattern.exec(line); match && match.index < line.length; match = pattern.exec(line)) {
        const raw = match[1] ?? '';
        cells.push(raw.startsWith('"') ? raw.slice(1, -1).replace(/""/g, '"') : raw);
        if (match[2] === '') {
          break;
        }
      }
      return cells;
    });
}

describe('passport by SMS, reminded, collected', () => {
  let id: string;
  let reference: string;

  beforeAll(async () => {
    reference = uniqueReference('AUD');
    id = await register(janPeeters({ reference }));
    expect((await harness.request('POST', `/api/v1/applications/${id}/ready`)).status).toBe(200);

    // Notice, two reminders (3 s, 6 s) and the escalation letter (9 s), then the citizen collects.
    await waitForMessages(harness, reference, 4, 20_000);
    expect((await harness.request('POST', `/api/v1/applications/${id}/collected`)).status).toBe(200);
    await harness.client.workflow.getHandle(id).result();

    // A delivery receipt for the notice, written as the receipt webhook stores it.
    await NotificationModel.collection.updateOne(
      { key: `${id}/pickup-notice-1/sms` },
      { $set: { deliveryStatus: 'delivered', deliveredAt: new Date('2026-01-05T10:00:00Z') } },
    );
  }, 40_000);

  test('lists every step in history order', async () => {
    const response = await audit(id);
    expect(response.status).toBe(200);
    expect(response.body.entries.map(summarize)).toEqual([
      'registered by dev-clerk',
      'ready by dev-clerk',
      'status ready-for-pickup',
      'pickup-notice 1 by sms: sent',
      'timer-started for reminder 1',
      'timer-fired for reminder 1',
      'reminder 1 by sms: sent',
      'timer-started for reminder 2',
      'timer-fired for reminder 2',
      'reminder 2 by sms: sent',
      'timer-started for escalation-letter 1',
      'timer-fired for escalation-letter 1',
      'escalation-letter 1 by letter: sent',
      'timer-started for returned-uncollected 1',
      'collected by dev-clerk',
      'status collected',
      'timer-cancelled for returned-uncollected 1',
      'final completed collected',
    ]);
  });

  test('entries are numbered and ordered by history event', async () => {
    const { entries } = (await audit(id)).body;
    expect(entries.map((entry: any) => entry.position)).toEqual(entries.map((_entry: any, index: number) => index + 1));
    const eventIds = entries.map((entry: any) => entry.eventId);
    expect(eventIds).toEqual([...eventIds].sort((a: number, b: number) => a - b));
    const times = entries.map((entry: any) => Date.parse(entry.at));
    expect(times).toEqual([...times].sort((a: number, b: number) => a - b));
  });

  test('names the case and clerk identities', async () => {
    const body = (await audit(id)).body;
    expect(body).toMatchObject({ caseId: id, workflowId: id, reference, documentType: 'passport', office: 'gent-centrum' });
    const clerkActions = body.entries.filter((entry: any) => entry.type === 'clerk-action');
    expect(clerkActions.map((entry: any) => entry.actor)).toEqual(['dev-clerk', 'dev-clerk']);
    expect(clerkActions.map((entry: any) => entry.outcome)).toEqual(['completed', 'completed']);
    expect(clerkActions.every((entry: any) => entry.completedAt >= entry.at)).toBe(true);
    const statusChanges = body.entries.filter((entry: any) => entry.type === 'status-change');
    expect(statusChanges.map((entry: any) => entry.actor)).toEqual(['dev-clerk', 'dev-clerk']);
  });

  test('messages carry template, provider id and cost', async () => {
    const messages = (await audit(id)).body.entries.filter((entry: any) => entry.type === 'message');
    const stored = await NotificationModel.find({ caseId: id }).lean();
    expect(messages).toHaveLength(stored.length);

    for (const message of messages) {
      const logged = stored.find((row) => row.key === `${id}/${message.kind}-${message.sequence}/${message.channel}`);
      expect(logged).toBeDefined();
      expect(message.notificationId).toBe(String(logged?._id));
      expect(message.template).toBe(`nl/${message.channel}/${message.kind}`);
      expect(message.language).toBe('nl');
      expect(message.providerMessageId).toBe(logged?.providerMessageId);
      expect(message.costCents).toBe(logged?.costCents);
      expect(message.attempts).toBe(1);
      expect(message.duplicate).toBe(false);
    }

    const sms = messages.filter((message: any) => message.channel === 'sms');
    expect(sms.map((message: any) => message.recipient)).toEqual(['+32******56', '+32******56', '+32******56']);
    expect(sms.every((message: any) => message.costCents === message.segments * 7)).toBe(true);
    const letter = messages.find((message: any) => message.channel === 'letter');
    expect(letter.costCents).toBe(150);
    expect(letter.recipient).toBe('postal address');
  });

  test('joins the delivery receipt from the notification log', async () => {
    const [notice, firstReminder] = (await audit(id)).body.entries.filter((entry: any) => entry.type === 'message');
    expect(notice.deliveryStatus).toBe('delivered');
    expect(notice.deliveredAt).toBe('2026-01-05T10:00:00.000Z');
    expect(firstReminder.deliveryStatus).toBeNull();
  });

  test('timers show when each wait was due', async () => {
    const started = (await audit(id)).body.entries.filter((entry: any) => entry.type === 'timer-started');
    const readyAt = Date.parse((await harness.request('GET', `/api/v1/applications/${id}`)).body.readyAt);
    // Reminders at 3 and 6 seconds, the letter at 9 and the pickup deadline at 16, counted on the workflow's clock.
    const offsetsMs = started.map((timer: any) => Date.parse(timer.dueAt) - readyAt);
    expect(offsetsMs).toEqual([3_000, 6_000, 9_000, 16_000]);
    expect(started.map((timer: any) => timer.purpose)).toEqual(['pickup-step', 'pickup-step', 'pickup-step', 'pickup-step']);
  });

  test('final state has the result of the workflow', async () => {
    const entries = (await audit(id)).body.entries;
    expect(entries.at(-1)).toMatchObject({ type: 'final-state', workflowStatus: 'completed', status: 'collected', remindersSent: 2 });
    expect(entries.at(-1).closedAt).toEqual(expect.any(String));
  });

  test('CSV has one row per entry', async () => {
    const json = (await audit(id)).body;
    const response = await audit(id, { accept: 'text/csv' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toContain(`audit-${id}.csv`);

    const [header, ...rows] = parseCsv(response.body);
    expect(header?.slice(0, 6)).toEqual(['caseId', 'reference', 'position', 'at', 'eventId', 'type']);
    expect(rows).toHaveLength(json.entries.length);
    const column = (name: string) => header?.indexOf(name) ?? -1;
    expect(rows.map((row) => row[column('type')])).toEqual(json.entries.map((entry: any) => entry.type));
    expect(rows[0]?.[column('actor')]).toBe('dev-clerk');
    expect(rows.every((row) => row[column('caseId')] === id)).toBe(true);
    // A masked phone number starts with "+", which spreadsheets would read as a formula.
    const recipients = rows.map((row) => row[column('recipient')]).filter(Boolean);
    expect(recipients).toContain("'+32******56");
    const waits = rows.map((row) => row[column('waitsFor')]).filter(Boolean);
    expect(waits[0]).toBe('reminder 1');
  });

  test('contains no personal data', async () => {
    const json = JSON.stringify((await audit(id)).body);
    const csv = (await audit(id, { accept: 'text/csv' })).body as string;
    for (const value of personalData) {
      expect(json).not.toContain(value);
      expect(csv).not.toContain(value);
    }
  });
});

describe('SMS refused, fallback to e-mail, then cancelled', () => {
  let id: string;
  // A Belgian mobile of this test alone, because the fake provider's refusal list is shared by every test file.
  const mobileDigits = `32478${crypto.randomInt(100_000, 999_999)}`;

  beforeAll(async () => {
    const refused = await fetch(`${process.env.VONAGE_REST_HOST}/_sandbox/refuse`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ number: mobileDigits, status: '29' }),
    });
    expect(refused.status).toBe(204);

    const reference = uniqueReference('AUF');
    id = await register(janPeeters({ reference, contact: { mobile: `+${mobileDigits}` } }));
    expect((await harness.request('POST', `/api/v1/applications/${id}/ready`)).status).toBe(200);
    const [notice] = await waitForMessages(harness, reference, 1);
    expect(notice?.channel).toBe('email');
  });

  test('running case ends with its current state', async () => {
    const entries = await waitFor('audit to show the e-mail as sent', async () => {
      const body = (await audit(id)).body;
      return body.entries.some((entry: any) => entry.type === 'message' && entry.channel === 'email' && entry.outcome === 'sent') ? body.entries : undefined;
    });
    expect(entries.at(-1)).toMatchObject({ type: 'final-state', workflowStatus: 'running', status: 'ready-for-pickup', eventId: null });
  });

  test('records the refused SMS and the fallback', async () => {
    const cancelled = await harness.request('POST', `/api/v1/applications/${id}/cancel`, {
      body: { reason: 'Jan Peeters verhuisd; nieuw nummer 0470 12 34 56, mail jan.peeters@example.be' },
    });
    expect(cancelled.status).toBe(200);
    await harness.client.workflow.getHandle(id).result();

    const entries = (await audit(id)).body.entries;
    expect(entries.map(summarize)).toEqual([
      'registered by dev-clerk',
      'ready by dev-clerk',
      'status ready-for-pickup',
      'pickup-notice 1 by sms: failed',
      'fallback pickup-notice 1 from sms to email',
      'pickup-notice 1 by email: sent',
      'timer-started for reminder 1',
      'cancel by dev-clerk',
      'status cancelled',
      'timer-cancelled for reminder 1',
      'final completed cancelled',
    ]);

    const failedSms = entries.find((entry: any) => entry.type === 'message' && entry.channel === 'sms');
    expect(failedSms).toMatchObject({ outcome: 'failed', failureType: 'SmsRejected', providerMessageId: null, costCents: null });
    expect(failedSms.failureMessage).toContain('Vonage status 29');
    const fallback = entries.find((entry: any) => entry.type === 'fallback');
    expect(fallback).toMatchObject({ fromChannel: 'sms', toChannel: 'email', failureType: 'SmsRejected', deliveryStatus: null });
    const email = entries.find((entry: any) => entry.type === 'message' && entry.channel === 'email');
    expect(email).toMatchObject({ template: 'nl/email/pickup-notice', recipient: 'j***@example.be', costCents: 0 });
  });

  test('cancellation reason keeps no personal data', async () => {
    const body = (await audit(id)).body;
    const cancel = body.entries.find((entry: any) => entry.type === 'clerk-action' && entry.action === 'cancel');
    expect(cancel.reason).toBe('[redacted] [redacted] verhuisd; nieuw nummer [redacted], mail [redacted]');
    const json = JSON.stringify(body);
    for (const value of [...personalData, mobileDigits]) {
      expect(json).not.toContain(value);
    }
  });
});

describe('access and errors', () => {
  const unknownId = '00000000-0000-4000-8000-000000000000';
  let id: string;

  beforeAll(async () => {
    id = await register(janPeeters({ reference: uniqueReference('AUA') }));
  });

  afterAll(async () => {
    await harness.request('POST', `/api/v1/applications/${id}/cancel`, { body: { reason: 'test' } });
  });

  test.each([
    ['clerk', 'dev-clerk'],
    ['manager', 'dev-manager'],
  ])('%s key answers 403', async (_role, key) => {
    const response = await harness.request('GET', `/api/v1/applications/${id}/audit`, { key });
    expect(response.status).toBe(403);
    expect(response.body.error.code).toBe('forbidden');
  });

  test('missing key answers 401', async () => {
    const response = await harness.request('GET', `/api/v1/applications/${id}/audit`, { headers: { authorization: '' } });
    expect(response.status).toBe(401);
  });

  test('unknown case answers 404', async () => {
    const response = await audit(unknownId);
    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('not_found');
    expect(response.body.error.message).toEqual(expect.any(String));
  });

  test('malformed case id answers 404', async () => {
    const response = await audit('not-a-case');
    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('not_found');
  });

  test('unsupported Accept answers 406', async () => {
    const response = await audit(id, { accept: 'application/xml' });
    expect(response.status).toBe(406);
    expect(response.body.error.code).toBe('not_acceptable');
  });

  test('registered case audit starts with its registration', async () => {
    const entries = (await audit(id)).body.entries;
    expect(entries.map(summarize)).toEqual(['registered by dev-clerk', 'final running awaiting-production']);
    expect(entries[0]).toMatchObject({ documentType: 'passport', office: 'gent-centrum', preferredChannel: 'sms', status: 'awaiting-production' });
  });

  test('OpenAPI lists the audit path', async () => {
    const openapi = await harness.request('GET', '/openapi.json');
    expect(Object.keys(openapi.body.paths)).toContain('/api/v1/applications/{id}/audit');
  });
});
