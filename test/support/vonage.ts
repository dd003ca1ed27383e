import crypto from 'node:crypto';
import type { Harness } from './harness';

/** Tells the fake Vonage server to refuse a number (E.164 without +) with a Vonage status code. */
export async function refuseNumber(number: string, status: string, vonageUrl = process.env.VONAGE_REST_HOST): Promise<void> {
  const response = await fetch(`${vonageUrl}/_sandbox/refuse`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ number, status }),
  });
  expect(response.status).toBe(204);
}

/** Sets the answers the fake Vonage server gives to the next requests: HTTP statuses or Vonage status codes. */
export async function queueVonageAnswers(answers: Array<number | string>, vonageUrl = process.env.VONAGE_REST_HOST): Promise<void> {
  const response = await fetch(`${vonageUrl}/_sandbox/next-answers`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ answers }),
  });
  expect(response.status).toBe(204);
}

/** Makes the fake Vonage server wait this long after accepting a message before it answers. */
export async function delayVonageAnswers(ms: number, vonageUrl = process.env.VONAGE_REST_HOST): Promise<void> {
  const response = await fetch(`${vonageUrl}/_sandbox/answer-delay`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ms }),
  });
  expect(response.status).toBe(204);
}

/**
 * Signs receipt parameters as Vonage does with SHA-256 HMAC: the sorted
 * parameters joined as `&name=value`, with & and = in values replaced by _.
 * Written independently of the SDK, so the test checks the API against the
 * documented method rather than against itself.
 */
export function signParameters(parameters: Record<string, string>, secret: string): Record<string, string> {
  const signed = { ...parameters, timestamp: parameters.timestamp ?? String(Math.floor(Date.now() / 1000)), nonce: parameters.nonce ?? crypto.randomUUID() };
  const text = Object.keys(signed)
    .sort()
    .map((name) => `&${name}=${(signed as Record<string, string>)[name]?.replace(/[&=]/g, '_')}`)
    .join('');
  return { ...signed, sig: crypto.createHmac('sha256', secret).update(text).digest('hex') };
}

/** Posts a delivery receipt to the API's webhook as Vonage would, as a form. */
export async function postReceipt(harness: Harness, parameters: Record<string, string>) {
  return harness.request('POST', '/api/v1/webhooks/vonage/delivery-receipts', {
    body: new URLSearchParams(parameters).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: '' },
  });
}
