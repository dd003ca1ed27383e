import { Counter, type Registry } from 'prom-client';
import { fallbackChain, type Channel } from '../domain/channels';

/** Event that made a case send a message through the next channel of the fallback chain. */
export type FallbackTrigger = 'send-failure' | 'delivery-receipt';

/**
 * Creates `loketbode_fallbacks_total` in one registry. The worker counts
 * fallbacks after a permanent send failure and the API those after a failed
 * delivery receipt, so each process registers the same name with its own
 * trigger, and `sum by (trigger)` across both jobs gives the whole picture.
 */
export function createFallbackCounter(registry: Registry) {
  const counter = new Counter({
    name: 'loketbode_fallbacks_total',
    help: 'Messages sent again through the next channel of the fallback chain (SMS, e-mail, letter), by trigger and channels.',
    labelNames: ['trigger', 'from_channel', 'to_channel'] as const,
    registers: [registry],
  });

  /** Counts one fallback from the channel that failed; a failed letter has no next channel and counts nothing. */
  return function countFallback(trigger: FallbackTrigger, failedChannel: Channel): void {
    const next = fallbackChain(failedChannel)[1];
    if (next) {
      counter.inc({ trigger, from_channel: failedChannel, to_channel: next });
    }
  };
}
