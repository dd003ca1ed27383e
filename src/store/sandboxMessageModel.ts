import { Schema, model } from 'mongoose';
import { channels } from '../domain/channels';

/**
 * What the local sandbox captured: texts that reached the fake Vonage server
 * and e-mails that reached the capture SMTP server. Used outside production only.
 */
const sandboxMessageSchema = new Schema(
  {
    channel: { type: String, enum: channels, required: true },
    to: { type: String, required: true },
    from: { type: String, default: null },
    subject: { type: String, default: null },
    text: { type: String, required: true },
    html: { type: String, default: null },
    headers: { type: Schema.Types.Mixed, default: null },
    providerMessageId: { type: String, default: null },
    clientRef: { type: String, default: null },
    receivedAt: { type: Date, required: true, default: () => new Date() },
  },
  { versionKey: false },
);

sandboxMessageSchema.index({ receivedAt: -1 });

export const SandboxMessageModel = model('SandboxMessage', sandboxMessageSchema, 'sandbox_messages');
