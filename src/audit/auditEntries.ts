import type { Channel } from '../domain/channels';
import type { MessageKind } from '../domain/messageKinds';

/**
 * One step of a case as workflow history records it. Every entry carries the
 * time and id of the history event it comes from, so an auditor can find the
 * same step with `temporal workflow show`.
 *
 * - registered: the workflow started; the actor is the clerk who registered the case;
 * - clerk-action: an update a clerk sent (ready, collected, cancel, contact-change) that the
 *   workflow accepted, or a delivery list's documentArrived signal;
 * - delivery-failed: a delivery receipt reported that a sent message never arrived;
 * - status-change: the CaseStatus search attribute changed;
 * - message: one attempt to send a notice, reminder or letter through one channel;
 * - fallback: a channel failed for good, or its delivery failed, and the same message went to the next channel;
 * - timer-started, timer-fired, timer-cancelled: a wait for the next message or the pickup deadline;
 * - final-state: how the workflow ended, or its state now while it still runs.
 */
export type AuditEntry =
  | RegisteredEntry
  | ClerkActionEntry
  | StatusChangeEntry
  | MessageEntry
  | DeliveryFailedEntry
  | FallbackEntry
  | TimerEntry
  | FinalStateEntry;

interface EntryBase {
  /** Position in the audit, from 1. */
  position: number;
  at: string;
  /** History event id; null only for the state of a workflow that still runs. */
  eventId: number | null;
}

export interface RegisteredEntry extends EntryBase {
  type: 'registered';
  actor: string | null;
  reference: string | null;
  documentType: string | null;
  office: string | null;
  preferredChannel: string | null;
  status: string | null;
}

/** Clerk actions by their update or signal name; an unknown update keeps its name. */
export const clerkActionNames: Record<string, string> = {
  markReady: 'ready',
  markCollected: 'collected',
  cancelCase: 'cancel',
  changeContact: 'contact-change',
  documentArrived: 'ready',
};

export interface ClerkActionEntry extends EntryBase {
  type: 'clerk-action';
  action: string;
  /** The update or signal name in history. */
  update: string;
  /** update: a clerk's request through the API, which returns a result; signal: a delivery list, which gets none. */
  via: 'update' | 'signal';
  actor: string | null;
  /** The cancellation reason, with personal data removed. */
  reason: string | null;
  /** Names of the contact fields a contact change touched; history never contains their values. */
  changedFields: string[] | null;
  /** The preferred channel after a contact change. */
  preferredChannel: string | null;
  /** The delivery list that reported the document. */
  batchId: string | null;
  updateId: string | null;
  completedAt: string | null;
  /** accepted: still running; completed: the handler finished; failed: the handler raised an error; signalled: a signal, which has no outcome. */
  outcome: 'accepted' | 'completed' | 'failed' | 'signalled';
  failureType: string | null;
}

export interface StatusChangeEntry extends EntryBase {
  type: 'status-change';
  status: string;
  /** The clerk whose action was running when the status changed; null when the workflow itself changed it (pickup deadline). */
  actor: string | null;
}

export interface MessageEntry extends EntryBase {
  type: 'message';
  kind: MessageKind;
  sequence: number;
  channel: Channel;
  /** Template path under templates/: language/channel/kind. Null when the notification log has no row for this attempt. */
  template: string | null;
  language: string | null;
  /** Masked recipient from the notification log. */
  recipient: string | null;
  /** scheduled: no result yet; sent: the provider accepted it; failed, timed-out, cancelled: it did not go out on this channel. */
  outcome: 'scheduled' | 'sent' | 'failed' | 'timed-out' | 'cancelled';
  completedAt: string | null;
  attempts: number | null;
  notificationId: string | null;
  providerMessageId: string | null;
  encoding: string | null;
  segments: number | null;
  costCents: number | null;
  /** Delivery receipt status from the provider, when the notification log has one. */
  deliveryStatus: string | null;
  deliveredAt: string | null;
  /** True when an earlier attempt had already sent the message, so this one sent nothing. */
  duplicate: boolean | null;
  failureType: string | null;
  failureMessage: string | null;
}

export interface DeliveryFailedEntry extends EntryBase {
  type: 'delivery-failed';
  kind: MessageKind;
  sequence: number;
  channel: Channel;
  notificationId: string | null;
  deliveryStatus: string | null;
}

export interface FallbackEntry extends EntryBase {
  type: 'fallback';
  kind: MessageKind;
  sequence: number;
  fromChannel: Channel;
  toChannel: Channel;
  /** The permanent failure type when sending failed; null when a delivery receipt reported the failure. */
  failureType: string | null;
  /** The receipt status when delivery failed after sending; null when sending itself failed. */
  deliveryStatus: string | null;
}

/** The message or deadline a timer of the pickup period waits for: a reminder, the escalation letter or the pickup deadline. */
export interface PickupStep {
  kind: MessageKind;
  sequence: number;
}

export interface TimerEntry extends EntryBase {
  type: 'timer-started' | 'timer-fired' | 'timer-cancelled';
  timerId: string;
  dueAt: string | null;
  waitsFor: PickupStep | null;
  /** pickup-step: the wait for a reminder, the letter or the deadline; sending-hours: the wait for the office's next sending moment. */
  purpose: 'pickup-step' | 'sending-hours' | null;
}

export interface FinalStateEntry extends EntryBase {
  type: 'final-state';
  /** The Temporal execution status: running, completed, failed, terminated, cancelled, timed-out or continued-as-new. */
  workflowStatus: string;
  status: string | null;
  closedAt: string | null;
  remindersSent: number | null;
  /** Reason the workflow failed or was terminated, with personal data removed. */
  detail: string | null;
}

/** The audit of one case. */
export interface CaseAudit {
  caseId: string;
  reference: string;
  documentType: string;
  office: string;
  /** The workflow id, which is the case id; the audit reads its latest run. */
  workflowId: string;
  generatedAt: string;
  entries: AuditEntry[];
}
