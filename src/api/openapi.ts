import { z } from 'zod';
import { caseStatuses } from '../domain/caseStatus';
import { auditReportPaths } from './openapiAuditReports';
import { mailroomPaths } from './openapiMailroom';
import { templatePaths } from './openapiTemplates';
import { cancelSchema, registerApplicationSchema } from './validation/applicationSchema';

function jsonSchema(schema: z.ZodType): Record<string, unknown> {
  // Input mode describes what a client sends, before normalisation.
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
}

const errorResponse = {
  description: 'Error with a stable English code and a Dutch message',
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
};

const caseIdParameter = {
  name: 'id',
  in: 'path',
  required: true,
  description: 'Case id returned at registration',
  schema: { type: 'string', format: 'uuid' },
};

function clerkAction(summary: string, conflict: string, requestBody?: object) {
  return {
    post: {
      summary,
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

/** Builds the OpenAPI 3.1 document of the API from the same schemas that validate requests. */
export function buildOpenApiDocument() {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Loketbode API',
      version: '1.0.0',
      description: 'Registers identity-document applications and tells citizens when to collect them.',
    },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'API key with the role clerk, manager or auditor' } },
      schemas: {
        RegisterApplication: jsonSchema(registerApplicationSchema),
        Cancel: jsonSchema(cancelSchema),
        CaseSummary: {
          type: 'object',
          required: ['id', 'reference', 'status'],
          properties: { id: { type: 'string' }, reference: { type: 'string' }, status: { type: 'string', enum: caseStatuses } },
        },
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message'],
              properties: { code: { type: 'string' }, message: { type: 'string' }, field: { type: 'string' } },
            },
          },
        },
      },
    },
    paths: {
      '/api/v1/applications': {
        post: {
          summary: 'Register an application',
          security: [{ bearer: [] }],
          parameters: [
            { name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string', maxLength: 200 }, description: 'A repeated key returns the first answer' },
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
      },
      '/api/v1/applications/{id}': {
        get: {
          summary: 'Case status, timeline, messages sent and next reminder',
          security: [{ bearer: [] }],
          parameters: [caseIdParameter],
          responses: { '200': { description: 'The case' }, '401': errorResponse, '404': errorResponse, '503': errorResponse },
        },
      },
      '/api/v1/applications/{id}/ready': clerkAction('The document arrived at the office', 'The case is not awaiting production'),
      '/api/v1/applications/{id}/collected': clerkAction('The citizen collected the document', 'The document is not ready for pickup'),
      '/api/v1/applications/{id}/cancel': clerkAction('Cancel the application', 'The case is already closed', {
        required: true,
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Cancel' } } },
      }),
      '/healthz': { get: { summary: 'Liveness', responses: { '200': { description: 'The process runs' } } } },
      '/readyz': { get: { summary: 'Readiness: Temporal and MongoDB reachable', responses: { '200': { description: 'Ready' }, '503': { description: 'A dependency is unreachable' } } } },
      '/openapi.json': { get: { summary: 'This document', responses: { '200': { description: 'OpenAPI 3.1 document' } } } },
      ...auditReportPaths,
      ...mailroomPaths,
      ...templatePaths,
    },
  };
}
