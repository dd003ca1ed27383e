import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../../src/config/env';
import { temporalBinary } from '../../src/stack/binaries';

/** The machine and software a run was measured on. */
export interface MachineDescription {
  date: string;
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  node: string;
  go: string;
  temporalCli: string;
  ferretdb: string;
  temporalSdk: string;
  /** Load averages over 1, 5 and 15 minutes when the run started. */
  loadAverageAtStart: number[];
}

function commandOutput(command: string, args: string[]): string {
  try {
    return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'not found';
  }
}

function cpuModel(): string {
  const cpuinfo = fs.readFileSync('/proc/cpuinfo', 'utf8');
  return /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? os.cpus()[0]?.model ?? 'unknown';
}

/** Returns the version of a module that a go.mod requires, or "unknown". */
function goModuleVersion(goModFile: string, module: string): string {
  const goMod = fs.existsSync(goModFile) ? fs.readFileSync(goModFile, 'utf8') : '';
  return new RegExp(`${module.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} (v\\S+)`).exec(goMod)?.[1] ?? 'unknown';
}

export function describeMachine(): MachineDescription {
  const sdkPackage = JSON.parse(fs.readFileSync(path.join(projectRoot, 'node_modules', '@temporalio', 'worker', 'package.json'), 'utf8')) as { version: string };
  return {
    date: new Date().toISOString(),
    cpuModel: cpuModel(),
    cores: os.availableParallelism(),
    memoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    go: commandOutput('go', ['version']),
    temporalCli: commandOutput(temporalBinary(), ['--version']),
    ferretdb: `${goModuleVersion(path.join(projectRoot, 'stack', 'ferretdb', 'go.mod'), 'github.com/FerretDB/FerretDB')} (SQLite backend)`,
    temporalSdk: sdkPackage.version,
    loadAverageAtStart: os.loadavg().map((load) => Math.round(load * 100) / 100),
  };
}
