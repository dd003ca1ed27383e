import { auditReportPaths } from './openapiAuditReports';
import { casePaths, caseSchemas, errorResponse } from './openapiCases';
import { mailroomPaths } from './openapiMailroom';
import { templatePaths } from './openapiTemplates';

export interface OpenApiOptions {
  /** Whether the sandbox pages exist, which is only outside production. */
  sandbox?: boolean;
  /** Whether the delivery-receipt webhook exists, which needs VONAGE_SIGNATURE_SECRET. */
  webhook?: boolean;
}

type Operation = { parameters?: object[]; responses?: Record<string, object>; security?: object[] };
type PathItem = Record<string, Operation>;

const operationMethods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

const sandboxPaths = {
  '/sandbox': {
    get: {
      summary: 'Sandbox page: every SMS, e-mail and letter "sent", as a citizen would see it',
      description: 'Only outside production.',
      responses: { '200': { description: 'HTML page', content: { 'text/html': { schema: { type: 'string' } } } } },
    },
  },
  '/sandbox/messages.json': {
    get: {
      summary: 'Every message "sent", newest first, for scripts and tests',
      description: 'Only outside production. Covers captured SMS and e-mail and the letters of the mail room.',
      responses: {
        '200': {
          description: 'Messages',
          content: {
            'application/json': {
              schema: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['channel', 'to', 'text', 'receivedAt'],
                  properties: {
                    channel: { type: 'string', enum: ['sms', 'email', 'letter'] },
                    to: { type: 'string' },
                    subject: { type: 'string' },
                    text: { type: 'string' },
                    html: { type: 'string' },
                    pdfUrl: { type: 'string' },
                    receivedAt: { type: 'string', format: 'date-time' },
                  },
                },
              },
            },
          },
        },
      },
    },
  },
  '/sandbox/letters/{id}.pdf': {
    get: {
      summary: 'The PDF of a letter in the sandbox',
      description: 'Only outside production.',
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', pattern: '^[0-9a-f]{24}$' } }],
      responses: { '200': { description: 'The letter', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } }, '404': errorResponse },
    },
  },
};

/**
 * Builds the OpenAPI 3.1 document of the API from the same schemas that
 * validate requests. Every operation under /api/v1 gets the Accept-Language
 * and X-Request-Id headers and the 429 and 503 responses, so a path that
 * another module adds need not repeat them.
 */
export function buildOpenApiDocument(options: OpenApiOptions = {}) {
  const { webhook = true, sandbox = true } = options;
  const { '/api/v1/webhooks/vonage/delivery-receipts': receiptPath, ...clerkPaths } = casePaths;
  const paths: Record<string, PathItem> = structuredClone({
    ...clerkPaths,
    ...(webhook ? { '/api/v1/webhooks/vonage/delivery-receipts': receiptPath } : {}),
    '/healthz': { get: { summary: 'Liveness', responses: { '200': { description: 'The process runs' } } } },
    '/readyz': { get: { summary: 'Readiness: Temporal and MongoDB reachable', responses: { '200': { description: 'Ready' }, '503': { description: 'A dependency is unreachable' } } } },
    '/metrics': {
      get: {
        summary: 'Prometheus metrics of the API process',
        description: 'Request durations per route pattern, counters of cases, rejected clerk actions, delivery lists and receipts, and process metrics, in the Prometheus text format.',
        responses: { '200': { description: 'Metrics', content: { 'text/plain': { schema: { type: 'string' } } } } },
      },
    },
    '/openapi.json': { get: { summary: 'This document', responses: { '200': { description: 'OpenAPI 3.1 document' } } } },
    '/docs': {
      get: {
        summary: 'This document as a web page',
        description: 'A self-contained HTML page that loads nothing from other hosts.',
        responses: { '200': { description: 'HTML page', content: { 'text/html': { schema: { type: 'string' } } } } },
      },
    },
    ...(sandbox ? sandboxPaths : {}),
    ...auditReportPaths,
    ...mailroomPaths,
    ...templatePaths,
  });
  for (const [path, item] of Object.entries(paths)) {
    if (path.startsWith('/api/v1/')) {
      addCommonApiParts(item);
    }
  }

  return {
    openapi: '3.1.0',
    info: {
      title: 'Loketbode API',
      version: '1.0.0',
      description:
        'Registers identity-document applications and tells citizens when to collect them. Errors have the shape {"error": {"code", "message", "field"}}: the code is stable English, the message Dutch unless Accept-Language asks for French or English. Requests are limited per API key, and without a valid key per IP address; over the limit the response is 429 with Retry-After.',
    },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'API key with the role clerk, manager or auditor' } },
      parameters: {
        AcceptLanguage: {
          name: 'Accept-Language',
          in: 'header',
          required: false,
          schema: { type: 'string', example: 'fr-BE,fr;q=0.9' },
          description: 'Language of error messages: nl (default), fr or en, with q-values as in HTTP',
        },
        RequestId: {
          name: 'X-Request-Id',
          in: 'header',
          required: false,
          schema: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$' },
          description: 'Id of the request in the logs. A well-formed id is kept and returned; otherwise the API generates one.',
        },
      },
      headers: {
        RequestId: { description: 'Id of this request in the logs', schema: { type: 'string' } },
        RetryAfter: { description: 'Seconds until the rate limit window ends', schema: { type: 'integer' } },
      },
      schemas: {
        ...caseSchemas,
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message'],
              properties: {
                code: { type: 'string', description: 'Stable English code, such as invalid_national_number' },
                message: { type: 'string', description: 'What is wrong and how to fix it, in the language of Accept-Language' },
                field: { type: 'string', description: 'The field, parameter or header at fault, such as citizen.nationalNumber' },
              },
            },
          },
        },
      },
    },
    paths,
  };
}

function addCommonApiParts(item: PathItem): void {
  for (const method of operationMethods) {
    const operation = item[method];
    if (!operation) {
      continue;
    }
    operation.parameters = [...(operation.parameters ?? []), { $ref: '#/components/parameters/AcceptLanguage' }, { $ref: '#/components/parameters/RequestId' }];
    const responses = (operation.responses ??= {});
    responses['429'] ??= {
      ...errorResponse,
      description: 'rate_limited: too many requests for this API key or address',
      headers: { 'Retry-After': { $ref: '#/components/headers/RetryAfter' } },
    };
    responses['503'] ??= { ...errorResponse, description: 'service_unavailable: Temporal or MongoDB is unreachable; nothing was changed' };
  }
}
