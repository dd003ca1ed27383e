import { Schema, model } from 'mongoose';

/**
 * Nonces of signed webhook calls already accepted. A unique index makes a
 * replayed call fail; entries older than the accepted clock skew can go.
 */
const webhookNonceSchema = new Schema(
  {
    _id: { type: String, required: true },
    receivedAt: { type: Date, required: true, default: () => new Date() },
  },
  { versionKey: false },
);

export const WebhookNonceModel = model('WebhookNonce', webhookNonceSchema, 'webhook_nonces');
