import { z } from 'zod';
import { caseStatuses } from '../domain/caseStatus';
import { channels } from '../domain/channels';
import { documentTypes } from '../domain/documentTypes';
import { messageKinds } from '../domain/messageKinds';
import { maxBatchLines } from '../cases/productionBatch';
import { cancelSchema, contactChangeSchema, registerApplicationSchema } from './validation/applicationSchema';

function jsonSchema(schema: z.ZodType): Record<string, unknown> {
  // Input mode describes what a client sends, before normalisation.
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
}

export const errorResponse = {
  description: 'Error with a stable English code and a message in Dutch, or in French or English when Accept-Language asks for it',
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
};

const caseIdParameter = {
  name: 'id',
  in: 'path',
  required: true,
  description: 'Case id returned at registration',
  schema: { type: 'string', format: 'uuid' },
};

const referencePattern = '^[A-Za-z0-9][A-Za-z0-9._-]{2,39}$';
const nullableString = { type: ['string', 'null'] };
const nullableDateTime = { type: ['string', 'null'], format: 'date-time' };

/** Schemas of the case endpoints, for `components.schemas`. */
export const caseSchemas = {
  RegisterApplication: jsonSchema(registerApplicationSchema),
  Cancel: jsonSchema(cancelSchema),
  ContactChange: {
    ...jsonSchema(contactChangeSchema),
    description:
      'At least one field. A mobile or e-mail set to null is removed; the postal address can be replaced but not removed. The preferred channel needs its contact data.',
  },
  CaseSummary: {
    type: 'object',
    required: ['id', 'reference', 'status'],
    properties: { id: { type: 'string' }, reference: { type: 'string' }, status: { type: 'string', enum: caseStatuses } },
  },
  CaseListItem: {
    type: 'object',
    description: 'A case in the list. The list shows no personal data.',
    required: ['id', 'reference', 'documentType', 'office', 'preferredChannel', 'status', 'registeredAt', 'readyAt', 'closedAt', 'remindersSent'],
    properties: {
      id: { type: 'string', format: 'uuid' },
      reference: { type: 'string' },
      documentType: { type: 'string', enum: documentTypes },
      office: { type: 'string' },
      preferredChannel: { type: 'string', enum: channels },
      status: { type: 'string', enum: caseStatuses },
      registeredAt: { type: 'string', format: 'date-time' },
      readyAt: nullableDateTime,
      closedAt: nullableDateTime,
      remindersSent: { type: 'integer' },
    },
  },
  CaseView: {
    type: 'object',
    description: 'A case with its live workflow state. Contact data appears masked. When the Temporal query fails, the status comes from the case index and the timeline is empty.',
    required: ['id', 'reference', 'documentType', 'office', 'preferredChannel', 'status', 'registeredAt', 'contact', 'timeline', 'notifications'],
    properties: {
      id: { type: 'string', format: 'uuid' },
      reference: { type: 'string' },
      documentType: { type: 'string', enum: documentTypes },
      office: { type: 'string' },
      preferredChannel: { type: 'string', enum: channels },
      status: { type: 'string', enum: caseStatuses },
      registeredAt: { type: 'string', format: 'date-time' },
      readyAt: nullableDateTime,
      closedAt: nullableDateTime,
      remindersSent: { type: 'integer' },
      nextReminder: {
        type: ['object', 'null'],
        description: 'The next message the workflow will send, and when',
        properties: { kind: { type: 'string', enum: messageKinds }, sequence: { type: 'integer' }, dueAt: { type: 'string', format: 'date-time' } },
      },
      contact: {
        type: 'object',
        properties: {
          mobile: { ...nullableString, description: 'Masked, e.g. +32 470 •• •• 56' },
          email: { ...nullableString, description: 'Masked' },
          address: { ...nullableString, description: 'Postal code and municipality only' },
        },
      },
      timeline: {
        type: 'array',
        items: {
          type: 'object',
          required: ['at', 'event'],
          properties: { at: { type: 'string', format: 'date-time' }, event: { type: 'string' }, actor: { type: 'string' }, detail: { type: 'string' } },
        },
      },
      notifications: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            kind: { type: 'string', enum: messageKinds },
            sequence: { type: 'integer' },
            channel: { type: 'string', enum: channels },
            status: { type: 'string' },
            recipient: { ...nullableString, description: 'Masked recipient' },
            sentAt: nullableDateTime,
            encoding: nullableString,
            segments: { type: ['integer', 'null'] },
            costCents: { type: ['integer', 'null'] },
            failureType: nullableString,
          },
        },
      },
    },
  },
  BatchResult: {
    type: 'object',
    required: ['batchId', 'received', 'accepted', 'rejected', 'results'],
    properties: {
      batchId: { type: 'string', format: 'uuid' },
      received: { type: 'integer', description: 'Lines in the delivery list' },
      accepted: { type: 'integer', description: 'Cases that the batch workflow marks ready' },
      rejected: { type: 'integer' },
      results: {
        type: 'array',
        items: {
          type: 'object',
          required: ['line', 'value', 'outcome'],
          properties: {
            line: { type: 'integer', description: 'Line number: the index from 1 in a JSON list, the line of the file in CSV' },
            value: { type: 'string', description: 'The reference or id on that line' },
            outcome: { type: 'string', enum: ['accepted', 'rejected'] },
            caseId: { type: 'string', format: 'uuid' },
            reference: { type: 'string' },
            code: { type: 'string', enum: ['not_found', 'duplicate_line', 'case_not_awaiting_production'], description: 'Why the line was rejected' },
            message: { type: 'string', description: 'The reason in the language of Accept-Language' },
            status: { type: 'string', enum: caseStatuses, description: 'Current status of a case that no longer awaits production' },
          },
        },
      },
    },
  },
};

