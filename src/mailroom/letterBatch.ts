import crypto from 'node:crypto';
import { logger } from '../logging';
import { LetterModel } from '../store/letterModel';
import { MailroomError } from './mailroomError';

/** Letter statuses a request can select: `unprinted` (still to print) or `printed` (printed in that day's batch). */
export const letterStatuses = ['unprinted', 'printed'] as const;
export type LetterStatus = (typeof letterStatuses)[number];

/** A letter in a mail-room batch. `file` is the absolute path of its PDF. */
export interface BatchLetter {
  id: string;
  reference: string;
  caseId: string;
  kind: string;
  sequence: number;
  language: string;
  addressLines: string[];
  postageCents: number;
  pageCount: number;
  file: string;
  mailroomDate: string;
  queuedAt: Date;
  printedAt: Date | null;
  printBatch: string | null;
}

/**
 * Returns the letters of a day's batch in print order (oldest first).
 * Unprinted: every letter queued on or before `date` and not yet marked
 * printed, so a letter missed on one day is printed the next.
 * Printed: the letters marked printed in the batch of `date`, for a reprint.
 */
export async function findBatchLetters(date: string, status: LetterStatus): Promise<BatchLetter[]> {
  const filter = status === 'unprinted' ? { printedAt: null, mailroomDate: { $lte: date } } : { printBatch: date };
  const letters = await LetterModel.find(filter).sort({ mailroomDate: 1, createdAt: 1, _id: 1 }).lean();
  return letters.map((letter) => ({
    id: letter._id.toString(),
    reference: letter.reference,
    caseId: letter.caseId,
    kind: letter.kind,
    sequence: letter.sequence,
    language: letter.language,
    addressLines: letter.addressLines,
    postageCents: letter.postageCents,
    pageCount: letter.pageCount,
    file: letter.file,
    mailroomDate: letter.mailroomDate,
    queuedAt: letter.createdAt,
    printedAt: letter.printedAt ?? null,
    printBatch: letter.printBatch ?? null,
  }));
}

/**
 * Builds a weak ETag from the letters' ids and page counts. The list, the PDF
 * and the CSV of a batch carry the same tag exactly when they contain the
 * same letters, so a client can check that what it printed matches its manifest.
 */
export function batchEtag(letters: BatchLetter[]): string {
  const hash = crypto.createHash('sha256');
  for (const letter of letters) {
    hash.update(`${letter.id}:${letter.pageCount}\n`);
  }
  return `W/"${hash.digest('base64url').slice(0, 27)}"`;
}

export interface PlacedLetter {
  letter: BatchLetter;
  /** Page number in the merged PDF where the letter starts, counting from 1. */
  firstPage: number;
  /** Blank pages added after the letter so that the next one starts on a new sheet in duplex printing. */
  blankPagesAfter: number;
}

/** Assigns each letter its first page in the merged batch PDF. */
export function placeLetters(letters: BatchLetter[], duplex: boolean): PlacedLetter[] {
  const placed: PlacedLetter[] = [];
  let nextPage = 1;
  for (const letter of letters) {
    const blankPagesAfter = duplex && letter.pageCount % 2 === 1 ? 1 : 0;
    placed.push({ letter, firstPage: nextPage, blankPagesAfter });
    nextPage += letter.pageCount + blankPagesAfter;
  }
  return placed;
}

/** Maximum number of letter ids one request may mark printed. */
export const maxLetterIdsPerRequest = 20_000;

export interface MarkPrintedResult {
  date: string;
  /** Letters this request marked printed. */
  markedPrinted: number;
  /** Letters of the request that were already marked printed in this day's batch. */
  alreadyPrinted: number;
  /** Unprinted letters still in this day's batch, such as letters queued after the download. */
  remainingUnprinted: number;
}

/**
 * Marks the given letters printed in the batch of `date`. Repeating a request
 * changes nothing and returns the same counts, apart from `remainingUnprinted`.
 * Every id is checked before anything is written, so a rejected request marks
 * no letter.
 */
export async function markLettersPrinted(date: string, letterIds: string[], identity: string): Promise<MarkPrintedResult> {
  const letters = await LetterModel.find({ _id: { $in: [...new Set(letterIds)] } }).lean();
  const byId = new Map(letters.map((letter) => [letter._id.toString(), letter]));

  const unprintedIds = new Set<string>();
  const alreadyPrintedIds = new Set<string>();
  letterIds.forEach((id, index) => {
    const letter = byId.get(id);
    const field = `letterIds.${index}`;
    if (!letter) {
      throw new MailroomError('invalid', 'unknown_letter', field);
    }
    if (letter.printedAt) {
      if (letter.printBatch !== date) {
        throw new MailroomError('conflict', 'letter_printed_in_other_batch', field, `Brief ${id} staat in de batch van ${letter.printBatch}.`);
      }
      alreadyPrintedIds.add(id);
      return;
    }
    if (letter.mailroomDate > date) {
      throw new MailroomError('conflict', 'letter_not_in_batch', field, `Brief ${id} werd klaargezet op ${letter.mailroomDate}.`);
    }
    unprintedIds.add(id);
  });

  // The filter on printedAt keeps a concurrent request from marking the same letter twice.
  let markedPrinted = 0;
  if (unprintedIds.size > 0) {
    const update = await LetterModel.updateMany(
      { _id: { $in: [...unprintedIds] }, printedAt: null },
      { $set: { printedAt: new Date(), printBatch: date, printedBy: identity } },
    );
    markedPrinted = update.modifiedCount;
  }
  const remainingUnprinted = await LetterModel.countDocuments({ printedAt: null, mailroomDate: { $lte: date } });

  logger.info({ mailroomDate: date, markedPrinted, alreadyPrinted: alreadyPrintedIds.size, remainingUnprinted, identity }, 'Letters marked printed');
  return { date, markedPrinted, alreadyPrinted: alreadyPrintedIds.size, remainingUnprinted };
}
