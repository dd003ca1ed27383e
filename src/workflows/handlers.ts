import { ApplicationFailure, setHandler } from '@temporalio/workflow';
import { CaseStatus, isFinalStatus } from '../domain/caseStatus';
import { UpdateRejection } from '../domain/failureTypes';
import { transition } from './caseState';
import { cancelCase, getCaseState, markCollected, markReady, type CaseState } from './messages';

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
}
