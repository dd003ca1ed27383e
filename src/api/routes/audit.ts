import { Router, type Request } from 'express';
import { auditToCsv } from '../../audit/auditCsv';
import type { AuditService } from '../../audit/auditService';
import { requireRole, type KeyTable } from '../auth';
import { ApiError } from '../errors';
import { caseIdParameter } from './caseIdParameter';
import { toApiError } from './applications';
import { negotiateFormat } from './reports';

/** Serves the audit trail of a case to auditors only: JSON by default, CSV on Accept: text/csv. */
export function auditRoutes(service: AuditService, keys: KeyTable): Router {
  const router = Router();

  router.get('/applications/:id/audit', requireRole(keys, ['auditor']), async (request, response) => {
    const format = negotiateFormat(request);
    const id = caseIdParameter(request);
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
