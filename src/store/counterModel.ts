import { Schema, model } from 'mongoose';

/** Sequence counters, one document per office and year, for readable case references. */
const counterSchema = new Schema({ _id: { type: String, required: true }, sequence: { type: Number, default: 0 } }, { versionKey: false });

export const CounterModel = model('Counter', counterSchema, 'counters');

/** Returns the next number of a counter, starting at 1. */
export async function nextSequence(counterId: string): Promise<number> {
  const counter = await CounterModel.findOneAndUpdate(
    { _id: counterId },
    { $inc: { sequence: 1 } },
    { upsert: true, returnDocument: 'after' },
  ).lean();
  return counter?.sequence ?? 1;
}
