import pino from 'pino';

/**
 * The structured logger of every process. Log lines name cases by id only;
 * the redaction paths are a second guard in case a citizen record is ever
 * passed to a log call by mistake.
 */
export const logger = pino({
  level: process.env.LOG_LEVEL ?? 'info',
  base: { service: process.env.LOKETBODE_SERVICE ?? 'loketbode' },
  redact: {
    paths: ['citizen', 'contact', '*.citizen', '*.contact', 'req.headers.authorization', 'to', '*.to'],
    censor: '[masked]',
  },
});

export type Logger = typeof logger;
