import { Client, Connection } from '@temporalio/client';
import express, { type Express } from 'express';
import type { Settings } from '../config/env';
import type { PolicyFile } from '../config/policyFile';
import { AuditService } from '../audit/auditService';
import { CaseService } from '../cases/caseService';
import { logger } from '../logging';
import { apiRegistry } from '../metrics/apiMetrics';
import { measureRequestDuration, metricsEndpoint, recordMountPath } from '../metrics/httpMetrics';
import { collectProcessMetrics } from '../metrics/processMetrics';
import type { KeyTable } from './auth';
import { documentationRoutes } from './docsPage';
import { notFoundRoute, renderError } from './errors';
import { buildOpenApiDocument } from './openapi';
import { apiRateLimits, readRateLimitSettings, type RateLimitSettings } from './rateLimit';
import { requestContext } from './requestContext';
import { applicationRoutes } from './routes/applications';
import { auditRoutes } from './routes/audit';
import { healthRoutes } from './routes/health';
import { mailroomRoutes } from './routes/mailroom';
import { productionBatchRoutes } from './routes/productionBatches';
import { reportRoutes } from './routes/reports';
import { sandboxRoutes } from './routes/sandbox';
import { webhookRoutes } from './routes/webhooks';
import { templateRoutes } from './routes/templates';
import { readTemporalDeadlineMs, temporalDeadline } from './temporalDeadline';

export interface ApiDependencies {
  settings: Settings;
  policy: PolicyFile;
  keys: KeyTable;
  connection: Connection;
  /** Request limits; read from the RATE_LIMIT_* variables when absent. */
  rateLimits?: RateLimitSettings;
  /** Time in ms a request may spend on Temporal calls; read from API_TEMPORAL_DEADLINE_MS when absent. */
  temporalDeadlineMs?: number;
}

/** Builds the HTTP API. Every response carries a request id, which every log line of that request repeats. */
export function createApp({ settings, policy, keys, connection, rateLimits, temporalDeadlineMs }: ApiDependencies): Express {
  const client = new Client({ connection, namespace: settings.temporalNamespace });
  const service = new CaseService(client, settings.taskQueue, policy);
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');

  app.use(requestContext);
  app.use(measureRequestDuration);

  app.use(temporalDeadline(connection, temporalDeadlineMs ?? readTemporalDeadlineMs()));

  app.use(documentationRoutes(buildOpenApiDocument({ sandbox: !settings.production, webhook: Boolean(settings.vonage.signatureSecret) })));
  app.use(healthRoutes(connection));
  collectProcessMetrics(apiRegistry);
  app.get('/metrics', metricsEndpoint(apiRegistry));
  app.use('/api/v1', recordMountPath);
  app.use('/api/v1', ...apiRateLimits(keys, rateLimits ?? readRateLimitSettings()));
  app.use('/api/v1', applicationRoutes(service, keys));
  app.use('/api/v1', mailroomRoutes(keys, settings.mailroomDir));
  app.use('/api/v1', auditRoutes(new AuditService(client), keys));
  app.use('/api/v1', reportRoutes(policy, keys));
  app.use('/api/v1', productionBatchRoutes(client, settings.taskQueue, keys));
  app.use('/api/v1', templateRoutes(policy, keys));
  if (settings.vonage.signatureSecret) {
    app.use('/api/v1', webhookRoutes(client, { secret: settings.vonage.signatureSecret, algorithm: settings.vonage.signatureAlgorithm }));
  } else {
    logger.warn('VONAGE_SIGNATURE_SECRET is not set: the delivery-receipt webhook is off');
  }
  if (!settings.production) {
    app.use(sandboxRoutes());
  }

  app.use(notFoundRoute);
  app.use(renderError);
  return app;
}
