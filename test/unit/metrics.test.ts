import net from 'node:net';
import { ApplicationFailure } from '@temporalio/common';
import type { Request, Response } from 'express';
import { apiRegistry, countDeliveryReceipt } from '../../src/metrics/apiMetrics';
import { routePattern, unmatchedRoute } from '../../src/metrics/httpMetrics';
import { countMessageFailed, countMessageSent, workerRegistry } from '../../src/metrics/workerMetrics';
import { startWorkerMetricsServer } from '../../src/metrics/workerMetricsServer';
import { readWorkerMetricsSettings } from '../../src/metrics/workerMetricsSettings';
import type { Registry } from 'prom-client';

/** Returns the value of one labelled sample, or 0 when the registry has none. */
async function sample(registry: Registry, name: string, labels: Record<string, string>): Promise<number> {
  const metric = registry.getSingleMetric(name);
  if (!metric) {
    throw new Error(`metric ${name} is not registered`);
  }
  const { values } = await metric.get();
  const match = values.find((value) => Object.entries(labels).every(([key, expected]) => value.labels[key] === expected));
  return match?.value ?? 0;
}

describe('readWorkerMetricsSettings', () => {
  test('unset or empty ports switch endpoints off', () => {
    expect(readWorkerMetricsSettings({})).toEqual({ host: '127.0.0.1', port: null, sdkPort: null });
    expect(readWorkerMetricsSettings({ WORKER_METRICS_PORT: '', TEMPORAL_SDK_METRICS_PORT: ' ' })).toEqual({ host: '127.0.0.1', port: null, sdkPort: null });
  });

  test('reads host and both ports', () => {
    const settings = readWorkerMetricsSettings({ WORKER_METRICS_HOST: '0.0.0.0', WORKER_METRICS_PORT: '9464', TEMPORAL_SDK_METRICS_PORT: '9465' });
    expect(settings).toEqual({ host: '0.0.0.0', port: 9464, sdkPort: 9465 });
  });

  test.each(['abc', '0', '65536', '94.5', '-1'])('invalid port "%s" is rejected', (value) => {
    expect(() => readWorkerMetricsSettings({ WORKER_METRICS_PORT: value })).toThrow(`invalid WORKER_METRICS_PORT "${value}": use a port number from 1 to 65535`);
    expect(() => readWorkerMetricsSettings({ TEMPORAL_SDK_METRICS_PORT: value })).toThrow(`invalid TEMPORAL_SDK_METRICS_PORT "${value}"`);
  });
});

describe('message outcomes', () => {
  const messages = (channel: string, kind: string, outcome: string) => sample(workerRegistry, 'loketbode_messages_total', { channel, kind, outcome });
  const fallbacks = (from: string, to: string) =>
    sample(workerRegistry, 'loketbode_fallbacks_total', { trigger: 'send-failure', from_channel: from, to_channel: to });

  test('permanent failure counts as failed with a fallback', async () => {
    countMessageFailed('sms', 'pickup-notice', ApplicationFailure.nonRetryable('Vonage status 6', 'SmsRejected'));
    expect(await messages('sms', 'pickup-notice', 'failed')).toBe(1);
    expect(await fallbacks('sms', 'email')).toBe(1);
  });

  test('failed letter has no channel to fall back to', async () => {
    countMessageFailed('letter', 'escalation-letter', ApplicationFailure.nonRetryable('no address', 'MissingContactData'));
    expect(await messages('letter', 'escalation-letter', 'failed')).toBe(1);
    const { values } = await (workerRegistry.getSingleMetric('loketbode_fallbacks_total') as NonNullable<ReturnType<Registry['getSingleMetric']>>).get();
    expect(values.filter((value) => value.labels.from_channel === 'letter')).toEqual([]);
  });

  test('temporary failure counts as retry', async () => {
    countMessageFailed('email', 'reminder', ApplicationFailure.retryable('SMTP 421', 'TemporarySendFailure'));
    expect(await messages('email', 'reminder', 'retry')).toBe(1);
    expect(await fallbacks('email', 'letter')).toBe(0);
  });

  test('unexpected error counts as error', async () => {
    countMessageFailed('email', 'pickup-notice', new Error('connection reset'));
    expect(await messages('email', 'pickup-notice', 'error')).toBe(1);
  });

  test('duplicate reminder counts as duplicate only', async () => {
    countMessageSent('sms', 'reminder', false);
    countMessageSent('sms', 'reminder', true);
    expect(await messages('sms', 'reminder', 'sent')).toBe(1);
    expect(await messages('sms', 'reminder', 'duplicate')).toBe(1);
    expect(await sample(workerRegistry, 'loketbode_reminders_sent_total', { channel: 'sms' })).toBe(1);
  });
});

test('unlisted receipt status counts as other', async () => {
  countDeliveryReceipt('delivered');
  countDeliveryReceipt('<script>');
  expect(await sample(apiRegistry, 'loketbode_delivery_receipts_total', { status: 'delivered' })).toBe(1);
  expect(await sample(apiRegistry, 'loketbode_delivery_receipts_total', { status: 'other' })).toBe(1);
  expect(await apiRegistry.metrics()).not.toContain('<script>');
});

describe('routePattern', () => {
  const fakeRequest = (path?: string) => ({ route: path === undefined ? undefined : { path } }) as unknown as Request;
  const fakeResponse = (mountPath?: string) => ({ locals: mountPath === undefined ? {} : { mountPath } }) as unknown as Response;

  test('joins mount path and route path', () => {
    expect(routePattern(fakeRequest('/applications/:id/ready'), fakeResponse('/api/v1'))).toBe('/api/v1/applications/:id/ready');
  });

  test('root route keeps its path', () => {
    expect(routePattern(fakeRequest('/healthz'), fakeResponse())).toBe('/healthz');
  });

  test('request without route is unmatched', () => {
    expect(routePattern(fakeRequest(), fakeResponse('/api/v1'))).toBe(unmatchedRoute);
  });
});

test('cases gauge is empty without MongoDB', async () => {
  const { values } = await (workerRegistry.getSingleMetric('loketbode_cases') as NonNullable<ReturnType<Registry['getSingleMetric']>>).get();
  expect(values).toEqual([]);
});

test('worker metrics server names the taken port', async () => {
  const blocker = net.createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', () => resolve()));
  const { port } = blocker.address() as net.AddressInfo;
  try {
    await expect(startWorkerMetricsServer({ host: '127.0.0.1', port })).rejects.toThrow(`failed to listen on 127.0.0.1:${port}: stop the process that holds it, or set WORKER_METRICS_PORT`);
  } finally {
    await new Promise<void>((resolve) => blocker.close(() => resolve()));
  }
});
