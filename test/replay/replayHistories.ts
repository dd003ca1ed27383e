// Replays every recorded history in the folders of test/fixtures/histories
// with the current workflow code and prints one JSON line per history. It runs
// as its own Node process because Jest's module registry breaks protobufjs's
// type checks.
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from '@temporalio/worker';

async function main(): Promise<void> {
  const historiesDir = path.join(__dirname, '..', 'fixtures', 'histories');
  // One folder per recording, named after the workflow change it was recorded for.
  const files = fs
    .readdirSync(historiesDir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.json'))
    .sort();
  const histories = files.map((file) => ({
    workflowId: file.replace(/\.json$/, ''),
    history: JSON.parse(fs.readFileSync(path.join(historiesDir, file), 'utf8')) as unknown,
  }));

  const bundlePath = process.env.LOKETBODE_TEST_WORKFLOW_BUNDLE;
  const source = bundlePath ? { workflowBundle: { codePath: bundlePath } } : { workflowsPath: require.resolve('../../src/workflows') };
  for await (const result of Worker.runReplayHistories(source, histories)) {
    console.log(JSON.stringify({ workflowId: result.workflowId, error: result.error ? String(result.error.message) : null }));
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
