import { parseArgs } from 'node:util';

export type BenchMode = 'end-to-end' | 'waiting';

export interface BenchOptions {
  mode: BenchMode;
  cases: number;
  /** Requests or workflow starts in flight at once. */
  concurrency: number;
  /** Registrations started per second (an open load), or null to send the next one as soon as a lane is free. */
  registrationsPerSecond: number | null;
  /** Bare workflows measured beside the end-to-end run; 0 skips that measurement. */
  bareWorkflows: number;
  /** Upper bound of every wait for the system to finish a phase, in seconds. */
  timeoutSeconds: number;
  /** Waiting mode: how long the worker's memory is sampled once every case waits, in seconds. */
  holdSeconds: number;
  /** Folder for a V8 CPU profile of the worker (node --cpu-prof), or null for none. */
  cpuProfileDir: string | null;
  /** Further Node.js options for the worker process, such as --trace-gc. */
  workerNodeArgs: string[];
  logLevel: string;
  /** File the results are also written to as JSON, or null. */
  jsonFile: string | null;
  /**
   * Lets the API number the cases, as it does when a clerk gives no reference.
   * By default the benchmark sends its own references, as front-office software may.
   */
  serverReferences: boolean;
  /** Another FerretDB build to run instead of .tools/bin/ferretdb, to compare builds; null for the project's own. */
  ferretdbBinary: string | null;
  /** Keeps the temporary folder with the databases and logs after the run. */
  keepData: boolean;
}

/** Node.js options for the worker process: the CPU profile, if any, and the options passed through. */
export function workerNodeArgs(options: BenchOptions): string[] {
  const profile = options.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`] : [];
  return [...profile, ...options.workerNodeArgs];
}

export const usage = `Usage: npm run bench -- [options]

Starts a private Loketbode stack on free ports of 127.0.0.1, loads it and prints the figures.

  --mode end-to-end|waiting  end-to-end (default): register cases through the API, mark them
                             ready with one production batch, wait for every pickup notice;
                             waiting: start cases directly and measure the worker's memory
                             while they all wait for production
  --cases N                  number of cases (default 2000)
  --concurrency N            API requests or workflow starts in flight (default 50)
  --rate N                   start at most N registrations a second; latency then includes the
                             wait for a free lane (default: no rate, every lane sends at once)
  --bare-workflows N         bare workflows measured in end-to-end mode (default: --cases; 0 skips)
  --timeout SECONDS          upper bound of each wait for a phase to finish (default 900)
  --hold SECONDS             waiting mode: memory sampling window once all cases wait (default 30)
  --server-references        let the API number the cases instead of sending references
  --ferretdb-binary FILE     run this FerretDB build instead of .tools/bin/ferretdb (same flags)
  --cpu-prof DIR             write a V8 CPU profile of the worker into DIR
  --worker-node-arg OPTION   pass a Node.js option to the worker, such as --trace-gc; repeatable
  --log-level LEVEL          LOG_LEVEL of the worker and the API (default info, as in production)
  --json FILE                also write the results to FILE as JSON
  --keep-data                keep the temporary folder with databases and logs
  --help                     show this text`;

function positiveInteger(name: string, value: string | undefined, fallback: number, minimum = 1): number {
  if (value === undefined) {
    return fallback;
  }
  if (!/^\d+$/.test(value) || Number(value) < minimum) {
    throw new Error(`--${name} must be a whole number of at least ${minimum}; got "${value}"`);
  }
  return Number(value);
}

/** Parses the command line; returns null when --help was asked for. */
export function parseBenchOptions(argv: string[]): BenchOptions | null {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      mode: { type: 'string' },
      cases: { type: 'string' },
      concurrency: { type: 'string' },
      rate: { type: 'string' },
      'bare-workflows': { type: 'string' },
      timeout: { type: 'string' },
      hold: { type: 'string' },
      'cpu-prof': { type: 'string' },
      'worker-node-arg': { type: 'string', multiple: true },
      'log-level': { type: 'string' },
      json: { type: 'string' },
      'server-references': { type: 'boolean' },
      'ferretdb-binary': { type: 'string' },
      'keep-data': { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    return null;
  }

  const mode = values.mode ?? 'end-to-end';
  if (mode !== 'end-to-end' && mode !== 'waiting') {
    throw new Error(`--mode must be end-to-end or waiting; got "${mode}"`);
  }
  const cases = positiveInteger('cases', values.cases, 2_000);
  return {
    mode,
    cases,
    concurrency: positiveInteger('concurrency', values.concurrency, 50),
    registrationsPerSecond: values.rate === undefined ? null : positiveInteger('rate', values.rate, 1),
    bareWorkflows: positiveInteger('bare-workflows', values['bare-workflows'], cases, 0),
    timeoutSeconds: positiveInteger('timeout', values.timeout, 900),
    holdSeconds: positiveInteger('hold', values.hold, 30),
    cpuProfileDir: values['cpu-prof'] ?? null,
    workerNodeArgs: values['worker-node-arg'] ?? [],
    logLevel: values['log-level'] ?? 'info',
    jsonFile: values.json ?? null,
    serverReferences: values['server-references'] ?? false,
    ferretdbBinary: values['ferretdb-binary'] ?? null,
    keepData: values['keep-data'] ?? false,
  };
}
