import pino from 'pino';

/**
 * The structured logger of every process. Log lines name cases by id only;
 * the redaction paths are a second guard in case a citizen record is ever
 * passed to a log call by mistake.
 */
export const logger = pino(
  {
  level: process.env.LOG_LEVEL ?? 'info',
  base: { service: process.env.LOKETBODE_SERVICE ?? 'loketbode' },
  redact: {
    paths: ['citizen', 'contact', '*.citizen', '*.contact', 'req.headers.authorization', 'to', '*.to'],
    censor: '[masked]',
  },
  },
  // LOG_FILE sends the log to a file instead of standard output; the tests scan it for personal data.
  process.env.LOG_FILE ? pino.destination({ dest: process.env.LOG_FILE, sync: true, mkdir: true, append: true }) : undefined,
);

export type Logger = typeof logger;
