import { temporal } from '@temporalio/proto';
import { MessageKind, notificationKey } from '../domain/messageKinds';
import { isChannel, type Channel } from '../domain/channels';
import type {
  AuditEntry,
  ClerkActionEntry,
  FinalStateEntry,
  MessageEntry,
  PickupStep,
  TimerEntry,
} from './auditEntries';
import { clerkActionNames } from './auditEntries';
import { durationMs, eventTime, toNumber, type HistoryDecoder } from './historyDecoder';
import type { LoggedNotification } from './loggedNotification';
import type { Redactor } from './redaction';

const EventType = temporal.api.enums.v1.EventType;
type HistoryEvent = temporal.api.history.v1.IHistoryEvent;

/** The activities that send a message, by the channel they use. Other activities (the case index) are not audited. */
const sendActivities: Record<string, Channel> = { sendSms: 'sms', sendEmail: 'email', sendLetter: 'letter' };

export interface HistorySources {
  caseId: string;
  events: HistoryEvent[];
  decoder: HistoryDecoder;
  /** The case's rows in the notification log. */
  notifications: LoggedNotification[];
  redact: Redactor;
  /** Time of the audit, for the state of a workflow that still runs. */
  now: Date;
}

/** Fields of the workflow input and the activity values the audit reads; every one may be missing in an old history. */
interface StartInput {
  reference?: string;
  documentType?: string;
  office?: string;
  preferredChannel?: string;
  registeredBy?: string;
  policy?: { reminderDelaysMs?: unknown[]; letterAfterMs?: unknown; pickupDeadlineMs?: unknown };
}

interface ActivityRequest {
  caseId?: string;
  kind?: MessageKind;
  sequence?: number;
}

interface ActivityResult {
  notificationId?: string;
  providerMessageId?: string | null;
  encoding?: string;
  segments?: number;
  costCents?: number;
  duplicate?: boolean;
}

interface DeliveryFailureSignal {
  notificationId?: unknown;
  kind?: MessageKind;
  sequence?: unknown;
  channel?: unknown;
  status?: unknown;
}

/** Cause of the last failed attempt of a message, named in the fallback that follows it. */
interface FailedAttempt {
  channel: Channel;
  failureType: string | null;
  deliveryStatus: string | null;
}

/** Contact fields a contact change may name; anything else in history is left out of the audit. */
const contactFields = ['mobile', 'email', 'address', 'preferredChannel'];

interface WorkflowResult {
  status?: string;
  closedAt?: string | null;
  remindersSent?: number;
}

/** An entry before it gets its position; distributes over the union, so each entry type keeps its own fields. */
type Draft<Entry extends AuditEntry> = Entry extends AuditEntry ? Omit<Entry, 'position'> : never;

