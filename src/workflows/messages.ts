import { defineQuery, defineUpdate } from '@temporalio/workflow';
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

export const getCaseState = defineQuery<CaseState>('getCaseState');
