import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { PlacedLetter } from './letterBatch';

export const manifestColumns = [
  'letter_id',
  'reference',
  'case_id',
  'kind',
  'sequence',
  'address',
  'postage_cents',
  'file',
  'first_page',
  'page_count',
  'queued_on',
] as const;

/**
 * Writes the batch manifest as RFC 4180 CSV (comma, CRLF, header row), one
 * row per letter in print order. The address lines are joined with ", ".
 * `file` is relative to the mail-room folder when the PDF lies inside it.
 * csv-stringify's escape_formulas puts an apostrophe before text cells that
 * start with =, +, -, @, a tab or a carriage return (also the full-width
 * forms of =, + and -), so a spreadsheet shows them instead of running them.
 */
export function buildManifestCsv(placed: PlacedLetter[], mailroomDir: string): string {
  const rows = placed.map(({ letter, firstPage }) => [
    letter.id,
    letter.reference,
    letter.caseId,
    letter.kind,
    letter.sequence,
    letter.addressLines.join(', '),
    letter.postageCents,
    mailroomRelativePath(letter.file, mailroomDir),
    firstPage,
    letter.pageCount,
    letter.mailroomDate,
  ]);
  return stringify(rows, { header: true, columns: [...manifestColumns], record_delimiter: 'windows', escape_formulas: true });
}

/** Returns the path of a letter's PDF relative to the mail-room folder, or the absolute path when it lies elsewhere. */
export function mailroomRelativePath(file: string, mailroomDir: string): string {
  const relative = path.relative(mailroomDir, file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative.split(path.sep).join('/');
}
