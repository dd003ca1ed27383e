import { defaultDataConverter, defaultPayloadConverter } from '@temporalio/common';
import { msNumberToTs } from '@temporalio/common/lib/time';
import { temporal } from '@temporalio/proto';
import { HistoryDecoder } from '../../src/audit/historyDecoder';
import { buildAuditEntries } from '../../src/audit/historyAudit';
import type { LoggedNotification } from '../../src/audit/loggedNotification';
import { createRedactor } from '../../src/audit/redaction';

// These tests build histories by hand, for paths the local stack cannot reach on demand:
// waits for the office's sending hours, a terminated workflow and an undecodable payload.

const EventType = temporal.api.enums.v1.EventType;
const caseId = '3f1c2b7e-1111-4a2b-9c3d-000000000001';
const readyAtMs = Date.parse('2026-03-06T19:59:00.000Z');
const hourMs = 60 * 60 * 1000;

function payloads(...values: unknown[]) {
  return { payloads: values.map((value) => defaultPayloadConverter.toPayload(value)) };
}

/** Builds history events in order, numbering them and stamping each with the given time. */
class HistoryBuilder {
  readonly events: temporal.api.history.v1.IHistoryEvent[] = [];

  add(eventType: temporal.api.enums.v1.EventType, atMs: number, attributes: Record<string, unknown>): number {
    const eventId = this.events.length + 1;
    // The generated type requires a Long event id; the audit accepts a plain number as well, so the cast only satisfies the compiler.
    const properties = { eventId, eventType, eventTime: msNumberToTs(atMs), ...attributes } as unknown as temporal.api.history.v1.IHistoryEvent;
    this.events.push(temporal.api.history.v1.HistoryEvent.create(properties));
    return eventId;
  }

  workflowTask(atMs: number): void {
    this.add(EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED, atMs, { workflowTaskStartedEventAttributes: {} });
  }

  timer(timerId: string, startedMs: number, timeoutMs: number, outcome: 'fired' | 'cancelled', endMs: number): void {
    this.workflowTask(startedMs);
    this.add(EventType.EVENT_TYPE_TIMER_STARTED, startedMs + 20, { timerStartedEventAttributes: { timerId, startToFireTimeout: msNumberToTs(timeoutMs) } });
    if (outcome === 'fired') {
      this.add(EventType.EVENT_TYPE_TIMER_FIRED, endMs, { timerFiredEventAttributes: { timerId } });
    } else {
      this.add(EventType.EVENT_TYPE_TIMER_CANCELED, endMs, { timerCanceledEventAttributes: { timerId } });
    }
  }

  sms(kind: string, sequence: number, atMs: number): void {
    const scheduledEventId = this.add(EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED, atMs, {
      activityTaskScheduledEventAttributes: { activityType: { name: 'sendSms' }, input: payloads({ caseId, kind, sequence }) },
    });
    this.add(EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED, atMs + 10, { activityTaskStartedEventAttributes: { scheduledEventId, attempt: 1 } });
    this.add(EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED, atMs + 20, {
      activityTaskCompletedEventAttributes: {
        scheduledEventId,
        result: payloads({ notificationId: `n-${kind}-${sequence}`, channel: 'sms', providerMessageId: `P-${sequence}`, segments: 1, costCents: 7, duplicate: false }),
      },
    });
  }
}

/**
 * Builds the history of a case made ready at 20:59 Brussels time on a
 * Friday, in an office that sends from 08:00 to 21:00 on weekdays. The
 * notice goes out at once. The first reminder falls on Saturday evening and
 * waits until Monday 08:00. The workflow is terminated before the second
 * reminder, due on Tuesday.
 */
function fridayEveningHistory(): temporal.api.history.v1.IHistoryEvent[] {
  const history = new HistoryBuilder();
  const policy = { reminderDelaysMs: [24 * hourMs, 96 * hourMs], letterAfterMs: 120 * hourMs, pickupDeadlineMs: 90 * 24 * hourMs };
  history.add(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED, readyAtMs - hourMs, {
    workflowExecutionStartedEventAttributes: {
      input: payloads({ caseId, reference: 'GENT-2026-000001', documentType: 'eid', office: 'gent-centrum', preferredChannel: 'sms', policy, registeredBy: 'clerk-a' }),
    },
  });

  history.workflowTask(readyAtMs);
  history.add(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED, readyAtMs + 5, {
    workflowExecutionUpdateAcceptedEventAttributes: { acceptedRequest: { meta: { updateId: 'u-ready' }, input: { name: 'markReady', args: payloads({ actor: 'clerk-b' }) } } },
  });
  history.add(EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES, readyAtMs + 6, {
    upsertWorkflowSearchAttributesEventAttributes: {
      searchAttributes: { indexedFields: { CaseStatus: defaultPayloadConverter.toPayload('ready-for-pickup'), ReadyAt: defaultPayloadConverter.toPayload(new Date(readyAtMs).toISOString()) } },
    },
  });
  history.add(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED, readyAtMs + 50, {
    workflowExecutionUpdateCompletedEventAttributes: { meta: { updateId: 'u-ready' }, outcome: { success: payloads({}) } },
  });
  history.sms('pickup-notice', 1, readyAtMs + 60);

  // The first reminder is due a day after "ready": Saturday 20:59, within the hours but not on a sending day.
  const noticeDoneMs = readyAtMs + 100;
  history.timer('1', noticeDoneMs, readyAtMs + 24 * hourMs - noticeDoneMs, 'fired', readyAtMs + 24 * hourMs);
  const mondayMorningMs = Date.parse('2026-03-09T07:00:00.000Z');
  const saturdayMs = readyAtMs + 24 * hourMs;
  history.timer('2', saturdayMs, mondayMorningMs - saturdayMs, 'fired', mondayMorningMs);
  history.sms('reminder', 1, mondayMorningMs + 10);
  history.timer('3', mondayMorningMs + 50, readyAtMs + 96 * hourMs - (mondayMorningMs + 50), 'cancelled', mondayMorningMs + 60);

  history.add(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_TERMINATED, mondayMorningMs + 70, {
    workflowExecutionTerminatedEventAttributes: { reason: 'Stopped on request of jan.peeters@example.be, tel. 0470 12 34 56', identity: 'operator' },
  });
  return history.events;
}

