import { execFile } from 'node:child_process';
import path from 'node:path';

const projectRoot = path.join(__dirname, '..', '..');

/** Runs bundleWorkflowsInChild in a Node.js process of its own, as the worker does, because Jest cannot fork TypeScript files. */
function bundleInNode(): Promise<string> {
  const script = `require('./src/worker/workflowBundle').bundleWorkflowsInChild().then((code) => process.stdout.write(code))`;
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--import', 'tsx', '-e', script], { cwd: projectRoot, maxBuffer: 64 << 20 }, (error, stdout, stderr) =>
      error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout),
    );
  });
}

test('child process bundles the workflows', async () => {
  const code = await bundleInNode();

  expect(code).toContain('caseWorkflow');
  expect(code).toContain('productionBatchWorkflow');
  expect(code.length).toBeGreaterThan(100_000);
}, 120_000);
