import { allHandlersFinished, condition, log, patched, sleep } from '@temporalio/workflow';
import { CaseStatus, isFinalStatus } from '../domain/caseStatus';
import { MessageKind } from '../domain/messageKinds';
import { nextSendingMoment } from '../domain/officeCalendar';
import type { CaseInput, CasePolicy } from '../domain/policy';
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

  await notify(state, policy, MessageKind.PickupNotice, 1);

  // Each reminder waits for its delay after "ready"; collection or cancellation ends the wait early.
  for (const [index, delayMs] of policy.reminderDelaysMs.entries()) {
    if (!(await waitUncollectedUntil(state, MessageKind.Reminder, index + 1, readyAt + delayMs))) {
      return;
    }
    await notify(state, policy, MessageKind.Reminder, index + 1);
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
  await notify(state, policy, MessageKind.ReturnedUncollected, 1);
}

/** Marks histories recorded after SMS and e-mail started to respect the office calendar. */
const officeCalendarPatch = 'office-calendar';

/**
 * Sends one message to the citizen. SMS and e-mail wait for the office's
 * next sending moment: a reminder due on a Sunday, a public holiday, a
 * closing day or at night goes out when the office may write again. Letters
 * go to the mail room's queue at once.
 */
async function notify(state: CaseState, policy: CasePolicy, kind: MessageKind, sequence: number): Promise<void> {
  if (patched(officeCalendarPatch) && policy.calendar && state.preferredChannel !== 'letter') {
    const sendAtMs = nextSendingMoment(Date.now(), policy.calendar);
    if (sendAtMs > Date.now() && !(await waitForSendingMoment(state, kind, sequence, sendAtMs))) {
      return;
    }
  }
  recordNotices(state, await sendWithFallback(state.caseId, kind, sequence, state.preferredChannel));
}

/**
 * Waits for the sending moment. The returned-uncollected notice is sent
 * although the case is already closed; every other message is dropped when
 * the case closes while it waits.
 */
async function waitForSendingMoment(state: CaseState, kind: MessageKind, sequence: number, sendAtMs: number): Promise<boolean> {
  if (kind !== MessageKind.ReturnedUncollected) {
    return waitUncollectedUntil(state, kind, sequence, sendAtMs);
  }
  state.nextMessage = { kind, sequence, dueAt: new Date(sendAtMs).toISOString() };
  describeCase(state);
  await sleep(sendAtMs - Date.now());
  state.nextMessage = null;
  return true;
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
  const closed = await condition(() => isFinalStatus(state.status), remainingMs, { summary: `${kind} ${sequence} due` });
  if (!closed) {
    state.nextMessage = null;
  }
  return !closed;
}
