import { execFile } from 'node:child_process';
import path from 'node:path';

/**
 * Replays recorded histories of finished cases with the current workflow
 * code. A change that would break running cases, such as a new step without
 * patched(), fails here with a non-determinism error.
 */
test('recorded histories replay with the current workflow code', async () => {
  const output = await new Promise<string>((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', path.join(__dirname, 'replayHistories.ts')],
      { env: { ...process.env, LOG_LEVEL: 'warn' }, maxBuffer: 10 << 20 },
      (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout)),
    );
  });

  const results = output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as { workflowId: string; error: string | null });
  expect(results.length).toBeGreaterThanOrEqual(12);
  expect(results.filter((result) => result.error !== null)).toEqual([]);
});
