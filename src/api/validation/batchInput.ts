import { parse } from 'csv-parse/sync';
import { ApiError } from '../errors';
import type { BatchLine } from '../../cases/productionBatch';

const valuePattern = /^[A-Za-z0-9][A-Za-z0-9._-]{2,39}$/;

/**
 * Reads a delivery list sent as JSON: an array of references or ids, or of
 * objects `{reference}` or `{id}`. Line numbers count from 1.
 */
export function linesFromJson(body: unknown): BatchLine[] {
  if (!Array.isArray(body)) {
    throw new ApiError(400, 'invalid_batch', null, 'Verwacht een JSON-lijst.');
  }
  return body.map((item, index) => {
    const value = typeof item === 'string' ? item : typeof item === 'object' && item !== null ? ((item as { reference?: unknown; id?: unknown }).reference ?? (item as { id?: unknown }).id) : undefined;
    return { line: index + 1, value: checkedValue(value, index + 1) };
  });
}

/**
 * Reads a delivery list sent as CSV. With a header row, the column named
 * `reference` or `id` is used; without one, the first column. Line numbers
 * are those of the file.
 */
export function linesFromCsv(text: string): BatchLine[] {
  let rows: string[][];
  try {
    rows = parse(text, { relax_column_count: true, skip_empty_lines: true, trim: true, bom: true, info: false }) as string[][];
  } catch (error) {
    throw new ApiError(400, 'invalid_csv', null, (error as Error).message.slice(0, 200));
  }

  const header = rows[0]?.map((cell) => cell.toLowerCase()) ?? [];
  const namedColumn = header.findIndex((cell) => cell === 'reference' || cell === 'id');
  const column = namedColumn >= 0 ? namedColumn : 0;
  const dataRows = namedColumn >= 0 ? rows.slice(1) : rows;
  const firstLine = namedColumn >= 0 ? 2 : 1;

  return dataRows.map((row, index) => ({ line: firstLine + index, value: checkedValue(row[column], firstLine + index) }));
}

function checkedValue(value: unknown, line: number): string {
  if (typeof value !== 'string' || !valuePattern.test(value.trim())) {
    throw new ApiError(400, 'invalid_batch_line', `line ${line}`);
  }
  return value.trim();
}
