import type { SandboxEntry } from '../../src/api/routes/sandbox';
import type { Harness } from './harness';
import { waitFor } from './harness';

/** One message in the sandbox, as /sandbox/messages.json lists it. */
export type SandboxMessage = SandboxEntry;

/** Messages a citizen received about one case, oldest first, read through the API's sandbox endpoint. */
export async function messagesFor(harness: Harness, reference: string): Promise<SandboxMessage[]> {
  const response = await harness.request('GET', '/sandbox/messages.json');
  const all = response.body as SandboxMessage[];
  return all.filter((message) => message.text.includes(reference) || (message.subject ?? '').includes(reference)).reverse();
}

/** Waits until at least `count` messages about the case arrived, and returns them. */
export function waitForMessages(harness: Harness, reference: string, count: number, timeoutMs = 30_000): Promise<SandboxMessage[]> {
  return waitFor(
    `${count} message(s) for ${reference}`,
    async () => {
      const messages = await messagesFor(harness, reference);
      return messages.length >= count ? messages : undefined;
    },
    timeoutMs,
  );
}
