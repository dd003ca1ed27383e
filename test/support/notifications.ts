import type { Channel } from '../../src/domain/channels';
import type { MessageKind } from '../../src/domain/messageKinds';
import { NotificationModel } from '../../src/store/notificationModel';
import { waitFor } from './harness';

/**
 * Waits until the notification log records a message as sent. The sandbox
 * stores a message a moment before the activity that sent it logs it, so a
 * test that saw the message must still wait for the log.
 */
export function waitForLoggedSent(caseId: string, kind: MessageKind, channel: Channel) {
  return waitFor(`${kind} by ${channel} to be logged as sent`, async () => {
    const entry = await NotificationModel.findOne({ caseId, kind, channel }).lean();
    return entry?.status === 'sent' ? entry : undefined;
  });
}
