import mongoose from 'mongoose';
import { CaseModel } from './caseModel';
import { CounterModel } from './counterModel';
import { LetterModel } from './letterModel';
import { NotificationModel } from './notificationModel';
import { SandboxMessageModel } from './sandboxMessageModel';
import { WebhookNonceModel } from './webhookNonceModel';

/**
 * Connects mongoose and builds the indexes the idempotency rules depend on.
 * Index creation must finish before the first write, or a duplicate could
 * slip in before the unique index exists.
 */
export async function connectStore(uri: string): Promise<typeof mongoose> {
  // A socket timeout makes a hung server fail a query within seconds, so the API can answer 503.
  const connection = await mongoose.connect(uri, { serverSelectionTimeoutMS: 5_000, socketTimeoutMS: 10_000, autoIndex: false });
  await Promise.all([CaseModel, CounterModel, LetterModel, NotificationModel, SandboxMessageModel, WebhookNonceModel].map((model) => model.createIndexes()));
  return connection;
}

export async function disconnectStore(): Promise<void> {
  await mongoose.disconnect();
}

/** True when the store answers a ping; used by /readyz. */
export async function pingStore(): Promise<boolean> {
  try {
    await mongoose.connection.db?.admin().ping();
    return mongoose.connection.readyState === 1;
  } catch {
    return false;
  }
}
