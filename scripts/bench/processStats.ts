import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { percentile } from './load';

/** Memory of one process from /proc/<pid>/status, in bytes. */
export interface ProcessMemory {
  /** VmRSS: resident set size now. */
  rssBytes: number;
  /** VmHWM: the highest resident set size since the process started. */
  peakRssBytes: number;
}

/** Reads a file of /proc/<pid>; returns null once the process has exited. */
function readProcFile(pid: number, name: string): string | null {
  try {
    return fs.readFileSync(`/proc/${pid}/${name}`, 'utf8');
  } catch {
    return null;
  }
}

/** Reads VmRSS and VmHWM of a running process; returns null once it has exited. */
export function readProcessMemory(pid: number): ProcessMemory | null {
  const status = readProcFile(pid, 'status');
  if (status === null) {
    return null;
  }
  const kibibytes = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
  return { rssBytes: kibibytes('VmRSS') * 1024, peakRssBytes: kibibytes('VmHWM') * 1024 };
}

let clockTicksPerSecond: number | null = null;

/** Clock ticks per second of /proc/<pid>/stat (getconf CLK_TCK), 100 on common Linux builds. */
function clockTicks(): number {
  if (clockTicksPerSecond === null) {
    clockTicksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  }
  return clockTicksPerSecond;
}

/** CPU time a process used so far, user plus system, over all its threads, in seconds. */
export function readCpuSeconds(pid: number): number | null {
  const stat = readProcFile(pid, 'stat');
  if (stat === null) {
    return null;
  }
  // The command name in brackets may contain spaces, so fields are counted after its closing bracket.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const userTicks = Number(fields[11]);
  const systemTicks = Number(fields[12]);
  return (userTicks + systemTicks) / clockTicks();
}

export interface WatchedProcess {
  name: string;
  pid: number;
}

/** Peak memory per process seen by a sampler, and the highest VmHWM the kernel reported. */
export interface MemoryPeaks {
  [name: string]: { maxSampledRssBytes: number; medianSampledRssBytes: number; peakRssBytes: number; lastRssBytes: number };
}

/**
 * Samples VmRSS of several processes at a fixed interval until stopped. VmHWM
 * is each process's peak since it started, and the samples add the peak
 * within the sampled window, which VmHWM cannot give once an earlier phase
 * was higher.
 */
export class MemorySampler {
  private readonly peaks: MemoryPeaks = {};
  private readonly samples = new Map<string, number[]>();
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly processes: WatchedProcess[]) {}

  start(intervalMs = 500): void {
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
  }

  stop(): MemoryPeaks {
    if (this.timer) {
      clearInterval(this.timer);
      this.timer = null;
    }
    this.sample();
    for (const [name, values] of this.samples) {
      const peak = this.peaks[name];
      if (peak) {
        peak.medianSampledRssBytes = percentile(values, 50);
      }
    }
    return this.peaks;
  }

  private sample(): void {
    for (const { name, pid } of this.processes) {
      const memory = readProcessMemory(pid);
      if (!memory) {
        continue;
      }
      const peak = (this.peaks[name] ??= { maxSampledRssBytes: 0, medianSampledRssBytes: 0, peakRssBytes: 0, lastRssBytes: 0 });
      const samples = this.samples.get(name) ?? [];
      samples.push(memory.rssBytes);
      this.samples.set(name, samples);
      peak.maxSampledRssBytes = Math.max(peak.maxSampledRssBytes, memory.rssBytes);
      peak.peakRssBytes = Math.max(peak.peakRssBytes, memory.peakRssBytes);
      peak.lastRssBytes = memory.rssBytes;
    }
  }
}

/** CPU seconds each process used between `start` and `stop`. */
export class CpuMeter {
  private readonly startSeconds = new Map<string, number>();

  constructor(private readonly processes: WatchedProcess[]) {}

  start(): void {
    for (const { name, pid } of this.processes) {
      this.startSeconds.set(name, readCpuSeconds(pid) ?? 0);
    }
  }

  stop(): Record<string, number> {
    const used: Record<string, number> = {};
    for (const { name, pid } of this.processes) {
      const now = readCpuSeconds(pid);
      if (now !== null) {
        used[name] = now - (this.startSeconds.get(name) ?? 0);
      }
    }
    return used;
  }
}
