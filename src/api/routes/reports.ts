import { Router, type Request } from 'express';
import type { PolicyFile } from '../../config/policyFile';
import { isUnavailableError } from '../../cases/caseErrors';
import { logger } from '../../logging';
import { buildNotificationReport } from '../../reports/notificationReport';
import { reportToCsv } from '../../reports/reportCsv';
import { parseReportQuery, ReportQueryError } from '../../reports/reportQuery';
import { requireRole, type KeyTable } from '../auth';
import { ApiError } from '../errors';

/** Picks JSON or CSV from the Accept header; JSON when the client states no preference, 406 when it accepts neither. */
export function negotiateFormat(request: Request): 'json' | 'csv' {
  const accepted = request.accepts(['application/json', 'text/csv']);
  if (accepted === 'text/csv') {
    return 'csv';
  }
  if (accepted === 'application/json') {
    return 'json';
  }
  throw new ApiError(406, 'not_acceptable', 'Accept');
}

/** Reports for managers: JSON by default, CSV on Accept: text/csv. */
export function reportRoutes(policy: PolicyFile, keys: KeyTable): Router {
  const router = Router();
  const offices = Object.keys(policy.offices);

  router.get('/reports/notifications', requireRole(keys, ['manager']), async (request, response) => {
    const format = negotiateFormat(request);
    let query;
    try {
      query = parseReportQuery(request.query as Record<string, unknown>, offices);
    } catch (error) {
      if (error instanceof ReportQueryError) {
        throw new ApiError(400, error.code, error.field);
      }
      throw error;
    }

    let report;
    try {
      report = await buildNotificationReport(query, policy.tariffs);
    } catch (error) {
      if (isUnavailableError(error)) {
        logger.warn({ err: (error as Error).message }, 'MongoDB unreachable while building a report');
        throw new ApiError(503, 'service_unavailable');
      }
      throw error;
    }

    response.setHeader('Cache-Control', 'no-store');
    if (format === 'csv') {
      const office = query.office ?? 'all';
      response.type('text/csv; charset=utf-8');
      response.attachment(`notifications-${office}-${query.from.toISOString().slice(0, 10)}-${query.to.toISOString().slice(0, 10)}.csv`);
      response.send(reportToCsv(report));
      return;
    }
    response.json(report);
  });

  return router;
}
