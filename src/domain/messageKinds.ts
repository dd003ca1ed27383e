/** The messages a case sends to its citizen. */
export const MessageKind = {
  PickupNotice: 'pickup-notice',
  Reminder: 'reminder',
  EscalationLetter: 'escalation-letter',
  ReturnedUncollected: 'returned-uncollected',
} as const;

export type MessageKind = (typeof MessageKind)[keyof typeof MessageKind];

export const messageKinds: readonly MessageKind[] = Object.values(MessageKind);

/**
 * Builds the idempotency key of one message: the same case, kind, sequence and
 * channel always give the same key, so a retried activity finds the message it
 * already sent in the notification log.
 */
export function notificationKey(caseId: string, kind: MessageKind, sequence: number, channel: string): string {
  return `${caseId}/${kind}-${sequence}/${channel}`;
}
