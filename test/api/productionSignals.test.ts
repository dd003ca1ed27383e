import crypto from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { MockActivityEnvironment } from '@temporalio/testing';
import { signalDocumentsArrived } from '../../src/activities/productionSignals';
import { loadPolicyFile, resolveCasePolicy } from '../../src/config/policyFile';
import type { CaseInput } from '../../src/domain/policy';
import { caseWorkflow } from '../../src/workflows';
import { shortPolicyFile } from '../support/harness';

const policyFile = loadPolicyFile(shortPolicyFile);

function caseInput(caseId: string): CaseInput {
  const office = policyFile.defaultOffice;
  return {
    caseId,
    reference: `SIG-${caseId.slice(0, 8)}`,
    documentType: 'passport',
    office,
    preferredChannel: 'sms',
    policy: resolveCasePolicy(policyFile, 'passport', office),
    registeredBy: 'dev-clerk',
  };
}

let connection: Connection;
let client: Client;

beforeAll(async () => {
  connection = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS ?? '' });
  client = new Client({ connection, namespace: 'default' });
});

afterAll(async () => {
  await connection.close();
});

describe('signalDocumentsArrived', () => {
  test('signals running cases, reports the rest', async () => {
    // No worker polls this queue, so the case stays where the signal leaves it: one event in its history.
    const taskQueue = `signals-${crypto.randomUUID()}`;
    const running = crypto.randomUUID();
    await client.workflow.start(caseWorkflow, { workflowId: running, taskQueue, args: [caseInput(running)] });
    const finished = crypto.randomUUID();
    await client.workflow.start(caseWorkflow, { workflowId: finished, taskQueue, args: [caseInput(finished)] });
    await client.workflow.getHandle(finished).terminate('closed before the batch');
    const unknown = crypto.randomUUID();

    const environment = new MockActivityEnvironment({}, { client });
    const result: { notRunning: string[] } = await environment.run(signalDocumentsArrived, { batchId: 'batch-1', actor: 'dev-clerk', caseIds: [running, finished, unknown] });

    expect(result.notRunning.sort()).toEqual([finished, unknown].sort());
    const history = await client.workflow.getHandle(running).fetchHistory();
    const signals = (history.events ?? []).filter((event) => event.workflowExecutionSignaledEventAttributes);
    expect(signals.map((event) => event.workflowExecutionSignaledEventAttributes?.signalName)).toEqual(['documentArrived']);
    await client.workflow.getHandle(running).terminate('test finished');
  });
});
