import type { Client } from '@temporalio/client';
import { WorkflowNotFoundError } from '@temporalio/common';
import { CaseError, isUnavailableError } from '../cases/caseErrors';
import { logger } from '../logging';
import { CaseModel } from '../store/caseModel';
import { NotificationModel } from '../store/notificationModel';
import type { CaseAudit } from './auditEntries';
import { HistoryDecoder } from './historyDecoder';
import { buildAuditEntries } from './historyAudit';
import { toLoggedNotification } from './loggedNotification';
import { createRedactor } from './redaction';

/** Builds the audit of a case from its workflow history and the notification log. */
export class AuditService {
  constructor(private readonly client: Client) {}

  /**
   * Returns the audit of one case. The case index decides whether the case
   * exists. A case whose history the server no longer keeps raises
   * history_not_found, and an unreachable Temporal or MongoDB raises unavailable.
   */
  async auditCase(caseId: string): Promise<CaseAudit> {
    const record = await this.withStoreErrors(() => CaseModel.findById(caseId).lean());
    if (!record) {
      throw new CaseError('not_found', 'not_found');
    }

    const handle = this.client.workflow.getHandle(caseId);
    let history;
    try {
      history = await handle.fetchHistory();
    } catch (error) {
      throw this.temporalError(caseId, error);
    }

    const documents = await this.withStoreErrors(() => NotificationModel.find({ caseId }).lean());
    const events = history.events ?? [];
    const entries = await buildAuditEntries({
      caseId,
      events,
      decoder: new HistoryDecoder(this.client.options.loadedDataConverter, caseId),
      notifications: documents.map((document) => toLoggedNotification(document as unknown as Record<string, unknown>)),
      redact: createRedactor(record),
      now: new Date(),
    });

    logger.info({ caseId, events: events.length, entries: entries.length }, 'Audit built from workflow history');
    return {
      caseId,
      reference: record.reference,
      documentType: record.documentType,
      office: record.office,
      workflowId: caseId,
      generatedAt: new Date().toISOString(),
      entries,
    };
  }

  private temporalError(caseId: string, error: unknown): Error {
    // fetchHistory raises the raw gRPC error, where code 5 is NOT_FOUND.
    if (error instanceof WorkflowNotFoundError || (error as { code?: number }).code === 5) {
      logger.warn({ caseId }, 'Case exists in the case index but Temporal has no history for it');
      return new CaseError('not_found', 'history_not_found');
    }
    if (isUnavailableError(error)) {
      logger.warn({ caseId, err: (error as Error).message }, 'Temporal unreachable while building an audit');
      return new CaseError('unavailable', 'service_unavailable');
    }
    return error as Error;
  }

  private async withStoreErrors<T>(query: () => Promise<T>): Promise<T> {
    try {
      return await query();
    } catch (error) {
      if (isUnavailableError(error)) {
        throw new CaseError('unavailable', 'service_unavailable');
      }
      throw error;
    }
  }
}
