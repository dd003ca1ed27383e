import { Router, type Request } from 'express';
import type { PolicyFile } from '../../config/policyFile';
import { isChannel } from '../../domain/channels';
import { isDocumentType } from '../../domain/documentTypes';
import { defaultLanguage, languages, type Language } from '../../domain/languages';
import { messageKinds, MessageKind } from '../../domain/messageKinds';
import { isSentOnChannel } from '../../templates/messageChannels';
import { reminderCount, renderPreview, type PreviewRequest } from '../../templates/preview';
import { anyRole, requireRole, type KeyTable } from '../auth';
import { ApiError } from '../errors';

const previewParameters = new Set(['channel', 'language', 'documentType', 'office', 'reminderNumber']);

/** Message previews, so staff can read what a citizen receives before any case exists. */
export function templateRoutes(policy: PolicyFile, keys: KeyTable): Router {
  const router = Router();

  router.get('/templates/:kind/preview', requireRole(keys, anyRole), (request, response) => {
    const previewRequest = parsePreviewRequest(policy, request);
    response.json(renderPreview(policy, previewRequest));
  });

  return router;
}

/** Returns a query parameter, null when it is absent or empty, and rejects a repeated one. */
function queryParameter(request: Request, name: string): string | null {
  const value = request.query[name];
  if (value === undefined || value === '') {
    return null;
  }
  if (typeof value !== 'string') {
    throw new ApiError(400, 'invalid_query_parameter', name);
  }
  return value;
}

function parsePreviewRequest(policy: PolicyFile, request: Request): PreviewRequest {
  for (const name of Object.keys(request.query)) {
    if (!previewParameters.has(name)) {
      throw new ApiError(400, 'unknown_query_parameter', name);
    }
  }

  const kind = String(request.params.kind ?? '');
  if (!(messageKinds as readonly string[]).includes(kind)) {
    throw new ApiError(400, 'invalid_message_kind', 'kind');
  }
  const messageKind = kind as MessageKind;

  const channel = queryParameter(request, 'channel');
  if (channel === null) {
    throw new ApiError(400, 'missing_field', 'channel');
  }
  if (!isChannel(channel)) {
    throw new ApiError(400, 'invalid_channel', 'channel');
  }
  if (!isSentOnChannel(messageKind, channel)) {
    throw new ApiError(400, 'kind_not_sent_on_channel', 'channel');
  }

  const language = queryParameter(request, 'language') ?? defaultLanguage;
  if (!(languages as readonly string[]).includes(language)) {
    throw new ApiError(400, 'invalid_language', 'language');
  }

  const documentType = queryParameter(request, 'documentType');
  if (documentType === null) {
    throw new ApiError(400, 'missing_field', 'documentType');
  }
  if (!isDocumentType(documentType)) {
    throw new ApiError(400, 'invalid_document_type', 'documentType');
  }

  const officeId = queryParameter(request, 'office') ?? policy.defaultOffice;
  if (!Object.hasOwn(policy.offices, officeId)) {
    throw new ApiError(400, 'unknown_office', 'office');
  }

  const reminderNumber = parseReminderNumber(queryParameter(request, 'reminderNumber'), messageKind, reminderCount(policy, documentType, officeId));
  return { kind: messageKind, channel, language: language as Language, documentType, officeId, reminderNumber };
}

/** Parses the reminder number: a reminder defaults to the first, and other kinds take none. */
function parseReminderNumber(value: string | null, kind: MessageKind, count: number): number | null {
  if (kind !== MessageKind.Reminder) {
    if (value !== null) {
      throw new ApiError(400, 'invalid_reminder_number', 'reminderNumber');
    }
    return null;
  }
  if (value === null) {
    return 1;
  }
  const number = /^[1-9][0-9]{0,2}$/.test(value) ? Number(value) : NaN;
  if (!(number <= count)) {
    throw new ApiError(400, 'invalid_reminder_number', 'reminderNumber', `Dit loket stuurt ${count} herinnering(en).`);
  }
  return number;
}
