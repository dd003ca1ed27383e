import crypto from 'node:crypto';
import { Types } from 'mongoose';
import { sendOnce, type NotificationDraft, type SendReceipt } from '../../src/activities/notificationLog';
import { MessageKind } from '../../src/domain/messageKinds';
import { connectStore, disconnectStore } from '../../src/store/connection';
import { NotificationModel, notificationIdForKey } from '../../src/store/notificationModel';

beforeAll(async () => {
  await connectStore(process.env.MONGODB_URI ?? '');
});

afterAll(async () => {
  await disconnectStore();
});

function draftFor(caseId: string): NotificationDraft {
  return {
    key: `${caseId}:pickup-notice:1:sms`,
    caseId,
    kind: MessageKind.PickupNotice,
    sequence: 1,
    channel: 'sms',
    language: 'nl',
    recipient: '+32 470 ** ** 56',
  };
}

/** Counts the sends that reach the "provider", the way an SMS gateway would. */
function countingSender() {
  const notificationIds: string[] = [];
  const send = async (notificationId: string): Promise<SendReceipt> => {
    notificationIds.push(notificationId);
    return { providerMessageId: `msg-${notificationIds.length}`, costCents: 7 };
  };
  return { send, notificationIds };
}

describe('the notification log', () => {
  test('new message sent once under derived id', async () => {
    const draft = draftFor(`log-${crypto.randomUUID()}`);
    const provider = countingSender();

    const first = await sendOnce(draft, provider.send);
    const second = await sendOnce(draft, provider.send);

    const expectedId = notificationIdForKey(draft.key).toString();
    expect(first).toMatchObject({ notificationId: expectedId, duplicate: false, providerMessageId: 'msg-1' });
    expect(second).toMatchObject({ notificationId: expectedId, duplicate: true, providerMessageId: 'msg-1' });
    expect(provider.notificationIds).toEqual([expectedId]);
    const entries = await NotificationModel.find({ key: draft.key }).lean();
    expect(entries.map((entry) => [entry._id.toString(), entry.status])).toEqual([[expectedId, 'sent']]);
  });

  test('legacy entry with random id found by key', async () => {
    const draft = draftFor(`legacy-${crypto.randomUUID()}`);
    const legacyId = new Types.ObjectId();
    await NotificationModel.collection.insertOne({ _id: legacyId, ...draft, status: 'sent', attempts: 1, providerMessageId: 'legacy-msg', costCents: 7 });
    const provider = countingSender();

    const notice = await sendOnce(draft, provider.send);

    expect(notice).toMatchObject({ notificationId: legacyId.toString(), duplicate: true, providerMessageId: 'legacy-msg' });
    expect(provider.notificationIds).toEqual([]);
    expect(await NotificationModel.countDocuments({ key: draft.key })).toBe(1);
  });

  test('id depends on the key only', () => {
    expect(notificationIdForKey('case-a:reminder:1:sms').equals(notificationIdForKey('case-a:reminder:1:sms'))).toBe(true);
    expect(notificationIdForKey('case-a:reminder:1:sms').equals(notificationIdForKey('case-a:reminder:2:sms'))).toBe(false);
  });
});
