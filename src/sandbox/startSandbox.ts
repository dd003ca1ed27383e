import { startFakeVonage } from './fakeVonage';
import { startSmtpCapture } from './smtpCapture';

export interface Sandbox {
  smtpPort: number;
  vonagePort: number;
  close: () => Promise<void>;
}

/** Starts the capture SMTP server and the fake Vonage API; both store what they receive in MongoDB. */
export async function startSandbox(options: {
  smtpPort: number;
  vonagePort: number;
  vonageCredentials: { apiKey: string; apiSecret: string };
}): Promise<Sandbox> {
  const smtp = await startSmtpCapture(options.smtpPort);
  const vonage = await startFakeVonage(options.vonagePort, options.vonageCredentials);
  return {
    smtpPort: smtp.port,
    vonagePort: vonage.port,
    close: async () => {
      await Promise.all([smtp.close(), vonage.close()]);
    },
  };
}
