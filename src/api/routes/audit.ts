import { Router, type Request } from 'express';
import { auditToCsv } from '../../audit/auditCsv';
import type { AuditService } from '../../audit/auditService';
import { requireRole, type KeyTable } from '../auth';
import { ApiError } from '../errors';
import { toApiError } from './applications';
import { negotiateFormat } from './reports';

/** Case id format: the UUID the API generated at registration; anything else cannot be a case. */
function caseId(request: Request): string {
  const id = String(request.params.id ?? '');
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id)) {
    throw new ApiError(404, 'not_found');
  }
  return id;
}

/** Serves the audit trail of a case to auditors only: JSON by default, CSV on Accept: text/csv. */
export function auditRoutes(service: AuditService, keys: KeyTable): Router {
  const router = Router();

  router.get('/applications/:id/audit', requireRole(keys, ['auditor']), async (request, response) => {
    const format = negotiateFormat(request);
    const id = caseId(request);
    let audit;
    try {
      audit = await service.auditCase(id);
    } catch (error) {
      throw toApiError(error);
    }

    response.setHeader('Cache-Control', 'no-store');
    if (format === 'csv') {
      response.type('text/csv; charset=utf-8');
      response.attachment(`audit-${id}.csv`);
      response.send(auditToCsv(audit));
      return;
    }
    response.json(audit);
  });

  return router;
}
