import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { PolicyFile } from '../config/policyFile';
import type { PostalAddress } from '../domain/address';
import { PermanentFailure } from '../domain/failureTypes';
import { notificationKey } from '../domain/messageKinds';
import { logger } from '../logging';
import { mailroomDateOf } from '../mailroom/mailroomDate';
import { LetterModel } from '../store/letterModel';
import { renderMessage } from '../templates/render';
import {
  AddressBlockOverflowError,
  readLetterLabels,
  renderLetterPdf,
  warmUpLetterRendering,
  type LetterContent,
  type RenderedLetter,
} from './letterPdf';
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

/**
 * Builds the activity that writes a letter PDF into the mail room's folder
 * (`<MAILROOM_DIR>/<Brussels date>/<caseId>-<kind>-<sequence>.pdf`) and
 * queues it for printing with its postage.
 */
export function createSendLetter(policy: PolicyFile, mailroomDir: string) {
  warmUpLetterRendering().catch((error: unknown) => {
    logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'Letter rendering warm-up failed, so the first letter renders slower');
  });

  return async function sendLetter(request: NoticeRequest): Promise<SentNotice> {
    const context = await loadMessageContext(policy, request.caseId, request);
    const { caseRecord, language } = context;
    const office = policy.offices[caseRecord.office];
    const key = notificationKey(request.caseId, request.kind, request.sequence, 'letter');
    const draft = { key, ...request, channel: 'letter' as const, language, recipient: 'postal address' };
    const { text } = renderMessage(request.kind, 'letter', language, context.data);
    const labels = readLetterLabels(language);

    return sendOnce(
      draft,
      async () => {
        const address: PostalAddress | null = caseRecord.contact.address ?? null;
        if (!address || !office) {
          throw new PermanentSendError(PermanentFailure.MissingContactData, 'the case has no postal address');
        }

        // A retry after the mail room printed this letter must not queue it a second time.
        const queued = await LetterModel.findOne({ notificationKey: key }).lean();
        if (queued?.printedAt) {
          return { providerMessageId: path.basename(queued.file), costCents: queued.postageCents };
        }

        // A retry of an unprinted letter keeps its day and file, so the letter stays in one batch.
        const now = new Date();
        const mailroomDate = queued?.mailroomDate ?? mailroomDateOf(now);
        const file = queued?.file ?? path.join(mailroomDir, mailroomDate, `${request.caseId}-${request.kind}-${request.sequence}.pdf`);
        const addressLines = formatAddressLines(`${caseRecord.citizen.firstName} ${caseRecord.citizen.lastName}`, address);
        const rendered = await renderForWindowEnvelope({
          language,
          labels,
          sender: { name: office.name, address: office.address },
          addressLines,
          date: formatDate(now, language),
          reference: caseRecord.reference,
          body: text,
        });
        await writeFileAtomically(file, rendered.pdf);

        const postageCents = policy.tariffs.letterCents;
        const referenceLine = labels.referenceLine({ reference: caseRecord.reference });
        await LetterModel.updateOne(
          { notificationKey: key },
          {
            $set: {
              caseId: request.caseId,
              reference: caseRecord.reference,
              kind: request.kind,
              sequence: request.sequence,
              language,
              file,
              addressLines,
              text: `${referenceLine}\n\n${text}`,
              pageCount: rendered.pageCount,
              postageCents,
              mailroomDate,
            },
          },
          { upsert: true },
        );
        return { providerMessageId: path.basename(file), costCents: postageCents };
      },
      { repeatable: true },
    );
  };
}

/** Renders the letter. An address too long for the envelope window fails the letter channel permanently. */
async function renderForWindowEnvelope(content: LetterContent): Promise<RenderedLetter> {
  try {
    return await renderLetterPdf(content);
  } catch (error) {
    if (error instanceof AddressBlockOverflowError) {
      throw new PermanentSendError(PermanentFailure.AddressDoesNotFit, `the postal address cannot be printed: ${error.message}`);
    }
    throw error;
  }
}

/** Writes through a temporary file and a rename, so the mail room never merges a half-written PDF. */
async function writeFileAtomically(file: string, bytes: Buffer): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${crypto.randomUUID()}.tmp`;
  try {
    await fs.writeFile(temporary, bytes);
    await fs.rename(temporary, file);
  } catch (error) {
    await fs.rm(temporary, { force: true });
    throw error;
  }
}
