import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { janPeeters, uniqueReference } from '../support/citizens';
import { shortPolicyFile, sleep, startHarness, waitFor, type Harness } from '../support/harness';
import { messagesFor } from '../support/sandbox';

let harness: Harness;

/** Today's date in Brussels, as the office calendar reads it. */
function brusselsDate(instantMs: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels' }).format(new Date(instantMs));
}

beforeAll(async () => {
  // The office is open every hour of every day, except that today is a closing day.
  const policy = JSON.parse(fs.readFileSync(shortPolicyFile, 'utf8'));
  policy.offices['gent-centrum'].calendar.closingDays = [brusselsDate(Date.now())];
  const policyFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'loketbode-calendar-')), 'policy.json');
  fs.writeFileSync(policyFile, JSON.stringify(policy));
  harness = await startHarness({ policyFile });
});

afterAll(async () => {
  await harness.close();
});

test('a notice due on a closing day waits for the next sending day', async () => {
  const reference = uniqueReference('CAL');
  const registered = await harness.request('POST', '/api/v1/applications', { body: janPeeters({ reference }) });
  const id = registered.body.id as string;
  const readyAt = Date.now();
  expect((await harness.request('POST', `/api/v1/applications/${id}/ready`)).status).toBe(200);

  const next = await waitFor('the notice to be scheduled', async () => {
    const view = await harness.request('GET', `/api/v1/applications/${id}`);
    return view.body.nextReminder ?? undefined;
  });
  expect(next.kind).toBe('pickup-notice');
  expect(brusselsDate(Date.parse(next.dueAt))).not.toBe(brusselsDate(readyAt));
  expect(Date.parse(next.dueAt)).toBeGreaterThan(readyAt);
  // The next day starts at midnight in Brussels, because sending hours here are 00:00-24:00.
  expect(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Brussels', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(next.dueAt))).toBe('00:00');

  await sleep(1_000);
  expect(await messagesFor(harness, reference)).toHaveLength(0);

  // A case cancelled during the wait never sends the notice.
  expect((await harness.request('POST', `/api/v1/applications/${id}/cancel`, { body: { reason: 'test' } })).status).toBe(200);
  expect((await harness.client.workflow.getHandle(id).result()).notices).toEqual([]);
});
