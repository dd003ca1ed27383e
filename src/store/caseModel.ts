import { Schema, model } from 'mongoose';
import type { PostalAddress } from '../domain/address';
import type { CaseStatus } from '../domain/caseStatus';
import type { Channel } from '../domain/channels';
import type { DocumentType } from '../domain/documentTypes';
import type { Language } from '../domain/languages';
import { caseStatuses } from '../domain/caseStatus';
import { channels } from '../domain/channels';
import { documentTypes } from '../domain/documentTypes';
import { languages } from '../domain/languages';

const addressSchema = new Schema(
  {
    street: { type: String, required: true },
    number: { type: String, required: true },
    box: { type: String, default: null },
    postalCode: { type: String, required: true },
    municipality: { type: String, required: true },
    country: { type: String, required: true, default: 'BE' },
  },
  { _id: false },
);

/**
 * One case: the citizen's contact data, which stays out of Temporal, and the
 * case index that the workflow keeps current through activities.
 */
const caseSchema = new Schema(
  {
    _id: { type: String, required: true },
    reference: { type: String, required: true, unique: true },
    documentType: { type: String, enum: documentTypes, required: true },
    office: { type: String, required: true },
    preferredChannel: { type: String, enum: channels, required: true },
    status: { type: String, enum: caseStatuses, required: true, index: true },
    readyAt: { type: Date, default: null },
    closedAt: { type: Date, default: null },
    remindersSent: { type: Number, default: 0 },
    pickupDeadlineMs: { type: Number, required: true },
    reminderCount: { type: Number, default: null },
    registeredBy: { type: String, required: true },
    idempotencyKey: { type: String, default: null },
    citizen: {
      nationalNumber: { type: String, required: true },
      firstName: { type: String, required: true },
      lastName: { type: String, required: true },
      birthDate: { type: String, default: null },
      language: { type: String, enum: languages, required: true },
    },
    contact: {
      mobile: { type: String, default: null },
      email: { type: String, default: null },
      address: { type: addressSchema, required: true },
    },
  },
  { timestamps: true, versionKey: false },
);

caseSchema.index({ office: 1, createdAt: -1 });

export interface CaseRecord {
  _id: string;
  reference: string;
  documentType: DocumentType;
  office: string;
  preferredChannel: Channel;
  status: CaseStatus;
  readyAt: Date | null;
  closedAt: Date | null;
  remindersSent: number;
  pickupDeadlineMs: number;
  /** Reminders the case's policy sends, so the last one can say it is the last. */
  reminderCount: number | null;
  registeredBy: string;
  idempotencyKey: string | null;
  citizen: { nationalNumber: string; firstName: string; lastName: string; birthDate: string | null; language: Language };
  contact: { mobile: string | null; email: string | null; address: PostalAddress };
  createdAt: Date;
  updatedAt: Date;
}

export const CaseModel = model<CaseRecord>('Case', caseSchema, 'cases');
