/**
 * One row of the notification log as the audit and the reports read it.
 * deliveryStatus and deliveredAt come from provider delivery receipts, which
 * not every deployment records yet, so both are null when the row lacks them.
 */
export interface LoggedNotification {
  id: string;
  key: string;
  caseId: string;
  kind: string;
  sequence: number;
  channel: string;
  status: string;
  language: string | null;
  recipient: string | null;
  providerMessageId: string | null;
  encoding: string | null;
  segments: number | null;
  costCents: number | null;
  failureType: string | null;
  failureMessage: string | null;
  sentAt: Date | null;
  createdAt: Date | null;
  deliveryStatus: string | null;
  deliveredAt: Date | null;
}

function text(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function count(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function date(value: unknown): Date | null {
  if (value instanceof Date) {
    return value;
  }
  if (typeof value === 'string' && !Number.isNaN(Date.parse(value))) {
    return new Date(value);
  }
  return null;
}

/** Reads a raw notification document (from a lean query), tolerating fields that are missing or of another type. */
export function toLoggedNotification(document: Record<string, unknown>): LoggedNotification {
  return {
    id: String(document._id),
    key: text(document.key) ?? '',
    caseId: text(document.caseId) ?? '',
    kind: text(document.kind) ?? '',
    sequence: count(document.sequence) ?? 0,
    channel: text(document.channel) ?? '',
    status: text(document.status) ?? '',
    language: text(document.language),
    recipient: text(document.recipient),
    providerMessageId: text(document.providerMessageId),
    encoding: text(document.encoding),
    segments: count(document.segments),
    costCents: count(document.costCents),
    failureType: text(document.failureType),
    failureMessage: text(document.failureMessage),
    sentAt: date(document.sentAt),
    createdAt: date(document.createdAt),
    deliveryStatus: text(document.deliveryStatus),
    deliveredAt: date(document.deliveredAt),
  };
}
