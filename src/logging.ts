import { AsyncLocalStorage } from 'node:async_hooks';
import pino from 'pino';

/** Fields that every log line written inside `withLogContext` carries, such as the API's request id. */
export type LogContext = Record<string, string>;

const logContextStorage = new AsyncLocalStorage<LogContext>();

/**
 * Runs `work` so that every log line written by it, including lines written
 * after an `await` or in a callback it starts, carries the given fields.
 */
export function withLogContext<T>(context: LogContext, work: () => T): T {
  return logContextStorage.run({ ...logContextStorage.getStore(), ...context }, work);
}

/** Returns the fields of the innermost `withLogContext`, or an empty object outside one. */
export function currentLogContext(): LogContext {
  return logContextStorage.getStore() ?? {};
}

/**
 * The structured logger of every process. Log lines name cases by id only;
 * the redaction paths are a second guard in case a citizen record is ever
 * passed to a log call by mistake.
 */
export const logger = pino(
  {
  level: process.env.LOG_LEVEL ?? 'info',
  base: { service: process.env.LOKETBODE_SERVICE ?? 'loketbode' },
  mixin: currentLogContext,
  redact: {
    paths: ['citizen', 'contact', '*.citizen', '*.contact', 'req.headers.authorization', 'to', '*.to'],
    censor: '[masked]',
  },
  },
  // LOG_FILE sends the log to a file instead of standard output; the tests scan it for personal data.
  process.env.LOG_FILE ? pino.destination({ dest: process.env.LOG_FILE, sync: true, mkdir: true, append: true }) : undefined,
);

export type Logger = typeof logger;
