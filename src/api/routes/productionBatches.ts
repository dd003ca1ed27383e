import type { Client } from '@temporalio/client';
import express, { Router, type Request } from 'express';
import { startProductionBatch } from '../../cases/productionBatch';
import { requireRole, type KeyTable } from '../auth';
import { ApiError } from '../errors';
import { errorLanguageFor } from '../i18n/errorLanguage';
import { errorMessage } from '../i18n/errorMessage';
import { linesFromCsv, linesFromJson } from '../validation/batchInput';
import { toApiError } from './applications';

/** A delivery list of 5,000 lines fits comfortably in 1 MiB. */
const batchBodyLimit = '1mb';

export function productionBatchRoutes(client: Client, taskQueue: string, keys: KeyTable): Router {
  const router = Router();

  router.post(
    '/production-batches',
    requireRole(keys, ['clerk']),
    express.json({ limit: batchBodyLimit, strict: true }),
    express.text({ type: 'text/csv', limit: batchBodyLimit }),
    async (request: Request, response) => {
      const lines = request.is('application/json')
        ? linesFromJson(request.body)
        : request.is('text/csv')
          ? linesFromCsv(String(request.body ?? ''))
          : unsupported();
      try {
        const batch = await startProductionBatch(client, taskQueue, lines, request.res?.locals.caller?.identity ?? 'unknown');
        const language = errorLanguageFor(request);
        const results = batch.results.map((result) => (result.code ? { ...result, message: errorMessage(result.code, language) } : result));
        response.status(202).json({ ...batch, results });
      } catch (error) {
        throw toApiError(error);
      }
    },
  );

  return router;
}

function unsupported(): never {
  throw new ApiError(415, 'unsupported_media_type', null, {
    nl: 'Een leveringslijst mag ook als text/csv.',
    fr: 'Une liste de livraison peut aussi être envoyée en text/csv.',
    en: 'A delivery list may also be sent as text/csv.',
  });
}
