import fs from 'node:fs';
import os from 'node:os';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { runBare, type BareResult } from './bare';
import { startBenchStack, type BenchStack } from './benchStack';
import { runEndToEnd, type EndToEndResult, type LatencySummary } from './endToEnd';
import { describeMachine, type MachineDescription } from './machine';
import { parseBenchOptions, usage, type BenchOptions } from './options';
import { CpuMeter } from './processStats';
import { mebibytes, runWaiting, type WaitingResult } from './waiting';

interface BenchReport {
  command: string;
  machine: MachineDescription;
  options: BenchOptions;
  bare?: BareResult;
  endToEnd?: EndToEndResult;
  /** End-to-end notices per second divided by bare workflows per second. */
  throughputRatio?: number;
  waiting?: WaitingResult;
  loadAverageAtEnd: number[];
  /** CPU the idle Temporal server and FerretDB use, in percent of one core, measured before the load. */
  idleCpuPercent: Record<string, number>;
}

const idleSeconds = 10;

async function measureIdleCpu(stack: BenchStack): Promise<Record<string, number>> {
  const meter = new CpuMeter([
    { name: 'temporal', pid: stack.temporal.process.pid ?? 0 },
    { name: 'ferretdb', pid: stack.ferretdb.process.pid ?? 0 },
  ]);
  meter.start();
  await new Promise((resolve) => setTimeout(resolve, idleSeconds * 1000));
  return Object.fromEntries(Object.entries(meter.stop()).map(([name, seconds]) => [name, (seconds / idleSeconds) * 100]));
}

function log(line: string): void {
  console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);
}

const milliseconds = (value: number) => `${value.toFixed(0)} ms`;
const rate = (value: number) => `${value.toFixed(1)}/s`;

function latencyLine(summary: LatencySummary): string {
  return `p50 ${milliseconds(summary.p50Ms)}, p95 ${milliseconds(summary.p95Ms)}, p99 ${milliseconds(summary.p99Ms)}, max ${milliseconds(summary.maxMs)}`;
}

function cpuLine(cpuSeconds: Record<string, number>): string {
  return Object.entries(cpuSeconds)
    .map(([name, seconds]) => `${name} ${seconds.toFixed(1)} s`)
    .join(', ');
}

