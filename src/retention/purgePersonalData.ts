import fs from 'node:fs/promises';
import { logger } from '../logging';
import { CaseModel } from '../store/caseModel';
import { LetterModel } from '../store/letterModel';
import { NotificationModel } from '../store/notificationModel';

const millisecondsPerDay = 24 * 60 * 60 * 1000;

/** What one purge removed, for the log and the tests. */
export interface PurgeResult {
  notifications: number;
  letters: number;
  cases: number;
}

/** Placeholder for erased text, so a reader sees that a value was removed on purpose. */
export const erased = '[gewist]';

/**
 * Erases personal data older than the retention period: the recipient and
 * error text of messages, the address, text and PDF of letters, and the
 * citizen and contact data of cases closed before the cutoff. Statuses,
 * dates, channels and costs stay, so reports and audits keep working.
 * Safe to run again and from several workers at once.
 */
export async function purgePersonalData(retentionDays: number, now = Date.now()): Promise<PurgeResult> {
  const cutoff = new Date(now - retentionDays * millisecondsPerDay);

  const notifications = await NotificationModel.updateMany(
    { createdAt: { $lt: cutoff }, recipient: { $ne: erased } },
    { $set: { recipient: erased, failureMessage: null } },
  );

  const letters = await LetterModel.find({ createdAt: { $lt: cutoff }, text: { $ne: erased } }).select({ file: 1 }).lean();
  for (const letter of letters) {
    await fs.rm(letter.file, { force: true });
    await LetterModel.updateOne({ _id: letter._id }, { $set: { addressLines: [], text: erased } });
  }

  const cases = await CaseModel.updateMany(
    { closedAt: { $lt: cutoff }, 'citizen.lastName': { $ne: erased } },
    {
      $set: {
        'citizen.nationalNumber': erased,
        'citizen.firstName': erased,
        'citizen.lastName': erased,
        'citizen.birthDate': null,
        'contact.mobile': null,
        'contact.email': null,
        'contact.address': { street: erased, number: erased, box: null, postalCode: erased, municipality: erased, country: 'BE' },
      },
    },
  );

  const result = { notifications: notifications.modifiedCount, letters: letters.length, cases: cases.modifiedCount };
  if (result.notifications + result.letters + result.cases > 0) {
    logger.info({ retentionDays, ...result }, 'Erased personal data past the retention period');
  }
  return result;
}

/**
 * Runs the purge at start-up and then every six hours, until stopped.
 * An error is logged and the next run tries again.
 */
export function schedulePersonalDataPurge(retentionDays: number): () => void {
  const run = () => {
    purgePersonalData(retentionDays).catch((error: Error) => logger.error({ err: error.message }, 'Personal data purge failed'));
  };
  run();
  const timer = setInterval(run, 6 * 60 * 60 * 1000);
  timer.unref();
  return () => clearInterval(timer);
}
