import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../config/env';

export const toolsBin = path.join(projectRoot, '.tools', 'bin');

/** Returns the temporal CLI: one already on PATH wins over the one built into .tools/bin. */
export function temporalBinary(): string {
  try {
    const found = execFileSync('sh', ['-c', 'command -v temporal'], { encoding: 'utf8' }).trim();
    if (found) {
      return found;
    }
  } catch {
    // Not on PATH; use the project's own build.
  }
  return requireTool('temporal');
}

export function ferretdbBinary(): string {
  return requireTool('ferretdb');
}

function requireTool(name: string): string {
  const file = path.join(toolsBin, name);
  if (!fs.existsSync(file)) {
    throw new Error(`${file} is missing: run "node scripts/bootstrap.mjs" to build it`);
  }
  return file;
}