function printReport(report: BenchReport): void {
  const { machine } = report;
  const lines = [
    '',
    `Loketbode benchmark, ${machine.date}`,
    `  command    ${report.command}`,
    `  machine    ${machine.cpuModel}, ${machine.cores} cores, ${machine.memoryGiB} GiB`,
    `  software   Node.js ${machine.node}; ${machine.go}; Temporal CLI ${machine.temporalCli}; FerretDB ${report.options.ferretdbBinary ? `build ${report.options.ferretdbBinary}` : machine.ferretdb}; Temporal TypeScript SDK ${machine.temporalSdk}`,
    `  load       ${machine.loadAverageAtStart.join(' ')} at start, ${report.loadAverageAtEnd.join(' ')} at end (1, 5, 15 min)`,
    `  idle CPU   ${Object.entries(report.idleCpuPercent).map(([name, percent]) => `${name} ${percent.toFixed(1)} %`).join(', ')} of one core, before the load`,
  ];

  const { bare, endToEnd, waiting } = report;
  if (endToEnd) {
    const { registration, batch, notices, memory, cpuSeconds } = endToEnd;
    lines.push(
      '',
      `Registration through the API (${registration.count} cases, at most ${report.options.concurrency} in flight${report.options.registrationsPerSecond ? ` and ${report.options.registrationsPerSecond} started a second` : ''}, after ${registration.warmUp} warm-up requests)`,
      `  latency    ${latencyLine(registration)}`,
      `  throughput ${rate(registration.perSecond)} over ${registration.seconds.toFixed(1)} s; ${registration.failed} failed`,
      `  settled    ${registration.settleSeconds.toFixed(1)} s later the worker had run every case's first workflow task`,
      ...registration.failures.map((failure) => `  failure    ${failure}`),
      `  CPU        ${cpuLine(cpuSeconds.registration)}, registering and settling`,
      '',
      `Production batch of ${batch.lines} references`,
      `  response   ${milliseconds(batch.responseMs)} (HTTP 202, ${batch.accepted} accepted)`,
      `  all ready  ${batch.allReadySeconds.toFixed(1)} s after the request (case index status ready-for-pickup)`,
      '',
      `Pickup notices (${notices.bySmsAndEmail.sms} SMS, ${notices.bySmsAndEmail.email} e-mail)`,
      `  all sent   ${notices.allSentSeconds.toFixed(1)} s after the batch request: ${rate(notices.perSecond)}`,
      `  per notice ${latencyLine(notices.delay)} from the batch request to the sandbox`,
      `  log        ${JSON.stringify(notices.notificationLog)}, ${notices.retriedAttempts} retried attempts`,
      `  CPU        ${cpuLine(cpuSeconds.batchToNotices)}`,
      '',
      'Peak RSS (VmHWM)',
      ...Object.entries(memory).map(([name, peak]) => `  ${name.padEnd(26)} ${mebibytes(peak.peakRssBytes)}`),
    );
  }
  if (bare) {
    lines.push(
      '',
      `Bare workflow, start and one signal (${bare.workflows} workflows, same server)`,
      `  starts     ${rate(bare.startsPerSecond)} (${bare.startSeconds.toFixed(1)} s)`,
      `  signalled  to completed ${rate(bare.completionsPerSecond)} (${bare.signalToCompletionSeconds.toFixed(1)} s)`,
      `  overall    ${rate(bare.perSecond)}; bare worker peak RSS ${mebibytes(bare.workerPeakRssBytes)}`,
      `  CPU        ${cpuLine(bare.cpuSeconds)}`,
    );
  }
  if (report.throughputRatio !== undefined) {
    lines.push('', `Ratio: end-to-end notices/s / bare workflows/s = ${report.throughputRatio.toFixed(2)}`);
    if (endToEnd) {
      const { registration, notices } = endToEnd;
      const wholeRunSeconds = registration.seconds + registration.settleSeconds + notices.allSentSeconds;
      const overall = notices.count / wholeRunSeconds;
      lines.push(`  whole run  ${rate(overall)} from the first registration to the last notice; ratio ${(overall / (bare?.perSecond ?? Number.NaN)).toFixed(2)}`);
    }
  }
  if (waiting) {
    lines.push(
      '',
      `Waiting cases (${waiting.cases} started directly, ${waiting.runningCases} running at the end)`,
      `  starts     ${rate(waiting.startsPerSecond)} (${waiting.startSeconds.toFixed(1)} s)`,
      `  tuning     sticky cache ${waiting.tuning.maxCachedWorkflows} workflows, ${waiting.tuning.maxConcurrentWorkflowTaskExecutions} workflow tasks, ${waiting.tuning.maxConcurrentActivityTaskExecutions} activities`,
      `  worker RSS ${mebibytes(waiting.workerRssBeforeStartsBytes)} before the starts; while waiting ${report.options.holdSeconds} s: median ${mebibytes(waiting.rssWhileWaiting.medianBytes)}, max ${mebibytes(waiting.rssWhileWaiting.maxSampledBytes)}, at the end ${mebibytes(waiting.rssWhileWaiting.lastBytes)}; peak over the run ${mebibytes(waiting.workerPeakRssBytes)}`,
    );
  }
  console.log(lines.join('\n'));
}

async function main(): Promise<void> {
  const options = parseBenchOptions(process.argv.slice(2));
  if (!options) {
    console.log(usage);
    return;
  }
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const command = `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim().replace(/ --$/, '');
  const machine = describeMachine();
  log(`Load average ${machine.loadAverageAtStart.join(' ')}; starting a private stack...`);

  let stack: BenchStack | null = null;
  const stopOnSignal = () => {
    log('Interrupted; stopping the private stack...');
    void (stack?.stop() ?? Promise.resolve()).finally(() => process.exit(130));
  };
  process.once('SIGINT', stopOnSignal);
  process.once('SIGTERM', stopOnSignal);

  try {
    stack = await startBenchStack({ logLevel: options.logLevel, keepData: options.keepData, ferretdbBinary: options.ferretdbBinary });
    log(`Stack is up; databases and logs in ${stack.runDir}`);
    const report: BenchReport = { command, machine, options, loadAverageAtEnd: [], idleCpuPercent: await measureIdleCpu(stack) };

    if (options.mode === 'end-to-end') {
      // The bare run comes first, on the fresh database, so the ratio does not favour the case workflow.
      if (options.bareWorkflows > 0) {
        report.bare = await runBare(stack, options, log);
      }
      report.endToEnd = await runEndToEnd(stack, options, log);
      if (report.bare) {
        report.throughputRatio = report.endToEnd.notices.perSecond / report.bare.perSecond;
      }
    } else {
      report.waiting = await runWaiting(stack, options, log);
    }

    report.loadAverageAtEnd = os.loadavg().map((load) => Math.round(load * 100) / 100);
    printReport(report);
    if (options.jsonFile) {
      fs.writeFileSync(options.jsonFile, `${JSON.stringify(report, null, 2)}\n`);
      log(`Results written to ${options.jsonFile}`);
    }
  } finally {
    log('Stopping the private stack...');
    await stack?.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`Benchmark failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
