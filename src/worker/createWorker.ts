import { NativeConnection, Worker } from '@temporalio/worker';
import type { Transporter } from 'nodemailer';
import { createActivities } from '../activities';
import { createMailTransport } from '../activities/email';
import { createVonageSmsSender } from '../activities/sms';
import type { Settings } from '../config/env';
import { loadPolicyFile } from '../config/policyFile';

export interface CaseWorker {
  worker: Worker;
  connection: NativeConnection;
  mailTransport: Transporter;
}

/**
 * Creates the worker that runs case workflows and their activities. A
 * prebuilt workflow bundle may be passed to skip bundling, which tests use to
 * start many workers quickly.
 */
export async function createCaseWorker(settings: Settings, options: { workflowBundlePath?: string } = {}): Promise<CaseWorker> {
  const policy = loadPolicyFile(settings.policyFile);
  const mailTransport = createMailTransport({ smtpUrl: settings.smtpUrl, from: settings.mailFrom });
  const activities = createActivities({
    policy,
    smsSender: createVonageSmsSender(settings.vonage),
    mailTransport,
    mailSettings: { smtpUrl: settings.smtpUrl, from: settings.mailFrom },
    mailroomDir: settings.mailroomDir,
  });

  const connection = await NativeConnection.connect({ address: settings.temporalAddress });
  // WORKFLOW_BUNDLE_PATH lets a test start worker processes from one prebuilt bundle.
  const bundlePath = options.workflowBundlePath ?? process.env.WORKFLOW_BUNDLE_PATH;
  const workflowSource = bundlePath
    ? { workflowBundle: { codePath: bundlePath } }
    : { workflowsPath: require.resolve('../workflows') };

  const worker = await Worker.create({
    connection,
    namespace: settings.temporalNamespace,
    taskQueue: settings.taskQueue,
    activities,
    ...workflowSource,
  });
  return { worker, connection, mailTransport };
}
