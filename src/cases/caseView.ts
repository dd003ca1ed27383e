import { maskEmail } from '../domain/address';
import { maskPhone } from '../domain/phone';
import type { CaseRecord } from '../store/caseModel';
import type { NotificationRecord } from '../store/notificationModel';
import type { CaseState } from '../workflows/messages';

/** The case as the API shows it. Contact data appears only masked. */
export function toCaseView(record: CaseRecord, state: CaseState | null, notifications: NotificationRecord[]) {
  return {
    id: record._id,
    reference: record.reference,
    documentType: record.documentType,
    office: record.office,
    preferredChannel: record.preferredChannel,
    status: state?.status ?? record.status,
    registeredAt: record.createdAt.toISOString(),
    readyAt: state?.readyAt ?? record.readyAt?.toISOString() ?? null,
    closedAt: state?.closedAt ?? record.closedAt?.toISOString() ?? null,
    remindersSent: state?.remindersSent ?? record.remindersSent,
    nextReminder: state?.nextMessage ?? null,
    contact: {
      mobile: record.contact.mobile ? maskPhone(record.contact.mobile) : null,
      email: record.contact.email ? maskEmail(record.contact.email) : null,
      address: record.contact.address ? `${record.contact.address.postalCode} ${record.contact.address.municipality}` : null,
    },
    timeline: state?.timeline ?? [],
    notifications: notifications.map((notification) => ({
      kind: notification.kind,
      sequence: notification.sequence,
      channel: notification.channel,
      status: notification.status,
      recipient: notification.recipient,
      sentAt: notification.sentAt?.toISOString() ?? null,
      encoding: notification.encoding ?? null,
      segments: notification.segments ?? null,
      costCents: notification.costCents ?? null,
      failureType: notification.failureType ?? null,
    })),
  };
}

export type CaseView = ReturnType<typeof toCaseView>;
