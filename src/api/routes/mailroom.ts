import express, { Router, type Request, type Response } from 'express';
import { isUnavailableError } from '../../cases/caseErrors';
import { mergeBatchPdf } from '../../mailroom/batchPdf';
import {
  batchEtag,
  findBatchLetters,
  letterStatuses,
  markLettersPrinted,
  maxLetterIdsPerRequest,
  placeLetters,
  type BatchLetter,
  type LetterStatus,
} from '../../mailroom/letterBatch';
import { isCalendarDate, mailroomDateOf } from '../../mailroom/mailroomDate';
import { MailroomError } from '../../mailroom/mailroomError';
import { buildManifestCsv, mailroomRelativePath } from '../../mailroom/manifestCsv';
import { requireRole, type KeyTable } from '../auth';
import { ApiError } from '../errors';
import { requireJson } from '../requireJson';

/** 20,000 ids of 24 characters, quoted and separated by commas, take about 540 KB. */
const letterIdsBody = express.json({ limit: '1mb', strict: true });

/** The error code for an invalid value of each query parameter. */
const queryParameterCodes: Record<string, string> = {
  date: 'invalid_mailroom_date',
  status: 'invalid_letter_status',
  duplex: 'invalid_duplex',
};

const statusForKind = { invalid: 400, conflict: 409, internal: 500 } as const;

function toApiError(error: unknown): unknown {
  if (error instanceof MailroomError) {
    return new ApiError(statusForKind[error.kind], error.code, error.field, error.detail);
  }
  if (isUnavailableError(error)) {
    return new ApiError(503, 'service_unavailable');
  }
  return error;
}

type Handler = (request: Request, response: Response) => Promise<void>;

/** Runs a handler and turns mail-room and store errors into API errors. */
function translatingErrors(handler: Handler): Handler {
  return async (request, response) => {
    try {
      await handler(request, response);
    } catch (error) {
      throw toApiError(error);
    }
  };
}

/**
 * Returns the query parameters as plain strings. An unknown parameter is
 * rejected, and so is a repeated one (which the query parser turns into an
 * array), with the code of the parameter's invalid value.
 */
function readQuery(request: Request, allowed: readonly string[]): Record<string, string> {
  const query: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.query)) {
    if (!allowed.includes(name)) {
      throw new ApiError(400, 'unknown_query_parameter', name);
    }
    if (typeof value !== 'string') {
      throw new ApiError(400, queryParameterCodes[name] ?? 'invalid_field', name);
    }
    query[name] = value;
  }
  return query;
}

/** Checks a mail-room day: a real YYYY-MM-DD date, not after today in Brussels. */
function parseMailroomDate(value: string, field: string): string {
  if (!isCalendarDate(value)) {
    throw new ApiError(400, 'invalid_mailroom_date', field);
  }
  if (value > mailroomDateOf(new Date())) {
    throw new ApiError(400, 'mailroom_date_in_future', field);
  }
  return value;
}

function parseStatus(value: string | undefined): LetterStatus {
  if (value === undefined) {
    return 'unprinted';
  }
  const status = letterStatuses.find((candidate) => candidate === value);
  if (!status) {
    throw new ApiError(400, 'invalid_letter_status', 'status');
  }
  return status;
}

function parseDuplex(value: string | undefined): boolean {
  if (value === undefined || value === 'false') {
    return false;
  }
  if (value === 'true') {
    return true;
  }
  throw new ApiError(400, 'invalid_duplex', 'duplex');
}

/** Reads `{"letterIds": [...]}`: 1 to 20,000 letter ids as the list and the manifest show them. */
function parseLetterIds(body: unknown): string[] {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new ApiError(400, 'invalid_json', null, 'Verwacht een JSON-object.');
  }
  for (const key of Object.keys(body)) {
    if (key !== 'letterIds') {
      throw new ApiError(400, 'unknown_field', key);
    }
  }

  const letterIds: unknown = (body as { letterIds?: unknown }).letterIds;
  if (letterIds === undefined) {
    throw new ApiError(400, 'missing_field', 'letterIds');
  }
  if (!Array.isArray(letterIds)) {
    throw new ApiError(400, 'invalid_letter_ids', 'letterIds');
  }
  if (letterIds.length === 0) {
    throw new ApiError(400, 'empty_letter_ids', 'letterIds');
  }
  if (letterIds.length > maxLetterIdsPerRequest) {
    throw new ApiError(400, 'too_many_letter_ids', 'letterIds');
  }
  letterIds.forEach((id, index) => {
    if (typeof id !== 'string' || !/^[0-9a-f]{24}$/.test(id)) {
      throw new ApiError(400, 'invalid_letter_id', `letterIds.${index}`);
    }
  });
  return letterIds as string[];
}

