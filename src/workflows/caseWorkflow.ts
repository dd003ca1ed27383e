import { allHandlersFinished, condition, log } from '@temporalio/workflow';
import { CaseStatus, isFinalStatus } from '../domain/caseStatus';
import { MessageKind } from '../domain/messageKinds';
import type { CaseInput } from '../domain/policy';
import { describeCase, initialCaseState, recordNotices, transition } from './caseState';
import { registerCaseHandlers } from './handlers';
import type { CaseState } from './messages';
import { sendWithFallback } from './notify';

/**
 * One application for an identity document, from registration until the
 * citizen collects it, the clerk cancels it or the pickup deadline passes.
 * The workflow id is the case id, so the same case can never run twice.
 */
export async function caseWorkflow(input: CaseInput): Promise<CaseState> {
  const state = initialCaseState(input);
  registerCaseHandlers(state);
  describeCase(state);

  // Production happens elsewhere; a clerk or a delivery list marks the case ready.
  await condition(() => state.status !== CaseStatus.AwaitingProduction);

  if (state.status === CaseStatus.ReadyForPickup) {
    await runPickupPeriod(input, state);
  }

  await condition(allHandlersFinished);
  log.info('Case closed', { caseId: state.caseId, status: state.status });
  return state;
}

/** Notifies the citizen, reminds them while the document waits, and closes the case at the deadline. */
async function runPickupPeriod(input: CaseInput, state: CaseState): Promise<void> {
  const { policy } = input;
  const readyAt = Date.parse(state.readyAt ?? new Date().toISOString());

  await notify(state, MessageKind.PickupNotice, 1);

  // Each reminder waits for its delay after "ready"; collection or cancellation ends the wait early.
  for (const [index, delayMs] of policy.reminderDelaysMs.entries()) {
    if (!(await waitUncollectedUntil(state, MessageKind.Reminder, index + 1, readyAt + delayMs))) {
      return;
    }
    await notify(state, MessageKind.Reminder, index + 1);
  }

  // The escalation is always a letter, whatever channel the citizen chose.
  if (!(await waitUncollectedUntil(state, MessageKind.EscalationLetter, 1, readyAt + policy.letterAfterMs))) {
    return;
  }
  recordNotices(state, await sendWithFallback(state.caseId, MessageKind.EscalationLetter, 1, 'letter'));

  if (!(await waitUncollectedUntil(state, MessageKind.ReturnedUncollected, 1, readyAt + policy.pickupDeadlineMs))) {
    return;
  }
  await transition(state, CaseStatus.ReturnedUncollected);
  await notify(state, MessageKind.ReturnedUncollected, 1);
}

async function notify(state: CaseState, kind: MessageKind, sequence: number): Promise<void> {
  recordNotices(state, await sendWithFallback(state.caseId, kind, sequence, state.preferredChannel));
}

/**
 * Waits until the given moment unless the case closes first. Returns true
 * when the moment came with the document still uncollected.
 */
async function waitUncollectedUntil(state: CaseState, kind: MessageKind, sequence: number, dueAtMs: number): Promise<boolean> {
  if (isFinalStatus(state.status)) {
    return false;
  }
  state.nextMessage = { kind, sequence, dueAt: new Date(dueAtMs).toISOString() };
  describeCase(state);

  // A zero timeout would not start a timer, so an overdue step waits one millisecond.
  const remainingMs = Math.max(dueAtMs - Date.now(), 1);
  const closed = await condition(() => isFinalStatus(state.status), remainingMs);
  if (!closed) {
    state.nextMessage = null;
  }
  return !closed;
}
