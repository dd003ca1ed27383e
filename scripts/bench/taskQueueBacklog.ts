import { temporal } from '@temporalio/proto';
import type { BenchStack } from './benchStack';
import { pollUntil } from './load';

/**
 * Waits until a task queue has had no workflow task backlog for three polls
 * in a row, one second apart, which means the worker has taken every
 * workflow task the server had queued.
 */
export async function waitForEmptyBacklog(stack: BenchStack, taskQueue: string, timeoutMs: number, log: (line: string) => void): Promise<void> {
  let emptyPolls = 0;
  await pollUntil(
    'an empty workflow task backlog',
    async () => {
      const description = await stack.client.workflowService.describeTaskQueue({
        namespace: 'default',
        taskQueue: { name: taskQueue, kind: temporal.api.enums.v1.TaskQueueKind.TASK_QUEUE_KIND_NORMAL },
        taskQueueType: temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
        reportStats: true,
      });
      const backlog = Number(description.stats?.approximateBacklogCount ?? 0);
      emptyPolls = backlog === 0 ? emptyPolls + 1 : 0;
      return { done: emptyPolls >= 3, progress: `backlog ${backlog}` };
    },
    { timeoutMs, intervalMs: 1_000, onProgress: (progress) => log(`  ${progress}`) },
  );
}
