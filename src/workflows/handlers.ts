import { ApplicationFailure, setHandler, upsertSearchAttributes } from '@temporalio/workflow';
import { fallbackChain } from '../domain/channels';
import { PreferredChannelKey } from '../domain/searchAttributes';
import { CaseStatus, isFinalStatus } from '../domain/caseStatus';
import { UpdateRejection } from '../domain/failureTypes';
import { describeCase, recordNotices, transition } from './caseState';
import { cancelCase, changeContact, deliveryFailed, documentArrived, getCaseState, markCollected, markReady, type CaseState, type DeliveryFailure } from './messages';
import { sendWithFallback } from './notify';

function reject(type: UpdateRejection, message: string): never {
  throw ApplicationFailure.nonRetryable(message, type);
}

/**
 * Registers the clerk actions and the status query. Validators reject an
 * action that does not fit the current status, and a rejected update leaves
 * no trace in workflow history.
 */
export function registerCaseHandlers(state: CaseState): void {
  setHandler(getCaseState, () => state);

  setHandler(
    markReady,
    async ({ actor }) => {
      await transition(state, CaseStatus.ReadyForPickup, actor);
      return state;
    },
    {
      validator: (_action) => {
        if (state.status !== CaseStatus.AwaitingProduction) {
          reject(UpdateRejection.NotAwaitingProduction, `case is ${state.status}, not awaiting production`);
        }
      },
    },
  );

  // A delivery list checked the status before signalling, but a clerk may have acted since.
  setHandler(documentArrived, async ({ actor, batchId }) => {
    if (state.status === CaseStatus.AwaitingProduction) {
      await transition(state, CaseStatus.ReadyForPickup, actor, `production batch ${batchId}`);
    }
  });

  setHandler(
    markCollected,
    async ({ actor }) => {
      await transition(state, CaseStatus.Collected, actor);
      return state;
    },
    {
      validator: (_action) => {
        if (state.status !== CaseStatus.ReadyForPickup) {
          reject(UpdateRejection.NotReadyForPickup, `case is ${state.status}, not ready for pickup`);
        }
      },
    },
  );

  setHandler(
    cancelCase,
    async ({ actor, reason }) => {
      await transition(state, CaseStatus.Cancelled, actor, reason);
      return state;
    },
    {
      validator: (_request) => {
        if (isFinalStatus(state.status)) {
          reject(UpdateRejection.CaseClosed, `case is already ${state.status}`);
        }
      },
    },
  );

  setHandler(
    changeContact,
    ({ actor, changedFields, preferredChannel }) => {
      state.preferredChannel = preferredChannel;
      upsertSearchAttributes([{ key: PreferredChannelKey, value: preferredChannel }]);
      state.timeline.push({ at: new Date().toISOString(), event: 'contact-changed', actor, detail: changedFields.join(', ') });
      describeCase(state);
      return state;
    },
    {
      validator: (_change) => {
        if (isFinalStatus(state.status)) {
          reject(UpdateRejection.CaseClosed, `case is already ${state.status}`);
        }
      },
    },
  );

  const handledFailures = new Set<string>();
  setHandler(deliveryFailed, (failure) => sendAfterDeliveryFailure(state, failure, handledFailures));
}

/**
 * Sends a message again through the channels after the one that failed to
 * deliver. Each failed message falls back once, however many receipts report
 * it (a long SMS has one receipt per part), and nothing is sent once the case
 * is closed.
 */
async function sendAfterDeliveryFailure(state: CaseState, failure: DeliveryFailure, handledFailures: Set<string>): Promise<void> {
  if (handledFailures.has(failure.notificationId) || isFinalStatus(state.status)) {
    return;
  }
  handledFailures.add(failure.notificationId);
  state.timeline.push({ at: new Date().toISOString(), event: 'delivery-failed', detail: `${failure.kind} ${failure.sequence} by ${failure.channel}: ${failure.status}` });

  const next = fallbackChain(failure.channel)[1];
  if (!next) {
    return;
  }
  recordNotices(state, await sendWithFallback(state.caseId, failure.kind, failure.sequence, next));
}