function isoTime(date: Date | null): string {
  return (date ?? new Date(0)).toISOString();
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

/** A step of the pickup period and its delay after "ready", from the policy the case started with. */
interface ScheduledStep extends PickupStep {
  delayMs: number;
}

/** Due times within this distance of a step's due time belong to that step; the workflow's own timers match to the millisecond. */
const stepMatchToleranceMs = 1_000;

function delay(value: unknown): number {
  return typeof value === 'number' ? value : Number.NaN;
}

/** Lists the steps of the pickup period with their delays: each reminder, the escalation letter and the pickup deadline. */
function pickupSteps(input: StartInput): ScheduledStep[] {
  const reminderDelays = Array.isArray(input.policy?.reminderDelaysMs) ? input.policy.reminderDelaysMs : [];
  const reminders = reminderDelays.map((delayMs, index) => ({ kind: MessageKind.Reminder, sequence: index + 1, delayMs: delay(delayMs) }));
  return [
    ...reminders,
    { kind: MessageKind.EscalationLetter, sequence: 1, delayMs: delay(input.policy?.letterAfterMs) },
    { kind: MessageKind.ReturnedUncollected, sequence: 1, delayMs: delay(input.policy?.pickupDeadlineMs) },
  ];
}

/**
 * Walks a case workflow's history once, in event order, and turns it into
 * audit entries. Message attempts are joined with the notification log by
 * their idempotency key, for language, recipient, delivery status and cost.
 */
export async function buildAuditEntries(sources: HistorySources): Promise<AuditEntry[]> {
  const walk = new HistoryWalk(sources);
  for (const event of sources.events) {
    await walk.visit(event);
  }
  return walk.finish();
}

class HistoryWalk {
  private readonly entries: Array<Draft<AuditEntry>> = [];
  private readonly notificationsByKey: Map<string, LoggedNotification>;
  private readonly notificationsById: Map<string, LoggedNotification>;
  private readonly messagesByScheduledId = new Map<number, Draft<MessageEntry>>();
  /** The last failed attempt of each message (kind and sequence), to spot a fallback to the next channel. */
  private readonly failedAttempts = new Map<string, FailedAttempt>();
  private readonly openUpdates = new Map<string, Draft<ClerkActionEntry>>();
  private readonly timers = new Map<string, Draft<TimerEntry>>();
  private steps: ScheduledStep[] = [];
  /** When the document became ready, on the workflow's clock, from the ReadyAt search attribute. */
  private readyAtMs: number | null = null;
  /** The message due most recently: the pickup notice once the case is ready, then each step whose timer fired. */
  private lastDueStep: PickupStep | null = null;
  private currentStatus: string | null = null;
  /** Actor of a documentArrived signal waiting for its workflow task, and of the one the current task handles. */
  private signalActorPending: string | null = null;
  private signalActorInTask: string | null = null;
  /** Start of the latest workflow task, which is what Date.now() returns inside the workflow during that task. */
  private workflowClockMs: number | null = null;
  private final: Draft<FinalStateEntry> | null = null;

  constructor(private readonly sources: HistorySources) {
    this.notificationsByKey = new Map(sources.notifications.map((notification) => [notification.key, notification]));
    this.notificationsById = new Map(sources.notifications.map((notification) => [notification.id, notification]));
  }

  async visit(event: HistoryEvent): Promise<void> {
    const at = isoTime(eventTime(event.eventTime));
    const eventId = toNumber(event.eventId);

    switch (event.eventType) {
      case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED:
        return this.started(event, at, eventId);
      case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED:
        return this.updateAccepted(event, at, eventId);
      case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED:
        return this.updateCompleted(event, at);
      case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED:
        return this.signalled(event, at, eventId);
      case EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED:
        this.signalActorInTask = this.signalActorPending;
        this.signalActorPending = null;
        this.workflowClockMs = Date.parse(at);
        return;
      case EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES:
        return this.searchAttributesChanged(event, at, eventId);
      case EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED:
        return this.activityScheduled(event, at, eventId);
      case EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED:
        return this.activityStarted(event);
      case EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED:
        return this.activityCompleted(event, at);
      case EventType.EVENT_TYPE_ACTIVITY_TASK_FAILED:
      case EventType.EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT:
      case EventType.EVENT_TYPE_ACTIVITY_TASK_CANCELED:
        return this.activityEnded(event, at);
      case EventType.EVENT_TYPE_TIMER_STARTED:
      case EventType.EVENT_TYPE_TIMER_FIRED:
      case EventType.EVENT_TYPE_TIMER_CANCELED:
        return this.timer(event, at, eventId);
      default:
        return this.closed(event, at, eventId);
    }
  }

  finish(): AuditEntry[] {
    const final: Draft<FinalStateEntry> = this.final ?? {
      type: 'final-state',
      at: this.sources.now.toISOString(),
      eventId: null,
      workflowStatus: 'running',
      status: this.currentStatus,
      closedAt: null,
      remindersSent: this.countSentReminders(),
      detail: null,
    };
    return [...this.entries, final].map((entry, index) => ({ ...entry, position: index + 1 }) as AuditEntry);
  }

  private async started(event: HistoryEvent, at: string, eventId: number | null): Promise<void> {
    const attributes = event.workflowExecutionStartedEventAttributes;
    const input = ((await this.sources.decoder.first(attributes?.input)) ?? {}) as StartInput;
    this.steps = pickupSteps(input);
    this.currentStatus = stringOrNull(this.sources.decoder.searchAttribute(attributes?.searchAttributes?.indexedFields, 'CaseStatus'));
    this.entries.push({
      type: 'registered',
      at,
      eventId,
      actor: stringOrNull(input.registeredBy),
      reference: stringOrNull(input.reference),
      documentType: stringOrNull(input.documentType),
      office: stringOrNull(input.office),
      preferredChannel: stringOrNull(input.preferredChannel),
      status: this.currentStatus,
    });
  }

  private async updateAccepted(event: HistoryEvent, at: string, eventId: number | null): Promise<void> {
    const request = event.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest;
    const name = request?.input?.name ?? 'unknown';
    // Only named fields are read from the arguments, because any other field could hold personal data.
    const [firstArgument] = await this.sources.decoder.values(request?.input?.args);
    const argument = (firstArgument ?? {}) as { actor?: unknown; reason?: unknown; changedFields?: unknown; preferredChannel?: unknown };
    const changedFields = Array.isArray(argument.changedFields)
      ? argument.changedFields.filter((field): field is string => typeof field === 'string' && contactFields.includes(field))
      : null;
    const entry: Draft<ClerkActionEntry> = {
      type: 'clerk-action',
      at,
      eventId,
      action: clerkActionNames[name] ?? name,
      update: name,
      via: 'update',
      actor: stringOrNull(argument.actor),
      reason: name === 'cancelCase' ? this.sources.redact(stringOrNull(argument.reason)) : null,
      changedFields: name === 'changeContact' ? changedFields : null,
      preferredChannel: name === 'changeContact' && isChannel(argument.preferredChannel) ? argument.preferredChannel : null,
      batchId: null,
      updateId: request?.meta?.updateId ?? null,
      completedAt: null,
      outcome: 'accepted',
      failureType: null,
    };
    this.entries.push(entry);
    if (entry.updateId) {
      this.openUpdates.set(entry.updateId, entry);
    }
  }

  /** Records a delivery list's documentArrived and a failed delivery receipt; other signals are not part of the audit. */
  private async signalled(event: HistoryEvent, at: string, eventId: number | null): Promise<void> {
    const attributes = event.workflowExecutionSignaledEventAttributes;
    const name = attributes?.signalName ?? '';
    if (name === 'documentArrived') {
      const argument = ((await this.sources.decoder.first(attributes?.input)) ?? {}) as { actor?: unknown; batchId?: unknown };
      const actor = stringOrNull(argument.actor);
      this.signalActorPending = actor;
      this.entries.push({
        type: 'clerk-action',
        at,
        eventId,
        action: clerkActionNames[name] ?? name,
        update: name,
        via: 'signal',
        actor,
        reason: null,
        changedFields: null,
        preferredChannel: null,
        batchId: stringOrNull(argument.batchId),
        updateId: null,
        completedAt: null,
        outcome: 'signalled',
        failureType: null,
      });
      return;
    }

    if (name === 'deliveryFailed') {
      const failure = ((await this.sources.decoder.first(attributes?.input)) ?? {}) as DeliveryFailureSignal;
      if (!isChannel(failure.channel)) {
        return;
      }
      const kind = failure.kind ?? MessageKind.PickupNotice;
      const sequence = typeof failure.sequence === 'number' ? failure.sequence : 0;
      const deliveryStatus = stringOrNull(failure.status);
      this.entries.push({ type: 'delivery-failed', at, eventId, kind, sequence, channel: failure.channel, notificationId: stringOrNull(failure.notificationId), deliveryStatus });
      this.failedAttempts.set(`${kind}-${sequence}`, { channel: failure.channel, failureType: null, deliveryStatus });
    }
  }

  private updateCompleted(event: HistoryEvent, at: string): void {
    const attributes = event.workflowExecutionUpdateCompletedEventAttributes;
    const updateId = attributes?.meta?.updateId ?? '';
    const entry = this.openUpdates.get(updateId);
    if (!entry) {
      return;
    }
    const failure = attributes?.outcome?.failure;
    entry.completedAt = at;
    entry.outcome = failure ? 'failed' : 'completed';
    entry.failureType = failure?.applicationFailureInfo?.type ?? null;
    this.openUpdates.delete(updateId);
  }

  private searchAttributesChanged(event: HistoryEvent, at: string, eventId: number | null): void {
    const fields = event.upsertWorkflowSearchAttributesEventAttributes?.searchAttributes?.indexedFields;
    const readyAt = this.sources.decoder.searchAttribute(fields, 'ReadyAt');
    if (readyAt !== undefined) {
      this.readyAtMs = readyAt instanceof Date ? readyAt.getTime() : Date.parse(String(readyAt));
      this.lastDueStep = { kind: MessageKind.PickupNotice, sequence: 1 };
    }
    const status = stringOrNull(this.sources.decoder.searchAttribute(fields, 'CaseStatus'));
    if (!status) {
      return;
    }
    this.currentStatus = status;
    // A status set while exactly one clerk action runs, or in the task that handled a delivery list's signal, was set by that clerk.
    const running = [...this.openUpdates.values()];
    const actor = running.length === 1 ? (running[0]?.actor ?? null) : this.signalActorInTask;
    this.entries.push({ type: 'status-change', at, eventId, status, actor });
  }

  private async activityScheduled(event: HistoryEvent, at: string, eventId: number | null): Promise<void> {
    const attributes = event.activityTaskScheduledEventAttributes;
    const channel = sendActivities[attributes?.activityType?.name ?? ''];
    if (!channel || eventId === null) {
      return;
    }
    const request = ((await this.sources.decoder.first(attributes?.input)) ?? {}) as ActivityRequest;
    const kind = request.kind ?? MessageKind.PickupNotice;
    const sequence = typeof request.sequence === 'number' ? request.sequence : 0;
    const messageKey = `${kind}-${sequence}`;

    const failed = this.failedAttempts.get(messageKey);
    if (failed && failed.channel !== channel) {
      this.entries.push({
        type: 'fallback',
        at,
        eventId,
        kind,
        sequence,
        fromChannel: failed.channel,
        toChannel: channel,
        failureType: failed.failureType,
        deliveryStatus: failed.deliveryStatus,
      });
      this.failedAttempts.delete(messageKey);
    }

    const logged = this.notificationsByKey.get(notificationKey(request.caseId ?? this.sources.caseId, kind, sequence, channel));
    const entry: Draft<MessageEntry> = {
      type: 'message',
      at,
      eventId,
      kind,
      sequence,
      channel,
      template: null,
      language: null,
      recipient: null,
      outcome: 'scheduled',
      completedAt: null,
      attempts: null,
      notificationId: null,
      providerMessageId: null,
      encoding: null,
      segments: null,
      costCents: null,
      deliveryStatus: null,
      deliveredAt: null,
      duplicate: null,
      failureType: null,
      failureMessage: null,
    };
    this.joinLog(entry, logged);
    this.entries.push(entry);
    this.messagesByScheduledId.set(eventId, entry);
  }

  /** Copies what only the notification log contains: language, masked recipient, delivery receipt and the recorded cost. */
  private joinLog(entry: Draft<MessageEntry>, logged: LoggedNotification | undefined): void {
    if (!logged) {
      return;
    }
    entry.notificationId = logged.id;
    entry.language = logged.language;
    entry.template = logged.language ? `${logged.language}/${entry.channel}/${entry.kind}` : null;
    entry.recipient = logged.recipient;
    entry.providerMessageId = logged.providerMessageId ?? entry.providerMessageId;
    entry.encoding = logged.encoding ?? entry.encoding;
    entry.segments = logged.segments ?? entry.segments;
    entry.costCents = logged.costCents ?? entry.costCents;
    entry.deliveryStatus = logged.deliveryStatus;
    entry.deliveredAt = logged.deliveredAt?.toISOString() ?? null;
  }

  private activityStarted(event: HistoryEvent): void {
    const attributes = event.activityTaskStartedEventAttributes;
    const entry = this.messagesByScheduledId.get(toNumber(attributes?.scheduledEventId) ?? -1);
    if (entry) {
      entry.attempts = attributes?.attempt ?? null;
    }
  }

  private async activityCompleted(event: HistoryEvent, at: string): Promise<void> {
    const attributes = event.activityTaskCompletedEventAttributes;
    const entry = this.messagesByScheduledId.get(toNumber(attributes?.scheduledEventId) ?? -1);
    if (!entry) {
      return;
    }
    const result = ((await this.sources.decoder.first(attributes?.result)) ?? {}) as ActivityResult;
    entry.outcome = 'sent';
    entry.completedAt = at;
    entry.providerMessageId = stringOrNull(result.providerMessageId);
    entry.encoding = stringOrNull(result.encoding);
    entry.segments = typeof result.segments === 'number' ? result.segments : null;
    entry.costCents = typeof result.costCents === 'number' ? result.costCents : null;
    entry.duplicate = typeof result.duplicate === 'boolean' ? result.duplicate : null;

    // The log row named in the result wins over the one found by key; both are the same row unless the log was edited.
    const logged = (result.notificationId ? this.notificationsById.get(result.notificationId) : undefined) ?? this.notificationsById.get(entry.notificationId ?? '');
    this.joinLog(entry, logged);
    this.failedAttempts.delete(`${entry.kind}-${entry.sequence}`);
  }

  private activityEnded(event: HistoryEvent, at: string): void {
    const attributes =
      event.activityTaskFailedEventAttributes ?? event.activityTaskTimedOutEventAttributes ?? event.activityTaskCanceledEventAttributes;
    const entry = this.messagesByScheduledId.get(toNumber(attributes?.scheduledEventId) ?? -1);
    if (!entry) {
      return;
    }
    entry.completedAt = at;
    if (event.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_CANCELED) {
      entry.outcome = 'cancelled';
      return;
    }
    const failure = event.activityTaskFailedEventAttributes?.failure ?? event.activityTaskTimedOutEventAttributes?.failure;
    entry.outcome = event.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_FAILED ? 'failed' : 'timed-out';
    entry.failureType = failure?.applicationFailureInfo?.type ?? null;
    entry.failureMessage = this.sources.redact(failure?.message ?? null);
    this.failedAttempts.set(`${entry.kind}-${entry.sequence}`, { channel: entry.channel, failureType: entry.failureType, deliveryStatus: null });
  }

  private timer(event: HistoryEvent, at: string, eventId: number | null): void {
    if (event.eventType === EventType.EVENT_TYPE_TIMER_STARTED) {
      const attributes = event.timerStartedEventAttributes;
      // The workflow computed the timeout from its own clock, so the due time counts from the task's start, not from this event.
      const timeoutMs = durationMs(attributes?.startToFireTimeout);
      const startedMs = this.workflowClockMs ?? Date.parse(at);
      const dueAtMs = timeoutMs === null ? null : startedMs + timeoutMs;
      const step = this.stepDueAt(dueAtMs);
      let purpose: TimerEntry['purpose'] = null;
      if (step) {
        purpose = 'pickup-step';
      } else if (this.lastDueStep) {
        purpose = 'sending-hours';
      }
      // NOTE: history does not name a timer's purpose. One due at a step's time waits for that step; any other waits for the office's
      // sending hours before the message due last. An overdue step, which the workflow waits for 1 ms, is therefore labelled sending-hours.
      const started: Draft<TimerEntry> = {
        type: 'timer-started',
        at,
        eventId,
        timerId: attributes?.timerId ?? '',
        dueAt: dueAtMs === null ? null : new Date(dueAtMs).toISOString(),
        waitsFor: step ?? this.lastDueStep,
        purpose,
      };
      this.timers.set(started.timerId, started);
      this.entries.push(started);
      return;
    }

    const timerId = event.timerFiredEventAttributes?.timerId ?? event.timerCanceledEventAttributes?.timerId ?? '';
    const started = this.timers.get(timerId);
    const fired = event.eventType === EventType.EVENT_TYPE_TIMER_FIRED;
    if (fired && started?.purpose === 'pickup-step') {
      this.lastDueStep = started.waitsFor;
    }
    this.entries.push({
      type: fired ? 'timer-fired' : 'timer-cancelled',
      at,
      eventId,
      timerId,
      dueAt: started?.dueAt ?? null,
      waitsFor: started?.waitsFor ?? null,
      purpose: started?.purpose ?? null,
    });
  }

  /** Returns the pickup step due at the given moment, or null when none is. */
  private stepDueAt(dueAtMs: number | null): PickupStep | null {
    if (dueAtMs === null || this.readyAtMs === null) {
      return null;
    }
    const readyAtMs = this.readyAtMs;
    const step = this.steps.find((candidate) => Math.abs(readyAtMs + candidate.delayMs - dueAtMs) <= stepMatchToleranceMs);
    return step ? { kind: step.kind, sequence: step.sequence } : null;
  }

  /** Records how the workflow closed; every other event type is not part of the audit. */
  private async closed(event: HistoryEvent, at: string, eventId: number | null): Promise<void> {
    const base = { type: 'final-state' as const, at, eventId, status: this.currentStatus, closedAt: null, remindersSent: this.countSentReminders(), detail: null };
    switch (event.eventType) {
      case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED: {
        const result = ((await this.sources.decoder.first(event.workflowExecutionCompletedEventAttributes?.result)) ?? {}) as WorkflowResult;
        this.final = {
          ...base,
          workflowStatus: 'completed',
          status: stringOrNull(result.status) ?? this.currentStatus,
          closedAt: stringOrNull(result.closedAt),
          remindersSent: typeof result.remindersSent === 'number' ? result.remindersSent : base.remindersSent,
        };
        return;
      }
      case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_FAILED:
        this.final = { ...base, workflowStatus: 'failed', detail: this.sources.redact(event.workflowExecutionFailedEventAttributes?.failure?.message ?? null) };
        return;
      case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_TERMINATED:
        this.final = { ...base, workflowStatus: 'terminated', detail: this.sources.redact(event.workflowExecutionTerminatedEventAttributes?.reason ?? null) };
        return;
      case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CANCELED:
        this.final = { ...base, workflowStatus: 'cancelled' };
        return;
      case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_TIMED_OUT:
        this.final = { ...base, workflowStatus: 'timed-out' };
        return;
      case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW:
        this.final = { ...base, workflowStatus: 'continued-as-new' };
        return;
    }
  }

  private countSentReminders(): number {
    return this.entries.filter((entry) => entry.type === 'message' && entry.kind === MessageKind.Reminder && entry.outcome === 'sent').length;
  }
}