function clerkAction(summary: string, description: string, conflict: string, requestBody?: object) {
  return {
    post: {
      summary,
      description,
      security: [{ bearer: [] }],
      parameters: [caseIdParameter],
      ...(requestBody ? { requestBody } : {}),
      responses: {
        '200': { description: 'New status', content: { 'application/json': { schema: { $ref: '#/components/schemas/CaseSummary' } } } },
        '400': errorResponse,
        '401': errorResponse,
        '403': errorResponse,
        '404': errorResponse,
        '409': { ...errorResponse, description: conflict },
        '503': errorResponse,
      },
    },
  };
}

function queryParameter(name: string, schema: object, description: string) {
  return { name, in: 'query', required: false, schema, description };
}

/** Receipt fields that Vonage sends, as a query string (GET), a form or JSON (POST). */
const receiptFields = {
  messageId: { type: 'string', description: 'Vonage message id' },
  status: { type: 'string', enum: ['delivered', 'expired', 'failed', 'rejected', 'accepted', 'buffered', 'unknown'] },
  'err-code': { type: 'string' },
  'client-ref': { type: 'string', description: 'The notification id Loketbode sent along with the message' },
  timestamp: { type: 'string', description: 'Unix time of signing, in seconds' },
  nonce: { type: 'string' },
  sig: { type: 'string', description: 'Signature over all parameters with the signature secret' },
};

const receiptDescription =
  'Vonage delivery receipt, signed with the signature secret. A receipt with a wrong or missing signature, a timestamp more than five minutes off, or a nonce seen before is rejected with 401. A verified receipt gets 200, also for an unknown message, because Vonage retries any other response for a day. A failed SMS makes the case fall back to the next channel.';

const receiptResponses = {
  '200': { description: 'Receipt processed', content: { 'application/json': { schema: { type: 'object' } } } },
  '401': { ...errorResponse, description: 'invalid_signature, stale_signature or replayed_webhook' },
  '413': errorResponse,
  '503': errorResponse,
};

