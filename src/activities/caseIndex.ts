import type { CaseStatus } from '../domain/caseStatus';
import { isFinalStatus } from '../domain/caseStatus';
import { CaseModel } from '../store/caseModel';

export interface CaseStatusChange {
  caseId: string;
  status: CaseStatus;
  at: string;
  readyAt: string | null;
  remindersSent: number;
}

/** Writes a status change into the case index that the API lists and searches. Safe to repeat. */
export async function recordCaseStatus(change: CaseStatusChange): Promise<void> {
  await CaseModel.updateOne(
    { _id: change.caseId },
    {
      $set: {
        status: change.status,
        readyAt: change.readyAt ? new Date(change.readyAt) : null,
        closedAt: isFinalStatus(change.status) ? new Date(change.at) : null,
        remindersSent: change.remindersSent,
      },
    },
  );
}
