import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { temporalBinary } from '../../src/stack/binaries';
import { janPeeters, uniqueReference } from '../support/citizens';
import { startHarness, waitFor, type Harness } from '../support/harness';
import { writePolicyWithOffices } from '../support/policyWithOffices';

let harness: Harness;
const office = `q-${crypto.randomBytes(4).toString('hex')}`;

/** The manager queries exactly as the README lists them. */
function readmeQueries(): Array<{ purpose: string; query: string }> {
  const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Finding cases in the Temporal Web UI'));
  const lines = section.slice(0, section.indexOf('```\n\n')).split('\n');
  const queries: Array<{ purpose: string; query: string }> = [];
  lines.forEach((line, index) => {
    const match = /^temporal workflow list --query '(.+)'$/.exec(line);
    if (match?.[1]) {
      queries.push({ purpose: (lines[index - 1] ?? '').replace(/^# /, ''), query: match[1] });
    }
  });
  return queries;
}

/**
 * Scopes a README query to this test's office and moves its example dates:
 * "older than" thresholds to a minute from now, "since" thresholds to an hour ago.
 */
function scoped(query: string): string {
  const now = Date.now();
  const moved = query
    .replace(/< "\d{4}-\d\d-\d\dT[^"]+"/g, `< "${new Date(now + 60_000).toISOString()}"`)
    .replace(/>= "\d{4}-\d\d-\d\dT[^"]+"/g, `>= "${new Date(now - 3_600_000).toISOString()}"`)
    .replace(/Office = "gent-centrum"/, `Office = "${office}"`);
  return moved.includes('Office =') ? moved : `${moved} AND Office = "${office}"`;
}

function listWorkflowIds(query: string): string[] {
  const output = execFileSync(temporalBinary(), ['workflow', 'list', '--query', query, '--output', 'json', '--address', harness.settings.temporalAddress], { encoding: 'utf8' });
  const executions = output.trim() ? (JSON.parse(output) as Array<{ execution: { workflowId: string } }>) : [];
  return executions.map((execution) => execution.execution.workflowId).sort();
}

beforeAll(async () => {
  // Reminders after 1 and 2 s and a letter after 3 s; driving licences return uncollected after 4 s, the rest after an hour.
  const policyFile = writePolicyWithOffices([office], { reminders: ['1 second', '2 seconds'], letterAfter: '3 seconds', pickupDeadline: '1 hour' });
  const policy = JSON.parse(fs.readFileSync(policyFile, 'utf8'));
  policy.offices[office].pickupDeadline = { 'driving-licence': '4 seconds' };
  fs.writeFileSync(policyFile, JSON.stringify(policy));
  harness = await startHarness({ policyFile });
});

afterAll(async () => {
  await harness.close();
});

async function register(body: object, ready: boolean): Promise<string> {
  const response = await harness.request('POST', '/api/v1/applications', { body: { ...body, office } });
  expect(response.status).toBe(201);
  if (ready) {
    expect((await harness.request('POST', `/api/v1/applications/${response.body.id}/ready`)).status).toBe(200);
  }
  return response.body.id as string;
}

test('each manager query in the README returns the right cases', async () => {
  const inProduction = await register(janPeeters({ reference: uniqueReference('QRY'), documentType: 'passport' }), false);
  const waiting = await register(janPeeters({ reference: uniqueReference('QRY'), documentType: 'eid', preferredChannel: 'email' }), true);
  const returned = await register(janPeeters({ reference: uniqueReference('QRY'), documentType: 'driving-licence' }), true);
  await harness.client.workflow.getHandle(returned).result();
  await waitFor('the letter of the waiting case', async () => ((await harness.client.workflow.getHandle(waiting).query('getCaseState')) as { remindersSent: number }).remindersSent === 2 ? true : undefined);

  const expected: Record<string, string[]> = {
    'Every case ready for more than 14 days in one office': [waiting],
    'Passports still in production': [inProduction],
    'Cases stuck in production for more than 30 days': [inProduction],
    'SMS cases that needed both reminders': [returned],
    'Cases returned uncollected since 1 January': [returned],
  };
  const queries = readmeQueries();
  expect(queries.map((entry) => entry.purpose)).toEqual(Object.keys(expected));

  for (const { purpose, query } of queries) {
    // Visibility is updated shortly after each transition, so poll.
    const ids = await waitFor(purpose, async () => {
      const found = listWorkflowIds(scoped(query));
      return JSON.stringify(found) === JSON.stringify([...(expected[purpose] ?? [])].sort()) ? found : undefined;
    }, 15_000).catch(() => listWorkflowIds(scoped(query)));
    expect({ purpose, ids }).toEqual({ purpose, ids: [...(expected[purpose] ?? [])].sort() });
  }

  await harness.request('POST', `/api/v1/applications/${inProduction}/cancel`, { body: { reason: 'test' } });
  await harness.request('POST', `/api/v1/applications/${waiting}/collected`);
}, 60_000);
