import { Schema, model } from 'mongoose';

/** The mail room's queue: one document per letter PDF waiting to be printed and posted. */
const letterSchema = new Schema(
  {
    notificationKey: { type: String, required: true, unique: true },
    caseId: { type: String, required: true, index: true },
    file: { type: String, required: true },
    addressLines: { type: [String], required: true },
    text: { type: String, required: true },
    printedAt: { type: Date, default: null },
  },
  { timestamps: true, versionKey: false },
);

export const LetterModel = model('Letter', letterSchema, 'letters');
