import { patched, upsertSearchAttributes, setCurrentDetails } from '@temporalio/workflow';
import { CaseStatus, isFinalStatus } from '../domain/caseStatus';
import type { CaseInput } from '../domain/policy';
import { CaseStatusKey, ReadyAtKey, RemindersSentKey } from '../domain/searchAttributes';
import { localStoreActivities, storeActivities } from './activities';
import type { CaseState, NoticeRecord } from './messages';

export function initialCaseState(input: CaseInput): CaseState {
  return {
    caseId: input.caseId,
    reference: input.reference,
    documentType: input.documentType,
    office: input.office,
    preferredChannel: input.preferredChannel,
    status: CaseStatus.AwaitingProduction,
    readyAt: null,
    closedAt: null,
    remindersSent: 0,
    nextMessage: null,
    timeline: [{ at: new Date().toISOString(), event: 'registered', actor: input.registeredBy }],
    notices: [],
  };
}

/** Marks histories recorded after case index writes became local activities. */
const localCaseIndexPatch = 'case-index-local-activity';

/**
 * Moves the case to a new status: records it in the timeline, the search
 * attributes that managers filter on and the case index in MongoDB. A clerk
 * action's answer waits for the index write, so a list or a delivery list
 * read right after it sees the new status.
 */
export async function transition(state: CaseState, status: CaseStatus, actor?: string, detail?: string): Promise<void> {
  const now = new Date();
  state.status = status;
  state.timeline.push({ at: now.toISOString(), event: status, ...(actor ? { actor } : {}), ...(detail ? { detail } : {}) });

  if (status === CaseStatus.ReadyForPickup) {
    state.readyAt = now.toISOString();
    upsertSearchAttributes([
      { key: CaseStatusKey, value: status },
      { key: ReadyAtKey, value: now },
    ]);
  } else {
    upsertSearchAttributes([{ key: CaseStatusKey, value: status }]);
  }

  if (isFinalStatus(status)) {
    state.closedAt = now.toISOString();
    state.nextMessage = null;
  }
  describeCase(state);

  const store = patched(localCaseIndexPatch) ? localStoreActivities : storeActivities;
  await store.recordCaseStatus({
    caseId: state.caseId,
    status,
    at: now.toISOString(),
    readyAt: state.readyAt,
    remindersSent: state.remindersSent,
  });
}

/** Adds sent notices to the state and keeps the RemindersSent search attribute current. */
export function recordNotices(state: CaseState, attempts: NoticeRecord[]): void {
  state.notices.push(...attempts);
  const reminderSent = attempts.some((attempt) => attempt.kind === 'reminder' && attempt.outcome === 'sent');
  if (reminderSent) {
    state.remindersSent += 1;
    upsertSearchAttributes([{ key: RemindersSentKey, value: state.remindersSent }]);
  }
  describeCase(state);
}

/** Sets the one-line summary the Web UI shows as the workflow's current details. */
export function describeCase(state: CaseState): void {
  const next = state.nextMessage ? `; next: ${state.nextMessage.kind} ${state.nextMessage.sequence} at ${state.nextMessage.dueAt}` : '';
  setCurrentDetails(`**${state.status}** ${state.documentType} at ${state.office}; reminders sent: ${state.remindersSent}${next}`);
}
