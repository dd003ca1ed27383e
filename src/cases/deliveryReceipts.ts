import type { Client } from '@temporalio/client';
import { isValidObjectId } from 'mongoose';
import type { Channel } from '../domain/channels';
import type { MessageKind } from '../domain/messageKinds';
import { logger } from '../logging';
import { countDeliveryReceipt, countReceiptFallback } from '../metrics/apiMetrics';
import { NotificationModel } from '../store/notificationModel';
import { deliveryFailed } from '../workflows/messages';

/** One delivery receipt as Vonage sends it for one part of an SMS. */
export interface DeliveryReceipt {
  messageId: string;
  status: string;
  errorCode: string | null;
  clientRef: string | null;
}

/** Vonage receipt statuses that mean the part will never arrive. */
const failureStatuses = new Set(['failed', 'rejected', 'expired']);

export type ReceiptOutcome = 'recorded' | 'fallback' | 'unknown-message';

/**
 * Records a receipt in the notification log and, when it reports a failure,
 * tells the case workflow to send the message through the next channel.
 * A failure sticks: a later "delivered" for another part does not undo it.
 */
export async function handleDeliveryReceipt(client: Client, receipt: DeliveryReceipt): Promise<ReceiptOutcome> {
  countDeliveryReceipt(receipt.status);
  const notificationId = receipt.clientRef;
  if (!notificationId || !isValidObjectId(notificationId)) {
    logger.warn({ providerMessageId: receipt.messageId }, 'Delivery receipt without a known client-ref; ignored');
    return 'unknown-message';
  }

  const failed = failureStatuses.has(receipt.status);
  const entry = { messageId: receipt.messageId, status: receipt.status, errorCode: receipt.errorCode, receivedAt: new Date() };
  const notification = await NotificationModel.findOneAndUpdate(
    { _id: notificationId },
    { $push: { receipts: entry } },
    { returnDocument: 'after' },
  ).lean();
  if (!notification) {
    logger.warn({ notificationId, providerMessageId: receipt.messageId }, 'Delivery receipt for an unknown message; ignored');
    return 'unknown-message';
  }

  const status = failed ? receipt.status : notification.deliveryStatus && failureStatuses.has(notification.deliveryStatus) ? notification.deliveryStatus : receipt.status;
  await NotificationModel.updateOne(
    { _id: notificationId },
    { $set: { deliveryStatus: status, ...(receipt.status === 'delivered' && !failed ? { deliveredAt: new Date() } : {}) } },
  );
  logger.info({ caseId: notification.caseId, notificationId, deliveryStatus: receipt.status }, 'Delivery receipt recorded');

  if (!failed) {
    return 'recorded';
  }
  try {
    await client.workflow.getHandle(notification.caseId).signal(deliveryFailed, {
      notificationId,
      kind: notification.kind as MessageKind,
      sequence: notification.sequence,
      channel: notification.channel as Channel,
      status: receipt.status,
    });
    // Only the first failed receipt counts, because the workflow falls back once per message however many parts fail.
    // NOTE: two failed parts whose receipts arrive at the same moment may both count.
    if (!(notification.deliveryStatus && failureStatuses.has(notification.deliveryStatus))) {
      countReceiptFallback(notification.channel as Channel);
    }
  } catch (error) {
    // A closed case needs no fallback; anything else is logged, and Vonage retries the receipt.
    logger.warn({ caseId: notification.caseId, notificationId, err: (error as Error).message }, 'Could not signal the delivery failure');
    if (!(error as Error).name?.includes('NotFound')) {
      throw error;
    }
  }
  return 'fallback';
}
