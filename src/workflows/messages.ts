import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { CaseStatus } from '../domain/caseStatus';
import type { Channel } from '../domain/channels';
import type { MessageKind } from '../domain/messageKinds';

/** Who performed a clerk action; recorded in workflow history with the action. */
export interface ClerkAction {
  actor: string;
}

export interface CancelRequest extends ClerkAction {
  reason: string;
}

/**
 * A contact change as history records it: which fields the clerk changed,
 * never their values, because the values are personal data kept in MongoDB.
 */
export interface ContactChange extends ClerkAction {
  changedFields: Array<'mobile' | 'email' | 'address' | 'preferredChannel'>;
  preferredChannel: Channel;
}

/** A provider reported after sending that a message never reached the citizen. */
export interface DeliveryFailure {
  notificationId: string;
  kind: MessageKind;
  sequence: number;
  channel: Channel;
  status: string;
}

export interface TimelineEntry {
  at: string;
  event: string;
  actor?: string;
  detail?: string;
}

export interface NoticeRecord {
  kind: MessageKind;
  sequence: number;
  channel: Channel;
  outcome: 'sent' | 'failed';
  at: string;
  failureType?: string;
}

export interface CaseState {
  caseId: string;
  reference: string;
  documentType: string;
  office: string;
  preferredChannel: Channel;
  status: CaseStatus;
  readyAt: string | null;
  closedAt: string | null;
  remindersSent: number;
  nextMessage: { kind: MessageKind; sequence: number; dueAt: string } | null;
  timeline: TimelineEntry[];
  notices: NoticeRecord[];
}

/** The document arrived at the office; rejected unless the case awaits production. */
export const markReady = defineUpdate<CaseState, [ClerkAction]>('markReady');

/** The citizen collected the document; rejected unless it is ready for pickup. */
export const markCollected = defineUpdate<CaseState, [ClerkAction]>('markCollected');

/** The application is withdrawn; rejected once the case is closed. */
export const cancelCase = defineUpdate<CaseState, [CancelRequest]>('cancelCase');

/** The document arrived, reported by a delivery list; ignored unless the case awaits production. */
export const documentArrived = defineSignal<[ClerkAction & { batchId: string }]>('documentArrived');

/** Contact data changed in MongoDB; the workflow records it and uses the new preferred channel. */
export const changeContact = defineUpdate<CaseState, [ContactChange]>('changeContact');

/** A delivery receipt reported failure; the workflow sends the message through the next channel. */
export const deliveryFailed = defineSignal<[DeliveryFailure]>('deliveryFailed');

export const getCaseState = defineQuery<CaseState>('getCaseState');
