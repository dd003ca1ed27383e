import fs from 'node:fs';
import { bundleWorkflowCode } from '@temporalio/worker';

/**
 * Child process of the worker: bundles the workflow code with webpack and
 * writes it to the file named on the command line. Webpack's memory goes
 * back to the system when this process exits, instead of staying in the
 * heap of a worker that runs for weeks.
 */
async function main(): Promise<void> {
  const outFile = process.argv[2];
  if (!outFile) {
    throw new Error('missing output file: run bundleWorkflows with the path to write the bundle to');
  }
  const { code } = await bundleWorkflowCode({
    workflowsPath: require.resolve('../workflows'),
    // Webpack's progress output is of no use to an operator.
    logger: { trace() {}, debug() {}, info() {}, warn: console.warn, error: console.error, log() {} },
  });
  fs.writeFileSync(outFile, code);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
