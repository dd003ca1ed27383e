/** The ways the office can reach a citizen. */
export const channels = ['sms', 'email', 'letter'] as const;

export type Channel = (typeof channels)[number];

export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && (channels as readonly string[]).includes(value);
}

/**
 * Returns the channels to try, in order, when a notice goes out. A permanent
 * failure on one channel falls back to the next: SMS, then e-mail, then a
 * letter, which always reaches the registered address.
 */
export function fallbackChain(preferred: Channel): Channel[] {
  const order: Channel[] = ['sms', 'email', 'letter'];
  return order.slice(order.indexOf(preferred));
}
