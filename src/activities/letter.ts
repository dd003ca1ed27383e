import fs from 'node:fs/promises';
import path from 'node:path';
import type { PolicyFile } from '../config/policyFile';
import type { PostalAddress } from '../domain/address';
import { PermanentFailure } from '../domain/failureTypes';
import { notificationKey } from '../domain/messageKinds';
import { LetterModel } from '../store/letterModel';
import { renderMessage } from '../templates/render';
import { renderLetterPdf } from './letterPdf';
import { formatDate, loadMessageContext, type NoticeRequest } from './messageContext';
import { sendOnce, type SentNotice } from './notificationLog';
import { PermanentSendError } from './sendErrors';

/** Formats the address block as Belgian post expects it: name, street and number with box, postcode and municipality. */
export function formatAddressLines(name: string, address: PostalAddress): string[] {
  const box = address.box ? ` bus ${address.box}` : '';
  const lines = [name, `${address.street} ${address.number}${box}`, `${address.postalCode} ${address.municipality}`];
  if (address.country && address.country !== 'BE') {
    lines.push(address.country);
  }
  return lines;
}

/** Builds the activity that writes a letter PDF into the mail room's folder and queues it for printing. */
export function createSendLetter(policy: PolicyFile, mailroomDir: string) {
  return async function sendLetter(request: NoticeRequest): Promise<SentNotice> {
    const context = await loadMessageContext(policy, request.caseId);
    const { caseRecord } = context;
    const office = policy.offices[caseRecord.office];
    const key = notificationKey(request.caseId, request.kind, request.sequence, 'letter');
    const draft = { key, ...request, channel: 'letter' as const, language: context.language, recipient: 'postal address' };
    const { text } = renderMessage(request.kind, 'letter', context.language, context.data);

    return sendOnce(
      draft,
      async () => {
        const address: PostalAddress | null = caseRecord.contact.address ?? null;
        if (!address || !office) {
          throw new PermanentSendError(PermanentFailure.MissingContactData, 'the case has no postal address');
        }
        const addressLines = formatAddressLines(`${caseRecord.citizen.firstName} ${caseRecord.citizen.lastName}`, address);
        const referenceLine = `Referentie: ${caseRecord.reference}`;
        const pdf = await renderLetterPdf({
          sender: { name: office.name, address: office.address },
          addressLines,
          dateLine: formatDate(new Date(), context.language),
          referenceLine,
          body: text,
        });

        const day = new Date().toISOString().slice(0, 10);
        const file = path.join(mailroomDir, day, `${request.caseId}-${request.kind}-${request.sequence}.pdf`);
        await fs.mkdir(path.dirname(file), { recursive: true });
        await fs.writeFile(file, pdf);

        await LetterModel.updateOne(
          { notificationKey: key },
          { $set: { caseId: request.caseId, file, addressLines, text: `${referenceLine}\n\n${text}` } },
          { upsert: true },
        );
        return { providerMessageId: path.basename(file), costCents: policy.tariffs.letterCents };
      },
      { repeatable: true },
    );
  };
}
