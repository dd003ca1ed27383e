import crypto from 'node:crypto';
import { WorkflowUpdateFailedError, WorkflowUpdateRPCTimeoutOrCancelledError, type Client } from '@temporalio/client';
import { ApplicationFailure, WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/common';
import { resolveCasePolicy, type PolicyFile } from '../config/policyFile';
import { CaseStatus } from '../domain/caseStatus';
import { defaultLanguage } from '../domain/languages';
import type { CaseInput, CasePolicy } from '../domain/policy';
import {
  CaseStatusKey,
  DocumentTypeKey,
  OfficeKey,
  PreferredChannelKey,
  RemindersSentKey,
} from '../domain/searchAttributes';
import { logger } from '../logging';
import { countCaseStarted, countUpdateRejected } from '../metrics/apiMetrics';
import { CaseModel, type CaseRecord } from '../store/caseModel';
import { nextSequence } from '../store/counterModel';
import { NotificationModel } from '../store/notificationModel';
import type { ContactChangeBody, RegisterApplicationBody } from '../api/validation/applicationSchema';
import { caseWorkflow } from '../workflows';
import { cancelCase, changeContact, getCaseState, markCollected, markReady, type CaseState, type ContactChange } from '../workflows/messages';
import { CaseError, isUnavailableError } from './caseErrors';
import { toCaseView, type CaseView } from './caseView';

export interface RegisteredCase {
  id: string;
  reference: string;
  status: CaseStatus;
}

const rejectionCodes = new Set(['case_not_awaiting_production', 'case_not_ready_for_pickup', 'case_closed']);

/** Registers cases and carries clerk actions to their workflows. */
export class CaseService {
  constructor(
    private readonly client: Client,
    private readonly taskQueue: string,
    private readonly policy: PolicyFile,
  ) {}

  /**
   * Stores the citizen's data in MongoDB, then starts the workflow with
   * references only. When the workflow cannot start, the stored case is
   * removed again, so a failed request leaves nothing behind.
   */
  async register(body: RegisterApplicationBody, actor: string, idempotencyKey: string | null): Promise<RegisteredCase> {
    if (idempotencyKey) {
      const earlier = await CaseModel.findOne({ idempotencyKey }).lean();
      if (earlier) {
        return { id: earlier._id, reference: earlier.reference, status: CaseStatus.AwaitingProduction };
      }
    }

    const office = body.office ?? this.policy.defaultOffice;
    if (!this.policy.offices[office]) {
      throw new CaseError('invalid', 'unknown_office', 'office');
    }

    const id = crypto.randomUUID();
    const reference = body.reference ?? (await this.generateReference(office));
    const policy = resolveCasePolicy(this.policy, body.documentType, office);
    const record = await this.insertCase(id, reference, office, body, actor, policy, idempotencyKey);

    const input: CaseInput = {
      caseId: id,
      reference,
      documentType: body.documentType,
      office,
      preferredChannel: body.preferredChannel,
      policy,
      registeredBy: actor,
    };
    try {
      await this.client.workflow.start(caseWorkflow, {
        workflowId: id,
        taskQueue: this.taskQueue,
        args: [input],
        typedSearchAttributes: [
          { key: CaseStatusKey, value: CaseStatus.AwaitingProduction },
          { key: DocumentTypeKey, value: body.documentType },
          { key: OfficeKey, value: office },
          { key: PreferredChannelKey, value: body.preferredChannel },
          { key: RemindersSentKey, value: 0 },
        ],
        staticSummary: `${body.documentType} ${reference}`,
      });
      countCaseStarted(body.documentType, office, body.preferredChannel);
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError) && !(await this.workflowExists(id))) {
        await CaseModel.deleteOne({ _id: id }).catch(() => undefined);
        logger.error({ caseId: id, err: (error as Error).message }, 'Workflow start failed; case removed');
        throw new CaseError('unavailable', 'service_unavailable');
      }
    }

    logger.info({ caseId: id, reference: record.reference, documentType: body.documentType, office }, 'Case registered');
    return { id, reference, status: CaseStatus.AwaitingProduction };
  }

  /** True when the workflow runs after all: a start that timed out on the client may still have reached the server. */
  private async workflowExists(id: string): Promise<boolean> {
    try {
      await this.client.workflow.getHandle(id).describe();
      return true;
    } catch {
      return false;
    }
  }

  private async insertCase(
    id: string,
    reference: string,
    office: string,
    body: RegisterApplicationBody,
    actor: string,
    policy: CasePolicy,
    idempotencyKey: string | null,
  ): Promise<CaseRecord> {
    try {
      const created = await CaseModel.create({
        _id: id,
        reference,
        documentType: body.documentType,
        office,
        preferredChannel: body.preferredChannel,
        status: CaseStatus.AwaitingProduction,
        pickupDeadlineMs: policy.pickupDeadlineMs,
        reminderCount: policy.reminderDelaysMs.length,
        registeredBy: actor,
        idempotencyKey,
        citizen: {
          nationalNumber: body.citizen.nationalNumber,
          firstName: body.citizen.firstName,
          lastName: body.citizen.lastName,
          birthDate: body.citizen.birthDate ?? null,
          language: body.citizen.language ?? defaultLanguage,
        },
        contact: {
          mobile: body.contact.mobile ?? null,
          email: body.contact.email ?? null,
          address: { ...body.contact.address, box: body.contact.address.box ?? null, country: 'BE' },
        },
      });
      return created.toObject();
    } catch (error) {
      if ((error as { code?: number }).code === 11000) {
        throw new CaseError('conflict', 'duplicate_reference', 'reference');
      }
      throw error;
    }
  }

  /** Builds a readable reference per office and year, such as GENT-CENTRUM-2026-000042. */
  private async generateReference(office: string): Promise<string> {
    const year = new Date().getFullYear();
    const sequence = await nextSequence(`reference:${office}:${year}`);
    return `${office.toUpperCase()}-${year}-${String(sequence).padStart(6, '0')}`;
  }

  markReady(id: string, actor: string): Promise<CaseState> {
    return this.runUpdate(id, () => this.client.workflow.getHandle(id).executeUpdate(markReady, { args: [{ actor }] }));
  }

  markCollected(id: string, actor: string): Promise<CaseState> {
    return this.runUpdate(id, () => this.client.workflow.getHandle(id).executeUpdate(markCollected, { args: [{ actor }] }));
  }

  cancel(id: string, actor: string, reason: string): Promise<CaseState> {
    return this.runUpdate(id, () => this.client.workflow.getHandle(id).executeUpdate(cancelCase, { args: [{ actor, reason }] }));
  }

  /**
   * Changes contact data in MongoDB, where the next message reads it, then
   * tells the workflow which fields changed. When the workflow rejects the
   * change because the case is closed, the old contact data is put back.
   */
  async changeContact(id: string, actor: string, change: ContactChangeBody): Promise<CaseState> {
    const record = await this.findRecord(id);
    const contact = {
      mobile: change.mobile === undefined ? record.contact.mobile : change.mobile,
      email: change.email === undefined ? record.contact.email : change.email,
      address: change.address ? { ...change.address, box: change.address.box ?? null, country: 'BE' } : record.contact.address,
    };
    const preferredChannel = change.preferredChannel ?? record.preferredChannel;
    if (preferredChannel === 'sms' && !contact.mobile) {
      throw new CaseError('invalid', 'missing_mobile_for_sms', 'mobile');
    }
    if (preferredChannel === 'email' && !contact.email) {
      throw new CaseError('invalid', 'missing_email_for_email', 'email');
    }

    const changedFields = (Object.keys(change) as ContactChange['changedFields']).sort();
    await CaseModel.updateOne({ _id: id }, { $set: { contact, preferredChannel } });
    try {
      return await this.runUpdate(id, () =>
        this.client.workflow.getHandle(id).executeUpdate(changeContact, { args: [{ actor, changedFields, preferredChannel }] }),
      );
    } catch (error) {
      await CaseModel.updateOne({ _id: id }, { $set: { contact: record.contact, preferredChannel: record.preferredChannel } });
      throw error;
    }
  }

  /**
   * Sends a clerk action as a workflow update. A rejected update answers with
   * the validator's code; a finished workflow means the case is closed.
   */
  private async runUpdate(id: string, update: () => Promise<CaseState>): Promise<CaseState> {
    await this.findRecord(id);
    try {
      return await update();
    } catch (error) {
      if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
        const code = error.cause.type ?? '';
        if (rejectionCodes.has(code)) {
          countUpdateRejected(code);
          throw new CaseError('conflict', code);
        }
      }
      if (error instanceof WorkflowNotFoundError) {
        countUpdateRejected('case_closed');
        throw new CaseError('conflict', 'case_closed');
      }
      if (isUnavailableError(error)) {
        throw new CaseError('unavailable', 'service_unavailable');
      }
      throw error;
    }
  }

  private async findRecord(id: string): Promise<CaseRecord> {
    const record = await CaseModel.findById(id).lean();
    if (!record) {
      throw new CaseError('not_found', 'not_found');
    }
    return record;
  }

  /** Returns the case with its live workflow state; if Temporal cannot answer, the case index alone. */
  async getCase(id: string): Promise<CaseView> {
    const record = await this.findRecord(id);
    const notifications = await NotificationModel.find({ caseId: id }).sort({ createdAt: 1 }).lean();
    let state: CaseState | null = null;
    try {
      state = await this.client.workflow.getHandle(id).query(getCaseState);
    } catch (error) {
      logger.warn({ caseId: id, err: (error as Error).message }, 'Case state query failed; answering from the case index');
    }
    return toCaseView(record, state, notifications);
  }
}
