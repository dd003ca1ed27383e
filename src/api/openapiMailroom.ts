import { languages } from '../domain/languages';
import { messageKinds } from '../domain/messageKinds';
import { letterStatuses, maxLetterIdsPerRequest } from '../mailroom/letterBatch';
import { manifestColumns } from '../mailroom/manifestCsv';

const errorResponse = {
  description: 'Error with a stable English code and a Dutch message',
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
};

const dateInPath = {
  name: 'date',
  in: 'path',
  required: true,
  description: 'Mail-room day in Brussels time, YYYY-MM-DD, not in the future (400 invalid_mailroom_date or mailroom_date_in_future)',
  schema: { type: 'string', format: 'date' },
};

const statusParameter = {
  name: 'status',
  in: 'query',
  required: false,
  description:
    'unprinted (default): letters queued on or before the day and not yet marked printed. printed: letters marked printed in that day’s batch, for a reprint.',
  schema: { type: 'string', enum: letterStatuses, default: 'unprinted' },
};

const duplexParameter = {
  name: 'duplex',
  in: 'query',
  required: false,
  description: 'true adds a blank page after each letter with an odd page count, so every letter starts on a new sheet in duplex printing',
  schema: { type: 'boolean', default: false },
};

const batchEtagHeader = {
  ETag: {
    description: 'Weak tag of the batch’s letters. The list, the PDF and the CSV carry the same tag when they contain the same letters.',
    schema: { type: 'string' },
  },
  'X-Letter-Count': { description: 'Number of letters in the batch', schema: { type: 'integer' } },
};

const letterSchema = {
  type: 'object',
  required: ['id', 'reference', 'caseId', 'kind', 'sequence', 'addressLines', 'postageCents', 'pageCount', 'file', 'queuedOn', 'queuedAt', 'printedAt', 'printBatch'],
  properties: {
    id: { type: 'string', pattern: '^[0-9a-f]{24}$', description: 'Letter id, used to mark the letter printed' },
    reference: { type: 'string' },
    caseId: { type: 'string', format: 'uuid' },
    kind: { type: 'string', enum: messageKinds },
    sequence: { type: 'integer' },
    language: { type: 'string', enum: languages },
    addressLines: { type: 'array', items: { type: 'string' } },
    postageCents: { type: 'integer', description: 'The policy’s letter tariff (postage and printing) when the letter was queued, in euro cents' },
    pageCount: { type: 'integer' },
    file: { type: 'string', description: 'Path of the letter’s PDF, relative to the mail-room folder' },
    queuedOn: { type: 'string', format: 'date', description: 'Brussels date the letter was queued on' },
    queuedAt: { type: 'string', format: 'date-time' },
    printedAt: { type: ['string', 'null'], format: 'date-time' },
    printBatch: { type: ['string', 'null'], format: 'date', description: 'Day whose batch the letter was printed in' },
  },
};

/** OpenAPI paths of the mail-room routes, merged into the API document. */
export const mailroomPaths = {
  '/api/v1/mailroom/letters': {
    get: {
      summary: 'List the letters of a day’s print batch (clerk)',
      security: [{ bearer: [] }],
      parameters: [
        {
          name: 'date',
          in: 'query',
          required: false,
          description: 'Mail-room day, YYYY-MM-DD in Brussels time, today when left out',
          schema: { type: 'string', format: 'date' },
        },
        statusParameter,
      ],
      responses: {
        '200': {
          description: 'The batch, in print order',
          headers: batchEtagHeader,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['date', 'status', 'count', 'pageCount', 'postageCents', 'letters'],
                properties: {
                  date: { type: 'string', format: 'date' },
                  status: { type: 'string', enum: letterStatuses },
                  count: { type: 'integer' },
                  pageCount: { type: 'integer' },
                  postageCents: { type: 'integer', description: 'Sum of the letters’ postage' },
                  letters: { type: 'array', items: letterSchema },
                },
              },
            },
          },
        },
        '400': errorResponse,
        '401': errorResponse,
        '403': errorResponse,
        '503': errorResponse,
      },
    },
  },
  '/api/v1/mailroom/batches/{date}.pdf': {
    get: {
      summary: 'Download a day’s letters as one print-ready PDF, each letter starting on a new page (clerk)',
      security: [{ bearer: [] }],
      parameters: [dateInPath, statusParameter, duplexParameter],
      responses: {
        '200': { description: 'Merged A4 PDF in print order', headers: batchEtagHeader, content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } },
        '400': errorResponse,
        '401': errorResponse,
        '403': errorResponse,
        '404': { ...errorResponse, description: 'no_letters_for_date: the batch is empty' },
        '500': { ...errorResponse, description: 'letter_file_missing: a letter’s PDF is gone from the mail-room folder' },
        '503': errorResponse,
      },
    },
  },
  '/api/v1/mailroom/batches/{date}.csv': {
    get: {
      summary: 'Download the manifest of a day’s batch as CSV, one row per letter in print order (clerk)',
      security: [{ bearer: [] }],
      parameters: [dateInPath, statusParameter, duplexParameter],
      responses: {
        '200': {
          description: `RFC 4180 CSV with a header row and the columns ${manifestColumns.join(', ')}. first_page is the letter’s first page in the PDF downloaded with the same status and duplex.`,
          headers: batchEtagHeader,
          content: { 'text/csv': { schema: { type: 'string' } } },
        },
        '400': errorResponse,
        '401': errorResponse,
        '403': errorResponse,
        '503': errorResponse,
      },
    },
  },
  '/api/v1/mailroom/batches/{date}/printed': {
    post: {
      summary: 'Mark letters printed in a day’s batch, so later batches leave them out (clerk, idempotent)',
      security: [{ bearer: [] }],
      parameters: [dateInPath],
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: {
              type: 'object',
              additionalProperties: false,
              required: ['letterIds'],
              properties: {
                letterIds: {
                  type: 'array',
                  minItems: 1,
                  maxItems: maxLetterIdsPerRequest,
                  items: { type: 'string', pattern: '^[0-9a-f]{24}$' },
                  description: 'Ids of the letters that were printed, from the list or the manifest',
                },
              },
            },
          },
        },
      },
      responses: {
        '200': {
          description: 'Counts after marking; a repeated request marks nothing new',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['date', 'markedPrinted', 'alreadyPrinted', 'remainingUnprinted'],
                properties: {
                  date: { type: 'string', format: 'date' },
                  markedPrinted: { type: 'integer', description: 'Letters this request marked printed' },
                  alreadyPrinted: { type: 'integer', description: 'Letters already marked printed in this batch' },
                  remainingUnprinted: { type: 'integer', description: 'Letters of this batch still unprinted, such as letters queued after the download' },
                },
              },
            },
          },
        },
        '400': errorResponse,
        '401': errorResponse,
        '403': errorResponse,
        '409': { ...errorResponse, description: 'letter_not_in_batch or letter_printed_in_other_batch. Nothing was marked.' },
        '413': errorResponse,
        '415': errorResponse,
        '503': errorResponse,
      },
    },
  },
};
