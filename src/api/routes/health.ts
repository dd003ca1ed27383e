import type { Connection } from '@temporalio/client';
import { Router } from 'express';
import { pingStore } from '../../store/connection';

/** Liveness, and readiness: Temporal and MongoDB both answer within two seconds. */
export function healthRoutes(connection: Connection): Router {
  const router = Router();

  router.get('/healthz', (_request, response) => {
    response.json({ status: 'ok' });
  });

  router.get('/readyz', async (_request, response) => {
    const [temporal, mongodb] = await Promise.all([pingTemporal(connection), pingStore()]);
    const ready = temporal && mongodb;
    response.status(ready ? 200 : 503).json({
      status: ready ? 'ready' : 'unavailable',
      checks: { temporal: temporal ? 'ok' : 'unreachable', mongodb: mongodb ? 'ok' : 'unreachable' },
    });
  });

  return router;
}

async function pingTemporal(connection: Connection): Promise<boolean> {
  try {
    await connection.withDeadline(Date.now() + 2_000, () => connection.workflowService.getSystemInfo({}));
    return true;
  } catch {
    return false;
  }
}
