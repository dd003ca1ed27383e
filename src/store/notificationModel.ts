import crypto from 'node:crypto';
import { Schema, Types, model, type InferSchemaType } from 'mongoose';
import { channels } from '../domain/channels';
import { messageKinds } from '../domain/messageKinds';

/**
 * States of one message in the notification log:
 * - sending: claimed by an activity attempt; the provider may or may not have it;
 * - retry: a temporary failure, so the provider certainly does not have it;
 * - sent: the provider accepted it;
 * - failed: the channel rejected it for good.
 */
export const notificationStatuses = ['sending', 'retry', 'sent', 'failed'] as const;
export type NotificationStatus = (typeof notificationStatuses)[number];

const notificationSchema = new Schema(
  {
    key: { type: String, required: true, unique: true },
    caseId: { type: String, required: true, index: true },
    kind: { type: String, enum: messageKinds, required: true },
    sequence: { type: Number, required: true },
    channel: { type: String, enum: channels, required: true },
    status: { type: String, enum: notificationStatuses, required: true },
    language: { type: String, required: true },
    recipient: { type: String, required: true },
    attempts: { type: Number, default: 1 },
    providerMessageId: { type: String, default: null },
    encoding: { type: String, default: null },
    segments: { type: Number, default: null },
    /** Cost to the office in euro cents, from the tariffs in force when the message went out. */
    costCents: { type: Number, default: null },
    failureType: { type: String, default: null },
    failureMessage: { type: String, default: null },
    sentAt: { type: Date, default: null },
    /** Latest delivery status from the provider's receipts; a failure sticks once reported. */
    deliveryStatus: { type: String, default: null },
    deliveredAt: { type: Date, default: null },
    receipts: { type: [Schema.Types.Mixed], default: [] },
  },
  { timestamps: true, versionKey: false },
);

export type NotificationRecord = InferSchemaType<typeof notificationSchema>;
export const NotificationModel = model('Notification', notificationSchema, 'notifications');

/**
 * Derives the id of a message's log entry from its key: the first 12 bytes
 * of the key's SHA-256. Every attempt to send the message finds the entry by _id, and the id
 * is still an ObjectId, which the SMS provider echoes as client-ref.
 */
export function notificationIdForKey(key: string): Types.ObjectId {
  return new Types.ObjectId(crypto.createHash('sha256').update(key).digest().subarray(0, 12));
}
