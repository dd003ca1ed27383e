import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { erased, purgePersonalData } from '../../src/retention/purgePersonalData';
import { CaseModel } from '../../src/store/caseModel';
import { connectStore, disconnectStore } from '../../src/store/connection';
import { LetterModel } from '../../src/store/letterModel';
import { NotificationModel } from '../../src/store/notificationModel';
import { uniqueReference } from '../support/citizens';

const day = 24 * 60 * 60 * 1000;

beforeAll(async () => {
  await connectStore(process.env.MONGODB_URI ?? '');
});

afterAll(async () => {
  await disconnectStore();
});

/** Inserts a closed case, its message and its letter, all dated `ageDays` ago. */
async function seed(ageDays: number) {
  const at = new Date(Date.now() - ageDays * day);
  const caseId = `retention-${uniqueReference('R')}`;
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'loketbode-retention-')), 'letter.pdf');
  fs.writeFileSync(file, '%PDF-1.4');
  await CaseModel.collection.insertOne({
    _id: caseId as never,
    reference: uniqueReference('RET'),
    documentType: 'passport',
    office: 'gent-centrum',
    preferredChannel: 'sms',
    status: 'collected',
    closedAt: at,
    pickupDeadlineMs: 1,
    registeredBy: 'dev-clerk',
    citizen: { nationalNumber: '85073003328', firstName: 'Zoë', lastName: "D'Hondt", birthDate: null, language: 'nl' },
    contact: { mobile: '+32470123456', email: 'zoe@example.be', address: { street: 'Veldstraat', number: '1', box: null, postalCode: '9000', municipality: 'Gent', country: 'BE' } },
    createdAt: at,
    updatedAt: at,
  });
  await NotificationModel.collection.insertOne({ key: `${caseId}/pickup-notice-1/sms`, caseId, kind: 'pickup-notice', sequence: 1, channel: 'sms', status: 'sent', language: 'nl', recipient: '+32******56', failureMessage: 'x', costCents: 14, createdAt: at, updatedAt: at });
  await LetterModel.collection.insertOne({ notificationKey: `${caseId}/escalation-letter-1/letter`, caseId, file, addressLines: ["Zoë D'Hondt", 'Veldstraat 1', '9000 Gent'], text: 'Beste Zoë', createdAt: at, updatedAt: at });
  return { caseId, file };
}

test('personal data past the retention period is erased, the rest kept', async () => {
  const old = await seed(200);
  const recent = await seed(10);

  await purgePersonalData(180);

  const oldCase = await CaseModel.findById(old.caseId).lean();
  expect(oldCase?.citizen).toMatchObject({ nationalNumber: erased, firstName: erased, lastName: erased });
  expect(oldCase?.contact).toMatchObject({ mobile: null, email: null });
  expect(oldCase?.contact.address.street).toBe(erased);
  expect(oldCase?.status).toBe('collected');

  const oldNotification = await NotificationModel.findOne({ caseId: old.caseId }).lean();
  expect(oldNotification).toMatchObject({ recipient: erased, failureMessage: null, status: 'sent', costCents: 14 });

  const oldLetter = await LetterModel.findOne({ caseId: old.caseId }).lean();
  expect(oldLetter?.addressLines).toEqual([]);
  expect(oldLetter?.text).toBe(erased);
  expect(fs.existsSync(old.file)).toBe(false);

  expect((await CaseModel.findById(recent.caseId).lean())?.citizen.firstName).toBe('Zoë');
  expect((await NotificationModel.findOne({ caseId: recent.caseId }).lean())?.recipient).toBe('+32******56');
  expect(fs.existsSync(recent.file)).toBe(true);

  // A second run finds nothing more to erase in these cases.
  await purgePersonalData(180);
  expect((await LetterModel.findOne({ caseId: old.caseId }).lean())?.text).toBe(erased);
});
