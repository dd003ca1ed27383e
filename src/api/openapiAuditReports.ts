import { caseStatuses } from '../domain/caseStatus';
import { channels } from '../domain/channels';
import { messageKinds } from '../domain/messageKinds';
import { maxPeriodDays } from '../reports/reportQuery';

const errorResponse = {
  description: 'Error with a stable English code and a Dutch message',
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
};

const nullableString = { type: ['string', 'null'] };
const nullableInteger = { type: ['integer', 'null'] };

const auditEntry = {
  type: 'object',
  description:
    'One step from workflow history. Every entry has position, type, at and eventId; the other fields depend on the type and are absent otherwise.',
  required: ['position', 'type', 'at', 'eventId'],
  properties: {
    position: { type: 'integer', minimum: 1 },
    type: {
      type: 'string',
      enum: ['registered', 'clerk-action', 'status-change', 'message', 'delivery-failed', 'fallback', 'timer-started', 'timer-fired', 'timer-cancelled', 'final-state'],
    },
    at: { type: 'string', format: 'date-time' },
    eventId: { ...nullableInteger, description: 'History event id, as `temporal workflow show` lists it; null for the state of a running workflow' },
    actor: { ...nullableString, description: 'Identity of the API key that registered the case or performed the action' },
    action: { type: 'string', description: 'ready, collected, cancel or contact-change' },
    via: { type: 'string', enum: ['update', 'signal'] },
    reason: { ...nullableString, description: 'Cancellation reason with names, e-mail addresses and long numbers removed' },
    status: { ...nullableString, enum: [...caseStatuses, null] },
    kind: { type: 'string', enum: messageKinds },
    sequence: { type: 'integer' },
    channel: { type: 'string', enum: channels },
    template: { ...nullableString, description: 'Template path under templates/: language/channel/kind' },
    language: nullableString,
    recipient: { ...nullableString, description: 'Masked recipient from the notification log' },
    outcome: { type: 'string', enum: ['scheduled', 'sent', 'failed', 'timed-out', 'cancelled', 'accepted', 'completed', 'signalled'] },
    providerMessageId: nullableString,
    segments: nullableInteger,
    costCents: nullableInteger,
    deliveryStatus: { ...nullableString, description: 'Status of the provider delivery receipt, when one was recorded' },
    deliveredAt: { ...nullableString, format: 'date-time' },
    failureType: nullableString,
    fromChannel: { type: 'string', enum: channels },
    toChannel: { type: 'string', enum: channels },
    timerId: { type: 'string' },
    dueAt: { ...nullableString, format: 'date-time' },
    waitsFor: {
      type: ['object', 'null'],
      description: 'The message or deadline the timer waits for, inferred from its due time because history does not name it',
      properties: { kind: { type: 'string', enum: messageKinds }, sequence: { type: 'integer' } },
    },
    purpose: { type: ['string', 'null'], enum: ['pickup-step', 'sending-hours', null], description: 'Whether the timer waits for a pickup step or for the office sending hours' },
    workflowStatus: { type: 'string', enum: ['running', 'completed', 'failed', 'terminated', 'cancelled', 'timed-out', 'continued-as-new'] },
    remindersSent: nullableInteger,
    closedAt: { ...nullableString, format: 'date-time' },
  },
};

const channelFigures = {
  type: 'object',
  required: ['sent', 'failed', 'segments', 'costCents', 'byKind', 'deliveryStatus'],
  properties: {
    sent: { type: 'integer', description: 'Messages sent in the period' },
    failed: { type: 'integer', description: 'Messages this channel rejected for good in the period' },
    segments: { ...nullableInteger, description: 'SMS segments; null for e-mail and letters' },
    costCents: { type: 'integer', description: 'Cost recorded at sending time, in euro cents' },
    byKind: { type: 'object', additionalProperties: { type: 'integer' } },
    deliveryStatus: { type: 'object', additionalProperties: { type: 'integer' }, description: 'Sent messages per receipt status; "none" without a receipt' },
  },
};

const formatResponses = (description: string, schema: object) => ({
  description,
  content: {
    'application/json': { schema },
    'text/csv': { schema: { type: 'string' } },
  },
});

/** OpenAPI paths of the audit and report endpoints, spread into the API's document. */
export const auditReportPaths = {
  '/api/v1/applications/{id}/audit': {
    get: {
      summary: 'Audit trail of a case from its workflow history (auditor role)',
      description:
        'Lists in history order the registration, every clerk action, every message attempt with channel, template, provider id, delivery status and cost, every fallback and timer, and the final state. Contains no personal data: recipients are masked and free text is redacted. Send Accept: text/csv for CSV.',
      security: [{ bearer: [] }],
      parameters: [{ name: 'id', in: 'path', required: true, description: 'Case id returned at registration', schema: { type: 'string', format: 'uuid' } }],
      responses: {
        '200': formatResponses('The audit', {
          type: 'object',
          required: ['caseId', 'reference', 'documentType', 'office', 'workflowId', 'generatedAt', 'entries'],
          properties: {
            caseId: { type: 'string' },
            reference: { type: 'string' },
            documentType: { type: 'string' },
            office: { type: 'string' },
            workflowId: { type: 'string' },
            generatedAt: { type: 'string', format: 'date-time' },
            entries: { type: 'array', items: auditEntry },
          },
        }),
        '401': errorResponse,
        '403': errorResponse,
        '404': { ...errorResponse, description: 'Unknown case (not_found), or Temporal no longer keeps its history (history_not_found)' },
        '406': errorResponse,
        '503': errorResponse,
      },
    },
  },
  '/api/v1/reports/notifications': {
    get: {
      summary: 'Messages, costs and pickup times for a period (manager role)',
      description: `Counts what was sent in the period, per channel, and compares the cost with sending every message as a letter. The period may cover at most ${maxPeriodDays} days. Send Accept: text/csv for CSV, one figure per row.`,
      security: [{ bearer: [] }],
      parameters: [
        {
          name: 'from',
          in: 'query',
          required: true,
          description: 'Start: a date (YYYY-MM-DD, from 00:00 in Brussels) or a date-time with Z or an offset',
          schema: { type: 'string' },
        },
        {
          name: 'to',
          in: 'query',
          required: true,
          description: 'End: a date (YYYY-MM-DD, that whole day in Brussels included) or a date-time with Z or an offset (excluded)',
          schema: { type: 'string' },
        },
        { name: 'office', in: 'query', required: false, description: 'Office id from the policy file; all offices when absent', schema: { type: 'string' } },
      ],
      responses: {
        '200': formatResponses('The report', {
          type: 'object',
          properties: {
            period: { type: 'object' },
            currency: { type: 'string', const: 'EUR' },
            tariffs: { type: 'object' },
            channels: { type: 'object', properties: Object.fromEntries(channels.map((channel) => [channel, channelFigures])) },
            totals: { type: 'object' },
            lettersSent: { type: 'integer' },
            pickup: {
              type: 'object',
              properties: {
                collected: { type: 'integer' },
                medianDaysToCollect: { type: ['number', 'null'] },
                p90DaysToCollect: { type: ['number', 'null'] },
                returnedUncollected: { type: 'integer' },
              },
            },
            allLettersBaseline: { type: 'object', properties: { costCents: { type: 'integer' }, savingCents: { type: 'integer' } } },
          },
        }),
        '400': { ...errorResponse, description: 'Invalid query: missing_from, missing_to, invalid_from, invalid_to, invalid_period, period_too_long, unknown_office or unknown_parameter' },
        '401': errorResponse,
        '403': errorResponse,
        '406': errorResponse,
        '503': errorResponse,
      },
    },
  },
};
