import type { Transporter } from 'nodemailer';
import type { PolicyFile } from '../config/policyFile';
import { recordCaseStatus } from './caseIndex';
import { createSendEmail, type MailSettings } from './email';
import { createSendLetter } from './letter';
import { signalDocumentsArrived } from './productionSignals';
import { createSendSms, type SmsSender } from './sms';

export interface ActivityDependencies {
  policy: PolicyFile;
  smsSender: SmsSender;
  mailTransport: Transporter;
  mailSettings: MailSettings;
  mailroomDir: string;
}

/** Builds every activity the case workflow calls, from the channels and stores it is given. */
export function createActivities(dependencies: ActivityDependencies) {
  const { policy, smsSender, mailTransport, mailSettings, mailroomDir } = dependencies;
  return {
    sendSms: createSendSms(policy, smsSender),
    sendEmail: createSendEmail(policy, mailTransport, mailSettings),
    sendLetter: createSendLetter(policy, mailroomDir),
    recordCaseStatus,
    signalDocumentsArrived,
  };
}

export type Activities = ReturnType<typeof createActivities>;
