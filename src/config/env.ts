import path from 'node:path';

/** Settings read from the environment, with the local stack's defaults. */
export interface Settings {
  production: boolean;
  host: string;
  port: number;
  temporalAddress: string;
  temporalNamespace: string;
  taskQueue: string;
  mongodbUri: string;
  smtpUrl: string;
  mailFrom: string;
  vonage: { apiKey: string; apiSecret: string; restHost: string; sender: string; signatureSecret: string | null; signatureAlgorithm: string };
  mailroomDir: string;
  policyFile: string;
  apiKeysFile: string | null;
  /** Days after which message logs, letters and closed cases lose their personal data. */
  retentionDays: number;
}

const projectRoot = path.resolve(__dirname, '..', '..');

export function readSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  return {
    production: env.NODE_ENV === 'production',
    host: env.HOST ?? '127.0.0.1',
    port: Number(env.PORT ?? 3000),
    temporalAddress: env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233',
    temporalNamespace: env.TEMPORAL_NAMESPACE ?? 'default',
    taskQueue: env.TEMPORAL_TASK_QUEUE ?? 'loketbode-cases',
    mongodbUri: env.MONGODB_URI ?? 'mongodb://127.0.0.1:27017/loketbode',
    smtpUrl: env.SMTP_URL ?? 'smtp://127.0.0.1:1025',
    mailFrom: env.MAIL_FROM ?? 'Burgerzaken <burgerzaken@loketbode.localhost>',
    vonage: {
      apiKey: env.VONAGE_API_KEY ?? 'sandbox-key',
      apiSecret: env.VONAGE_API_SECRET ?? 'sandbox-secret',
      restHost: env.VONAGE_REST_HOST ?? 'http://127.0.0.1:3001',
      sender: env.SMS_SENDER ?? 'Burgerzaken',
      // Outside production the sandbox's fake Vonage signs receipts with this development secret.
      signatureSecret: env.VONAGE_SIGNATURE_SECRET ?? (env.NODE_ENV === 'production' ? null : 'sandbox-signature-secret'),
      signatureAlgorithm: env.VONAGE_SIGNATURE_METHOD ?? 'SHA256HMAC',
    },
    mailroomDir: path.resolve(projectRoot, env.MAILROOM_DIR ?? 'var/mailroom'),
    policyFile: path.resolve(projectRoot, env.POLICY_FILE ?? 'config/policy.json'),
    apiKeysFile: env.API_KEYS_FILE ? path.resolve(projectRoot, env.API_KEYS_FILE) : null,
    retentionDays: Number(env.PERSONAL_DATA_RETENTION_DAYS ?? 180),
  };
}

export { projectRoot };