function letterView(letter: BatchLetter, mailroomDir: string) {
  return {
    id: letter.id,
    reference: letter.reference,
    caseId: letter.caseId,
    kind: letter.kind,
    sequence: letter.sequence,
    language: letter.language,
    addressLines: letter.addressLines,
    postageCents: letter.postageCents,
    pageCount: letter.pageCount,
    file: mailroomRelativePath(letter.file, mailroomDir),
    queuedOn: letter.mailroomDate,
    queuedAt: letter.queuedAt.toISOString(),
    printedAt: letter.printedAt?.toISOString() ?? null,
    printBatch: letter.printBatch,
  };
}

function batchFileName(date: string, status: LetterStatus, extension: string): string {
  return status === 'printed' ? `loketbode-letters-${date}-printed.${extension}` : `loketbode-letters-${date}.${extension}`;
}

/**
 * The mail room's routes, for clerks. A day's batch contains every letter queued
 * on or before that day (Brussels time) that is not yet marked printed.
 * Responses hold addresses, so no cache may keep them.
 */
export function mailroomRoutes(keys: KeyTable, mailroomDir: string): Router {
  const router = Router();
  const clerk = requireRole(keys, ['clerk']);

  router.get(
    '/mailroom/letters',
    clerk,
    translatingErrors(async (request, response) => {
      const query = readQuery(request, ['date', 'status']);
      const date = query.date === undefined ? mailroomDateOf(new Date()) : parseMailroomDate(query.date, 'date');
      const status = parseStatus(query.status);
      const letters = await findBatchLetters(date, status);

      response.setHeader('Cache-Control', 'no-store');
      response.setHeader('ETag', batchEtag(letters));
      response.json({
        date,
        status,
        count: letters.length,
        pageCount: letters.reduce((sum, letter) => sum + letter.pageCount, 0),
        postageCents: letters.reduce((sum, letter) => sum + letter.postageCents, 0),
        letters: letters.map((letter) => letterView(letter, mailroomDir)),
      });
    }),
  );

  router.get(
    '/mailroom/batches/:date.pdf',
    clerk,
    translatingErrors(async (request, response) => {
      const date = parseMailroomDate(String(request.params.date), 'date');
      const query = readQuery(request, ['status', 'duplex']);
      const status = parseStatus(query.status);
      const letters = await findBatchLetters(date, status);
      if (letters.length === 0) {
        throw new ApiError(404, 'no_letters_for_date', 'date');
      }

      const placed = placeLetters(letters, parseDuplex(query.duplex));
      const pdf = await mergeBatchPdf(placed, `Loketbode ${date}`);
      response.attachment(batchFileName(date, status, 'pdf'));
      response.setHeader('Cache-Control', 'no-store');
      response.setHeader('ETag', batchEtag(letters));
      response.setHeader('X-Letter-Count', String(letters.length));
      response.send(Buffer.from(pdf));
    }),
  );

  router.get(
    '/mailroom/batches/:date.csv',
    clerk,
    translatingErrors(async (request, response) => {
      const date = parseMailroomDate(String(request.params.date), 'date');
      const query = readQuery(request, ['status', 'duplex']);
      const status = parseStatus(query.status);
      const letters = await findBatchLetters(date, status);

      const csv = buildManifestCsv(placeLetters(letters, parseDuplex(query.duplex)), mailroomDir);
      response.attachment(batchFileName(date, status, 'csv'));
      response.setHeader('Content-Type', 'text/csv; charset=utf-8; header=present');
      response.setHeader('Cache-Control', 'no-store');
      response.setHeader('ETag', batchEtag(letters));
      response.setHeader('X-Letter-Count', String(letters.length));
      response.send(csv);
    }),
  );

  router.post(
    '/mailroom/batches/:date/printed',
    clerk,
    requireJson,
    letterIdsBody,
    translatingErrors(async (request, response) => {
      const date = parseMailroomDate(String(request.params.date), 'date');
      readQuery(request, []);
      const letterIds = parseLetterIds(request.body);
      const identity = response.locals.caller?.identity ?? 'unknown';
      response.json(await markLettersPrinted(date, letterIds, identity));
    }),
  );

  return router;
}
