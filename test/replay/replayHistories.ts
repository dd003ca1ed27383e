// Replays every recorded history in test/fixtures/histories with the current
// workflow code and prints one JSON line per history. It runs as its own Node
// process because Jest's module registry breaks protobufjs's type checks.
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from '@temporalio/worker';

async function main(): Promise<void> {
  const historiesDir = path.join(__dirname, '..', 'fixtures', 'histories');
  const files = fs.readdirSync(historiesDir).filter((file) => file.endsWith('.json'));
  const histories = files.map((file) => ({
    workflowId: path.basename(file, '.json'),
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