function auditOf(events: temporal.api.history.v1.IHistoryEvent[], notifications: LoggedNotification[] = []) {
  return buildAuditEntries({
    caseId,
    events,
    decoder: new HistoryDecoder(defaultDataConverter, caseId),
    notifications,
    redact: createRedactor({
      citizen: { nationalNumber: '85073003328', firstName: 'Jan', lastName: 'Peeters', birthDate: null, language: 'nl' },
      contact: { mobile: '+32470123456', email: 'jan.peeters@example.be', address: { street: 'Veldstraat', number: '12', box: null, postalCode: '9000', municipality: 'Gent', country: 'BE' } },
    }),
    now: new Date('2026-03-10T00:00:00.000Z'),
  });
}

test('timers of steps and sending hours differ', async () => {
  const timers = (await auditOf(fridayEveningHistory())).filter((entry) => entry.type === 'timer-started');
  expect(timers.map((timer) => [timer.type === 'timer-started' && timer.purpose, timer.type === 'timer-started' && timer.waitsFor])).toEqual([
    ['pickup-step', { kind: 'reminder', sequence: 1 }],
    ['sending-hours', { kind: 'reminder', sequence: 1 }],
    ['pickup-step', { kind: 'reminder', sequence: 2 }],
  ]);
});

test('timer due time uses the workflow clock', async () => {
  const [first] = (await auditOf(fridayEveningHistory())).filter((entry) => entry.type === 'timer-started');
  expect(first).toMatchObject({ type: 'timer-started', dueAt: new Date(readyAtMs + 24 * hourMs).toISOString() });
});

test('terminated workflow ends the audit redacted', async () => {
  const entries = await auditOf(fridayEveningHistory());
  expect(entries.at(-1)).toMatchObject({
    type: 'final-state',
    workflowStatus: 'terminated',
    status: 'ready-for-pickup',
    remindersSent: 1,
    detail: 'Stopped on request of [redacted], tel. [redacted]',
  });
});

test('clerk actions name their actors', async () => {
  const entries = await auditOf(fridayEveningHistory());
  expect(entries[0]).toMatchObject({ type: 'registered', actor: 'clerk-a', reference: 'GENT-2026-000001' });
  expect(entries[1]).toMatchObject({ type: 'clerk-action', action: 'ready', actor: 'clerk-b', outcome: 'completed', via: 'update' });
  expect(entries[2]).toMatchObject({ type: 'status-change', status: 'ready-for-pickup', actor: 'clerk-b' });
});

test('message without a log row keeps history values', async () => {
  const entries = await auditOf(fridayEveningHistory());
  const notice = entries.find((entry) => entry.type === 'message');
  expect(notice).toMatchObject({ outcome: 'sent', providerMessageId: 'P-1', costCents: 7, segments: 1, template: null, language: null, attempts: 1 });
});

test('undecodable payload leaves the entry empty', async () => {
  const events = fridayEveningHistory();
  const started = events[0]?.workflowExecutionStartedEventAttributes;
  if (started) {
    started.input = { payloads: [{ metadata: { encoding: new TextEncoder().encode('binary/encrypted') }, data: new Uint8Array([1, 2, 3]) }] };
  }
  const entries = await auditOf(events);
  expect(entries[0]).toMatchObject({ type: 'registered', actor: null, reference: null });
  expect(entries.length).toBeGreaterThan(1);
});

describe('redaction', () => {
  const redact = createRedactor({
    citizen: { nationalNumber: '85073003328', firstName: 'Zoë', lastName: "D'Hondt", birthDate: null, language: 'nl' },
    contact: { mobile: null, email: null, address: { street: 'Sint-Pietersnieuwstraat', number: '5', box: null, postalCode: '9000', municipality: 'Gent', country: 'BE' } },
  });

  test.each([
    ["Zoë D'Hondt verhuisd", '[redacted] [redacted] verhuisd'],
    ['zoë belde', '[redacted] belde'],
    ['Zoëlla blijft', 'Zoëlla blijft'],
    ['nummer 85.07.30-033.28', 'nummer [redacted]'],
    ['nummer 85073003328', 'nummer [redacted]'],
    ['gsm +32 470 12 34 56', 'gsm [redacted]'],
    ['<zoe@example.be>: 550 user unknown', '<[redacted]>: 550 user unknown'],
    ['woont Sint-Pietersnieuwstraat 5', 'woont [redacted] 5'],
    ['case 3f1c2b7e-1111-4a2b-9c3d-000000000001 not found', 'case 3f1c2b7e-1111-4a2b-9c3d-000000000001 not found'],
    ['Vonage status 29: Non-Whitelisted Destination', 'Vonage status 29: Non-Whitelisted Destination'],
  ])('%s', (text, expected) => {
    expect(redact(text)).toBe(expected);
  });

  test('no text stays null', () => {
    expect(redact(null)).toBeNull();
  });
});
