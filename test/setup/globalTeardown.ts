import fs from 'node:fs';
import { disconnectStore } from '../../src/store/connection';
import type { GlobalStack } from './globalSetup';

/** Stops what globalSetup started, in reverse order, and removes the run's data unless KEEP_TEST_DATA is set. */
export default async function globalTeardown(): Promise<void> {
  const stack = (globalThis as { loketbodeStack?: GlobalStack }).loketbodeStack;
  if (!stack) {
    return;
  }
  await stack.sandbox.close();
  await disconnectStore();
  for (const service of [...stack.services].reverse()) {
    await service.stop();
  }
  if (process.env.KEEP_TEST_DATA) {
    console.log(`Test data kept in ${stack.runDir}`);
  } else {
    fs.rmSync(stack.runDir, { recursive: true, force: true });
  }
}
