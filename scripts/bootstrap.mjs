#!/usr/bin/env node
// Installs what a fresh clone lacks before `npm start` or `npm test`: the npm
// packages, the Temporal CLI and the FerretDB wrapper. Both Go binaries are
// built once into .tools/bin with `go install`, so a second run starts at once.
// This file uses Node built-ins only, because it runs before `npm ci`.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const toolsBin = path.join(root, '.tools', 'bin');
const temporalVersion = 'v1.5.1';

function run(command, args, options = {}) {
  console.log(`> ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  if (result.status !== 0) {
    console.error(`bootstrap: "${command} ${args.join(' ')}" failed with exit code ${result.status}`);
    process.exit(result.status ?? 1);
  }
}

function onPath(command) {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function newerThan(file, reference) {
  return fs.existsSync(file) && (!fs.existsSync(reference) || fs.statSync(file).mtimeMs > fs.statSync(reference).mtimeMs);
}

function installNodeModules() {
  const installed = path.join(root, 'node_modules', '.package-lock.json');
  if (fs.existsSync(installed) && !newerThan(path.join(root, 'package-lock.json'), installed)) {
    return;
  }
  run('npm', ['ci', '--no-audit', '--no-fund']);
}

function goInstall(target, cwd) {
  if (!onPath('go')) {
    console.error('bootstrap: Go is needed to build the local Temporal and FerretDB servers; install Go 1.26 or set TEMPORAL_ADDRESS and MONGODB_URI.');
    process.exit(1);
  }
  fs.mkdirSync(toolsBin, { recursive: true });
  run('go', ['install', target], { cwd, env: { ...process.env, GOBIN: toolsBin } });
}

function installTemporal() {
  if (process.env.TEMPORAL_ADDRESS || onPath('temporal') || fs.existsSync(path.join(toolsBin, 'temporal'))) {
    return;
  }
  console.log(`Building the Temporal CLI ${temporalVersion} once into .tools/bin (several minutes on a 2-core machine)...`);
  goInstall(`github.com/temporalio/cli/cmd/temporal@${temporalVersion}`, root);
}

function installFerretdb() {
  const binary = path.join(toolsBin, 'ferretdb');
  const source = path.join(root, 'stack', 'ferretdb');
  const sources = fs.readdirSync(source).filter((file) => file.endsWith('.go') || file === 'go.mod' || file === 'go.sum');
  const stale = sources.some((file) => newerThan(path.join(source, file), binary));
  if (process.env.MONGODB_URI || (fs.existsSync(binary) && !stale)) {
    return;
  }
  console.log('Building the FerretDB wrapper once into .tools/bin...');
  goInstall('.', source);
}

installNodeModules();
installTemporal();
installFerretdb();
