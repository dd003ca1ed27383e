import { NativeConnection, Worker } from '@temporalio/worker';
import type { Transporter } from 'nodemailer';
import { createActivities } from '../activities';
import { createMailTransport } from '../activities/email';
import { createVonageSmsSender } from '../activities/sms';
import type { Settings } from '../config/env';
import { loadPolicyFile } from '../config/policyFile';
import { logger } from '../logging';
import { bundleWorkflowsInChild } from './workflowBundle';
import { readWorkerTuning, type WorkerTuning } from './workerTuning';

export interface CaseWorker {
  worker: Worker;
  connection: NativeConnection;
  mailTransport: Transporter;
  tuning: WorkerTuning;
}

/**
 * Creates the worker that runs case workflows and their activities. The
 * workflow code is bundled in a child process unless a prebuilt bundle is
 * passed, which tests use to start many workers quickly. Cache size and
 * concurrency come from `readWorkerTuning` unless `tuning` is given.
 */
export async function createCaseWorker(
  settings: Settings,
  options: { workflowBundlePath?: string; tuning?: WorkerTuning } = {},
): Promise<CaseWorker> {
  const tuning = options.tuning ?? readWorkerTuning();
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
  const workflowBundle = bundlePath ? { codePath: bundlePath } : { code: await bundleWorkflowsInChild() };

  const worker = await Worker.create({
    connection,
    namespace: settings.temporalNamespace,
    taskQueue: settings.taskQueue,
    activities,
    workflowBundle,
    ...tuning,
  });
  logger.info({ taskQueue: settings.taskQueue, ...tuning }, 'Worker tuning');
  return { worker, connection, mailTransport, tuning };
}
