import path from 'node:path';
import { projectRoot, readSettings } from '../config/env';
import { readWorkerMetricsSettings, type WorkerMetricsSettings } from '../metrics/workerMetricsSettings';
import { startSandbox, type Sandbox } from '../sandbox/startSandbox';
import { connectStore, disconnectStore } from '../store/connection';
import { startFerretdb, startTemporal } from './localServices';
import { canConnect, spawnService, waitForPort, type RunningService } from './processes';

const varDir = path.join(projectRoot, 'var');
const logDir = path.join(varDir, 'log');

const localPorts = { temporal: 7233, temporalUi: 8233, mongodb: 27017, smtp: 1025, vonage: 3001 } as const;

/** 9464 is the default port of OpenTelemetry's Prometheus exporter (opentelemetry-js configuration reference). */
const defaultMetricsPorts = { worker: 9464, temporalSdk: 9465 } as const;

/** Fails with the way out: stop the other process, or point Loketbode at the running service. */
async function requireFreePort(port: number, what: string, instead: string): Promise<void> {
  if (await canConnect(port)) {
    throw new Error(`port ${port} for ${what} is already in use: stop the process that holds it, or ${instead}`);
  }
}

/**
 * Starts the whole product on its embedded defaults: the Temporal dev server,
 * FerretDB, the SMTP and SMS sandbox, the worker and the API. A service named
 * by TEMPORAL_ADDRESS, MONGODB_URI, SMTP_URL or VONAGE_API_KEY is used instead
 * of the local one. Ctrl-C stops everything this command started.
 */
