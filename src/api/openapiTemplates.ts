import { channels } from '../domain/channels';
import { documentTypes } from '../domain/documentTypes';
import { languages } from '../domain/languages';
import { messageKinds } from '../domain/messageKinds';

const errorResponse = {
  description: 'Error with a stable English code and a Dutch message',
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
};

/** OpenAPI paths of the message template preview. */
export const templatePaths = {
  '/api/v1/templates/{kind}/preview': {
    get: {
      summary: 'Render a message with fictitious citizen data, to check what a citizen receives',
      security: [{ bearer: [] }],
      parameters: [
        { name: 'kind', in: 'path', required: true, schema: { type: 'string', enum: messageKinds } },
        {
          name: 'channel',
          in: 'query',
          required: true,
          schema: { type: 'string', enum: channels },
          description: 'escalation-letter exists for letter only',
        },
        { name: 'documentType', in: 'query', required: true, schema: { type: 'string', enum: documentTypes } },
        { name: 'language', in: 'query', required: false, schema: { type: 'string', enum: languages, default: 'nl' } },
        {
          name: 'office',
          in: 'query',
          required: false,
          schema: { type: 'string' },
          description: 'Office id from the policy file; its name, address, hours and deadlines fill the sample. Defaults to the default office.',
        },
        {
          name: 'reminderNumber',
          in: 'query',
          required: false,
          schema: { type: 'integer', minimum: 1, default: 1 },
          description: 'Only for kind reminder: which reminder, up to the number the office sends. The last one announces the letter.',
        },
      ],
      responses: {
        '200': {
          description: 'The rendered message. subject and html are null except for e-mail, and encoding and segments are null except for SMS.',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['subject', 'text', 'html', 'encoding', 'segments'],
                properties: {
                  subject: { type: ['string', 'null'] },
                  text: { type: 'string' },
                  html: { type: ['string', 'null'] },
                  encoding: { type: ['string', 'null'], enum: ['GSM-7', 'UCS-2', null] },
                  segments: { type: ['integer', 'null'] },
                },
              },
            },
          },
        },
        '400': { ...errorResponse, description: 'Unknown kind, channel, language, document type, office or parameter, or a kind not sent on that channel' },
        '401': errorResponse,
      },
    },
  },
};
