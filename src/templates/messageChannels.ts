import { channels, type Channel } from '../domain/channels';
import type { MessageKind } from '../domain/messageKinds';

/** The channels each message kind has templates for. The escalation letter goes on paper whatever the preferred channel. */
export const channelsByKind: Record<MessageKind, readonly Channel[]> = {
  'pickup-notice': channels,
  reminder: channels,
  'escalation-letter': ['letter'],
  'returned-uncollected': channels,
};

export function isSentOnChannel(kind: MessageKind, channel: Channel): boolean {
  return channelsByKind[kind].includes(channel);
}