async function main(): Promise<void> {
  const started: RunningService[] = [];
  let sandbox: Sandbox | null = null;
  const env: NodeJS.ProcessEnv = { ...process.env };

  const stopAll = async () => {
    for (const service of [...started].reverse()) {
      await service.stop();
    }
    await sandbox?.close();
    await disconnectStore();
  };
  let stopping = false;
  const onSignal = () => {
    if (stopping) {
      return;
    }
    stopping = true;
    console.log('\nStopping Loketbode...');
    stopAll().then(
      () => {
        console.log('Loketbode stopped.');
        process.exit(0);
      },
      () => process.exit(1),
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  try {
    // Every port is checked before anything starts, so a clash costs no start-up time.
    const initialSettings = readSettings(env);
    await requireFreePort(initialSettings.port, 'the API', 'set PORT to another port');

    // The worker serves its metrics by default here; an empty variable switches that endpoint off.
    env.WORKER_METRICS_PORT ??= String(defaultMetricsPorts.worker);
    env.TEMPORAL_SDK_METRICS_PORT ??= String(defaultMetricsPorts.temporalSdk);
    const metricsSettings = readWorkerMetricsSettings(env);
    if (metricsSettings.port !== null) {
      await requireFreePort(metricsSettings.port, 'the worker metrics', 'set WORKER_METRICS_PORT to another port, or to empty to switch it off');
    }
    if (metricsSettings.sdkPort !== null) {
      await requireFreePort(metricsSettings.sdkPort, 'the Temporal SDK metrics', 'set TEMPORAL_SDK_METRICS_PORT to another port, or to empty to switch it off');
    }
    if (!process.env.TEMPORAL_ADDRESS) {
      await requireFreePort(localPorts.temporal, 'Temporal', 'set TEMPORAL_ADDRESS to use a running Temporal server');
      await requireFreePort(localPorts.temporalUi, 'the Temporal Web UI', 'set TEMPORAL_ADDRESS to use a running Temporal server');
    }
    if (!process.env.MONGODB_URI) {
      await requireFreePort(localPorts.mongodb, 'FerretDB', 'set MONGODB_URI to use a running MongoDB');
    }
    if (!process.env.SMTP_URL) {
      await requireFreePort(localPorts.smtp, 'the sandbox SMTP server', 'set SMTP_URL to use a running SMTP server');
    }
    if (!process.env.VONAGE_API_KEY) {
      await requireFreePort(localPorts.vonage, 'the fake Vonage API', 'set VONAGE_API_KEY and VONAGE_API_SECRET to send real SMS');
    }

    if (!process.env.TEMPORAL_ADDRESS) {
      console.log('Starting Temporal dev server (SQLite in var/temporal)...');
      started.push(await startTemporal({ port: localPorts.temporal, uiPort: localPorts.temporalUi, dataDir: path.join(varDir, 'temporal'), logDir }));
      env.TEMPORAL_ADDRESS = `127.0.0.1:${localPorts.temporal}`;
    }
    if (!process.env.MONGODB_URI) {
      console.log('Starting FerretDB (SQLite in var/ferretdb)...');
      started.push(await startFerretdb({ port: localPorts.mongodb, dataDir: path.join(varDir, 'ferretdb'), logDir }));
      env.MONGODB_URI = `mongodb://127.0.0.1:${localPorts.mongodb}/loketbode`;
    }

    const settings = readSettings(env);
    const localSmtp = !process.env.SMTP_URL;
    const localSms = !process.env.VONAGE_API_KEY;
    if (localSmtp || localSms) {
      await connectStore(settings.mongodbUri);
      sandbox = await startSandbox({
        smtpPort: localSmtp ? localPorts.smtp : 0,
        vonagePort: localSms ? localPorts.vonage : 0,
        vonageCredentials: { apiKey: settings.vonage.apiKey, apiSecret: settings.vonage.apiSecret },
      });
      if (localSmtp) env.SMTP_URL = `smtp://127.0.0.1:${sandbox.smtpPort}`;
      if (localSms) env.VONAGE_REST_HOST = `http://127.0.0.1:${sandbox.vonagePort}`;
    }

    const runTypeScript = (file: string) => ['--import', 'tsx', path.join(projectRoot, file)];
    started.push(
      spawnService('worker', process.execPath, runTypeScript('src/worker/main.ts'), {
        env: { ...env, LOKETBODE_SERVICE: 'worker' },
        logFile: path.join(logDir, 'worker.log'),
      }),
    );
    const api = spawnService('api', process.execPath, runTypeScript('src/api/main.ts'), {
      env: { ...env, LOKETBODE_SERVICE: 'api' },
      logFile: path.join(logDir, 'api.log'),
    });
    started.push(api);
    await waitForPort(settings.port, api);

    printBanner(settings.port, !process.env.TEMPORAL_ADDRESS, sandbox !== null, metricsSettings);
  } catch (error) {
    console.error(`Loketbode did not start: ${(error as Error).message}`);
    console.error(`Logs are in ${logDir}.`);
    await stopAll();
    process.exit(1);
  }
}

function printBanner(port: number, localTemporal: boolean, localSandbox: boolean, metrics: WorkerMetricsSettings): void {
  const api = `http://127.0.0.1:${port}`;
  const lines = [
    '',
    'Loketbode is running.',
    `  API            ${api}/api/v1`,
    `  OpenAPI        ${api}/openapi.json`,
    `  API metrics    ${api}/metrics`,
    metrics.port !== null ? `  Worker metrics http://${metrics.host}:${metrics.port}/metrics` : null,
    metrics.sdkPort !== null ? `  SDK metrics    http://${metrics.host}:${metrics.sdkPort}/metrics  (Temporal SDK worker metrics)` : null,
    localTemporal ? `  Temporal UI    http://127.0.0.1:${localPorts.temporalUi}` : null,
    localSandbox ? `  Sandbox        ${api}/sandbox  (messages citizens would receive)` : null,
    `  Logs           ${logDir}`,
    '',
    'Development API keys (never valid in production):',
    '  dev-clerk      register applications and record clerk actions',
    '  dev-manager    reports',
    '  dev-auditor    audit trail',
    '',
    'Press Ctrl-C to stop.',
  ];
  console.log(lines.filter((line) => line !== null).join('\n'));
}

void main();