/** OpenAPI paths of case registration, clerk actions, the case list, delivery lists and the delivery-receipt webhook. */
export const casePaths = {
  '/api/v1/applications': {
    post: {
      summary: 'Register an application (clerk)',
      description:
        'Stores the citizen and contact data and starts the case workflow. National number and mobile are normalised. The preferred channel needs its contact data, and the postal address is always required.',
      security: [{ bearer: [] }],
      parameters: [
        {
          name: 'Idempotency-Key',
          in: 'header',
          required: false,
          schema: { type: 'string', pattern: '^[\\x21-\\x7e]{1,200}$' },
          description: 'A repeated key returns the first response and registers nothing new',
        },
      ],
      requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/RegisterApplication' } } } },
      responses: {
        '201': { description: 'Case registered', content: { 'application/json': { schema: { $ref: '#/components/schemas/CaseSummary' } } } },
        '400': errorResponse,
        '401': errorResponse,
        '403': errorResponse,
        '409': { ...errorResponse, description: 'The reference is already taken' },
        '413': errorResponse,
        '415': errorResponse,
        '503': errorResponse,
      },
    },
    get: {
      summary: 'List cases, newest first (any role)',
      description:
        'Filters on the case index. Each parameter is one plain value: a repeated parameter or a bracketed one such as status[$ne]=x is rejected with 400, as is an unknown parameter.',
      security: [{ bearer: [] }],
      parameters: [
        queryParameter('status', { type: 'string', enum: caseStatuses }, 'Only cases in this status'),
        queryParameter('documentType', { type: 'string', enum: documentTypes }, 'Only cases for this document type'),
        queryParameter('office', { type: 'string', pattern: '^[a-z0-9-]{1,40}$' }, 'Only cases of this office id'),
        queryParameter('reference', { type: 'string', pattern: referencePattern }, 'The case with this reference'),
        queryParameter('page', { type: 'integer', minimum: 1, maximum: 10_000, default: 1 }, 'Page number, from 1'),
        queryParameter('pageSize', { type: 'integer', minimum: 1, maximum: 200, default: 50 }, 'Cases per page'),
      ],
      responses: {
        '200': {
          description: 'One page of cases',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['page', 'pageSize', 'total', 'items'],
                properties: {
                  page: { type: 'integer' },
                  pageSize: { type: 'integer' },
                  total: { type: 'integer', description: 'Cases that match the filters, on all pages' },
                  items: { type: 'array', items: { $ref: '#/components/schemas/CaseListItem' } },
                },
              },
            },
          },
        },
        '400': errorResponse,
        '401': errorResponse,
        '503': errorResponse,
      },
    },
  },
  '/api/v1/applications/{id}': {
    get: {
      summary: 'Case status, timeline, messages sent and next reminder (any role)',
      security: [{ bearer: [] }],
      parameters: [caseIdParameter],
      responses: {
        '200': { description: 'The case', content: { 'application/json': { schema: { $ref: '#/components/schemas/CaseView' } } } },
        '401': errorResponse,
        '404': errorResponse,
        '503': errorResponse,
      },
    },
  },
  '/api/v1/applications/{id}/ready': clerkAction(
    'The document arrived at the office (clerk)',
    'Sends the pickup notice through the preferred channel and starts the reminders.',
    'The case is not awaiting production',
  ),
  '/api/v1/applications/{id}/collected': clerkAction(
    'The citizen collected the document (clerk)',
    'Closes the case as collected; no further reminders are sent.',
    'The document is not ready for pickup',
  ),
  '/api/v1/applications/{id}/cancel': clerkAction('Cancel the application (clerk)', 'Closes the case as cancelled; no further messages are sent.', 'The case is already closed', {
    required: true,
    content: { 'application/json': { schema: { $ref: '#/components/schemas/Cancel' } } },
  }),
  '/api/v1/applications/{id}/contact': {
    patch: {
      summary: 'Change the mobile, e-mail, postal address or preferred channel (clerk)',
      description:
        'The next message reads the new contact data. The workflow history records which fields changed, never their values. A closed case rejects the change with 409 and keeps the old data.',
      security: [{ bearer: [] }],
      parameters: [caseIdParameter],
      requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/ContactChange' } } } },
      responses: {
        '200': {
          description: 'Contact data changed',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['id', 'reference', 'status', 'preferredChannel'],
                properties: {
                  id: { type: 'string', format: 'uuid' },
                  reference: { type: 'string' },
                  status: { type: 'string', enum: caseStatuses },
                  preferredChannel: { type: 'string', enum: channels },
                },
              },
            },
          },
        },
        '400': errorResponse,
        '401': errorResponse,
        '403': errorResponse,
        '404': errorResponse,
        '409': { ...errorResponse, description: 'The case is already closed' },
        '413': errorResponse,
        '415': errorResponse,
        '503': errorResponse,
      },
    },
  },
  '/api/v1/production-batches': {
    post: {
      summary: 'Mark many cases ready at once from a delivery list (clerk)',
      description: `Checks every line against the case index, then starts one batch workflow that marks the accepted cases ready. A line that names no known case, repeats an earlier case, or names a case that no longer awaits production is rejected with its reason; the other lines still go ahead. At most ${maxBatchLines} lines and 1 MiB.`,
      security: [{ bearer: [] }],
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: {
              type: 'array',
              description: 'Case references or ids, as strings or as objects {reference} or {id}',
              items: {
                oneOf: [
                  { type: 'string', pattern: referencePattern },
                  { type: 'object', required: ['reference'], properties: { reference: { type: 'string', pattern: referencePattern } } },
                  { type: 'object', required: ['id'], properties: { id: { type: 'string', pattern: referencePattern } } },
                ],
              },
            },
            example: ['GENT-CENTRUM-2026-000001', { reference: 'GENT-CENTRUM-2026-000002' }],
          },
          'text/csv': {
            schema: {
              type: 'string',
              description: 'CSV with a header row that names a column reference or id, or without a header, the reference or id in the first column',
            },
            example: 'reference\nGENT-CENTRUM-2026-000001\nGENT-CENTRUM-2026-000002\n',
          },
        },
      },
      responses: {
        '202': { description: 'Batch started; one result per line', content: { 'application/json': { schema: { $ref: '#/components/schemas/BatchResult' } } } },
        '400': { ...errorResponse, description: 'invalid_batch, invalid_csv, invalid_batch_line (field names the line), empty_batch or batch_too_large; nothing was marked' },
        '401': errorResponse,
        '403': errorResponse,
        '413': errorResponse,
        '415': errorResponse,
        '503': errorResponse,
      },
    },
  },
  '/api/v1/webhooks/vonage/delivery-receipts': {
    get: {
      summary: 'Vonage SMS delivery receipt, as a query string',
      description: receiptDescription,
      parameters: Object.entries(receiptFields).map(([name, schema]) => ({ name, in: 'query', required: ['timestamp', 'nonce', 'sig'].includes(name), schema })),
      responses: receiptResponses,
    },
    post: {
      summary: 'Vonage SMS delivery receipt, as a form or JSON',
      description: receiptDescription,
      requestBody: {
        required: true,
        content: {
          'application/x-www-form-urlencoded': { schema: { type: 'object', properties: receiptFields } },
          'application/json': { schema: { type: 'object', properties: receiptFields } },
        },
      },
      responses: receiptResponses,
    },
  },
};
