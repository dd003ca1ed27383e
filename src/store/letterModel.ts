import { Schema, model } from 'mongoose';
import { messageKinds } from '../domain/messageKinds';

/**
 * The mail room's queue: one document per letter PDF to print and post.
 * A letter belongs to the batch of every day from its `mailroomDate` on
 * until it is marked printed, and then to the batch named in `printBatch`.
 */
const letterSchema = new Schema(
  {
    notificationKey: { type: String, required: true, unique: true },
    caseId: { type: String, required: true, index: true },
    reference: { type: String, required: true },
    kind: { type: String, enum: messageKinds, required: true },
    sequence: { type: Number, required: true },
    language: { type: String, required: true },
    /** Absolute path of the PDF under MAILROOM_DIR. */
    file: { type: String, required: true },
    addressLines: { type: [String], required: true },
    /** The reference line and the letter body, as the sandbox shows them. */
    text: { type: String, required: true },
    pageCount: { type: Number, required: true },
    /** The policy's letter tariff (postage and printing) in euro cents when the letter was queued. */
    postageCents: { type: Number, required: true },
    /** Brussels calendar date (YYYY-MM-DD) the letter was first queued on. */
    mailroomDate: { type: String, required: true },
    printedAt: { type: Date, default: null },
    /** The mail-room day (YYYY-MM-DD) whose batch the letter was printed in. */
    printBatch: { type: String, default: null },
    /** Identity of the API key that marked the letter printed. */
    printedBy: { type: String, default: null },
  },
  { timestamps: true, versionKey: false },
);

letterSchema.index({ printedAt: 1, mailroomDate: 1 });
letterSchema.index({ printBatch: 1 });

export const LetterModel = model('Letter', letterSchema, 'letters');
