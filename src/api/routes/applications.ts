import { Router, type Request } from 'express';
import { CaseError } from '../../cases/caseErrors';
import type { CaseService } from '../../cases/caseService';
import { anyRole, requireRole, type KeyTable } from '../auth';
import { ApiError } from '../errors';
import { caseIdParameter } from './caseIdParameter';
import { jsonBody, requireJson } from '../requireJson';
import { listCases } from '../../cases/caseList';
import { cancelSchema, contactChangeSchema, listQuerySchema, registerApplicationSchema } from '../validation/applicationSchema';
import { parseBody, parseQuery } from '../validation/parse';

const statusForKind = { invalid: 400, not_found: 404, conflict: 409, unavailable: 503 } as const;

/** Translates a case error into the API's error; other errors pass on unchanged. */
export function toApiError(error: unknown): unknown {
  if (error instanceof CaseError) {
    return new ApiError(statusForKind[error.kind], error.code, error.field);
  }
  return error;
}

function callerIdentity(request: Request): string {
  return request.res?.locals.caller?.identity ?? 'unknown';
}

function idempotencyKey(request: Request): string | null {
  const key = request.get('idempotency-key');
  if (key === undefined) {
    return null;
  }
  if (!/^[\x21-\x7e]{1,200}$/.test(key)) {
    throw new ApiError(400, 'invalid_idempotency_key', 'Idempotency-Key');
  }
  return key;
}

export function applicationRoutes(service: CaseService, keys: KeyTable): Router {
  const router = Router();
  const clerk = requireRole(keys, ['clerk']);

  router.post('/applications', clerk, requireJson, jsonBody, async (request, response) => {
    const key = idempotencyKey(request);
    const body = parseBody(registerApplicationSchema, request.body);
    try {
      const registered = await service.register(body, callerIdentity(request), key);
      response.status(201).location(`/api/v1/applications/${registered.id}`).json(registered);
    } catch (error) {
      throw toApiError(error);
    }
  });

  router.get('/applications', requireRole(keys, anyRole), async (request, response) => {
    const query = parseQuery(listQuerySchema, request.query as Record<string, unknown>);
    response.json(await listCases(query));
  });

  router.get('/applications/:id', requireRole(keys, anyRole), async (request, response) => {
    try {
      response.json(await service.getCase(caseIdParameter(request)));
    } catch (error) {
      throw toApiError(error);
    }
  });

  router.post('/applications/:id/ready', clerk, async (request, response) => {
    try {
      const state = await service.markReady(caseIdParameter(request), callerIdentity(request));
      response.json({ id: state.caseId, reference: state.reference, status: state.status });
    } catch (error) {
      throw toApiError(error);
    }
  });

  router.post('/applications/:id/collected', clerk, async (request, response) => {
    try {
      const state = await service.markCollected(caseIdParameter(request), callerIdentity(request));
      response.json({ id: state.caseId, reference: state.reference, status: state.status });
    } catch (error) {
      throw toApiError(error);
    }
  });

  router.post('/applications/:id/cancel', clerk, requireJson, jsonBody, async (request, response) => {
    const id = caseIdParameter(request);
    const { reason } = parseBody(cancelSchema, request.body);
    try {
      const state = await service.cancel(id, callerIdentity(request), reason);
      response.json({ id: state.caseId, reference: state.reference, status: state.status });
    } catch (error) {
      throw toApiError(error);
    }
  });

  router.patch('/applications/:id/contact', clerk, requireJson, jsonBody, async (request, response) => {
    const id = caseIdParameter(request);
    const change = parseBody(contactChangeSchema, request.body);
    try {
      const state = await service.changeContact(id, callerIdentity(request), change);
      response.json({ id: state.caseId, reference: state.reference, status: state.status, preferredChannel: state.preferredChannel });
    } catch (error) {
      throw toApiError(error);
    }
  });

  return router;
}
