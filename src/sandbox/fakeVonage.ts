import crypto from 'node:crypto';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { measureSms } from '../domain/smsEncoding';
import { logger } from '../logging';
import { SandboxMessageModel } from '../store/sandboxMessageModel';

/**
 * Behaviour the tests and a person trying the product can set: numbers the
 * fake provider refuses with a given Vonage status, and answers to give to
 * the next requests (an HTTP status such as 429, or a Vonage status such as '1').
 */
interface FakeVonageRules {
  refusedNumbers: Map<string, string>;
  nextAnswers: Array<number | string>;
  /** Milliseconds to wait after accepting a message before answering, as a slow provider would. */
  answerDelayMs: number;
}

const errorTexts: Record<string, string> = {
  '1': 'Throttled',
  '2': 'Missing Parameters',
  '3': 'Invalid Parameters',
  '4': 'Invalid Credentials',
  '5': 'Internal Error',
  '6': 'Invalid Message',
  '7': 'Number Barred',
  '15': 'Illegal Sender Address - rejected',
  '29': 'Non-Whitelisted Destination',
  '33': 'Number de-activated',
};

function vonageAnswer(response: express.Response, messages: Array<Record<string, string>>): void {
  // Vonage answers with string status codes and a string message count.
  response.type('application/json').send(JSON.stringify({ 'message-count': String(messages.length), messages }));
}

function rejection(to: string, status: string): Record<string, string> {
  return { to, status, 'error-text': errorTexts[status] ?? 'Rejected' };
}

/**
 * A local stand-in for the Vonage SMS API (POST /sms/json) that speaks the
 * real request and response shapes, and stores what it accepted for the sandbox.
 */
export function createFakeVonageApp(credentials: { apiKey: string; apiSecret: string }) {
  const rules: FakeVonageRules = { refusedNumbers: new Map(), nextAnswers: [], answerDelayMs: 0 };
  const app = express();
  app.use(express.json({ limit: '64kb' }));
  app.use(express.urlencoded({ extended: false, limit: '64kb' }));

  app.post('/sms/json', async (request, response) => {
    const body = request.body as Record<string, string | undefined>;
    const to = String(body.to ?? '');

    const forced = rules.nextAnswers.shift();
    if (typeof forced === 'number') {
      response.status(forced).json({ type: 'about:blank', title: `Forced HTTP ${forced}` });
      return;
    }
    if (typeof forced === 'string') {
      vonageAnswer(response, [rejection(to, forced)]);
      return;
    }

    const basic = Buffer.from((request.get('authorization') ?? '').replace(/^Basic /, ''), 'base64').toString();
    const [apiKey, apiSecret] = basic ? basic.split(':') : [body.api_key, body.api_secret];
    if (apiKey !== credentials.apiKey || apiSecret !== credentials.apiSecret) {
      vonageAnswer(response, [rejection(to, '4')]);
      return;
    }
    if (!to || !body.from || !body.text) {
      vonageAnswer(response, [rejection(to, '2')]);
      return;
    }
    const refusal = rules.refusedNumbers.get(to);
    if (refusal) {
      vonageAnswer(response, [rejection(to, refusal)]);
      return;
    }

    const size = measureSms(body.text);
    if (size.encoding === 'UCS-2' && body.type !== 'unicode') {
      // The real API would garble the text; the fake refuses so the mistake shows in tests.
      vonageAnswer(response, [rejection(to, '3')]);
      return;
    }

    const messageIds = Array.from({ length: size.segments }, () => crypto.randomUUID().toUpperCase());
    await SandboxMessageModel.create({
      channel: 'sms',
      to: `+${to}`,
      from: body.from,
      text: body.text,
      providerMessageId: messageIds[0],
      clientRef: body['client-ref'] ?? null,
    });
    if (rules.answerDelayMs > 0) {
      await new Promise((resolve) => setTimeout(resolve, rules.answerDelayMs));
    }
    vonageAnswer(
      response,
      messageIds.map((messageId) => ({
        to,
        'message-id': messageId,
        status: '0',
        'remaining-balance': '100.00',
        'message-price': '0.07',
        network: '20610',
        ...(body['client-ref'] ? { 'client-ref': body['client-ref'] } : {}),
      })),
    );
  });

  app.post('/_sandbox/refuse', (request, response) => {
    const { number, status } = request.body as { number?: string; status?: string };
    if (!number || !status || !/^\d+$/.test(number) || !/^\d+$/.test(status)) {
      response.status(400).json({ error: 'expected {"number": "32470000000", "status": "6"}' });
      return;
    }
    rules.refusedNumbers.set(number, status);
    response.status(204).end();
  });

  app.post('/_sandbox/next-answers', (request, response) => {
    const { answers } = request.body as { answers?: Array<number | string> };
    if (!Array.isArray(answers)) {
      response.status(400).json({ error: 'expected {"answers": [429, 500, "1"]}' });
      return;
    }
    rules.nextAnswers.push(...answers);
    response.status(204).end();
  });

  app.post('/_sandbox/answer-delay', (request, response) => {
    const { ms } = request.body as { ms?: number };
    if (typeof ms !== 'number' || ms < 0 || ms > 60_000) {
      response.status(400).json({ error: 'expected {"ms": 5000}, at most 60000' });
      return;
    }
    rules.answerDelayMs = ms;
    response.status(204).end();
  });

  app.post('/_sandbox/reset', (_request, response) => {
    rules.refusedNumbers.clear();
    rules.nextAnswers.length = 0;
    rules.answerDelayMs = 0;
    response.status(204).end();
  });

  return app;
}

export async function startFakeVonage(
  port: number,
  credentials: { apiKey: string; apiSecret: string },
): Promise<{ port: number; close: () => Promise<void> }> {
  const app = createFakeVonageApp(credentials);
  const server = await new Promise<import('node:http').Server>((resolve, reject) => {
    const listening = app.listen(port, '127.0.0.1', () => resolve(listening));
    listening.once('error', reject);
  });
  logger.debug({ port }, 'Fake Vonage listening');
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
