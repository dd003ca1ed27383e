import type { Channel } from './channels';
import type { DocumentType } from './documentTypes';
import type { OfficeCalendar } from './officeCalendar';

/**
 * The timing of one case, resolved from configuration for its document type
 * and office when the case starts. The workflow keeps the policy it started
 * with, so a configuration change never alters a running case.
 * Delays count in milliseconds from the moment the document became ready.
 */
export interface CasePolicy {
  reminderDelaysMs: number[];
  letterAfterMs: number;
  pickupDeadlineMs: number;
  /** Absent in cases started before the office calendar existed; those send at any time. */
  calendar?: OfficeCalendar;
}

/** Input of one case workflow. It carries references only, never personal data. */
export interface CaseInput {
  caseId: string;
  reference: string;
  documentType: DocumentType;
  office: string;
  preferredChannel: Channel;
  policy: CasePolicy;
  registeredBy: string;
}
