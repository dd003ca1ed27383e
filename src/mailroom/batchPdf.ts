import fs from 'node:fs/promises';
import { PDFDocument } from 'pdf-lib';
import { logger } from '../logging';
import type { PlacedLetter } from './letterBatch';
import { MailroomError } from './mailroomError';

/**
 * Merges the letters of a batch into one PDF in the given order, each letter
 * starting on a new page and followed by the blank pages set in the plan.
 * Raises MailroomError `letter_file_missing` when a letter's PDF is gone.
 */
export async function mergeBatchPdf(placed: PlacedLetter[], title: string): Promise<Uint8Array> {
  const merged = await PDFDocument.create();
  merged.setTitle(title);
  merged.setProducer('Loketbode');

  for (const { letter, blankPagesAfter } of placed) {
    const source = await PDFDocument.load(await readLetterFile(letter.id, letter.file));
    const pages = await merged.copyPages(source, source.getPageIndices());
    for (const page of pages) {
      merged.addPage(page);
    }
    if (pages.length !== letter.pageCount) {
      logger.warn({ letterId: letter.id, caseId: letter.caseId, stored: letter.pageCount, actual: pages.length }, 'Letter page count differs from its PDF');
    }

    const lastPage = pages[pages.length - 1];
    for (let blank = 0; blank < blankPagesAfter; blank++) {
      merged.addPage(lastPage ? [lastPage.getWidth(), lastPage.getHeight()] : undefined);
    }
  }

  // Without object streams the file is plain PDF 1.4 structure, which older print servers also read.
  return merged.save({ useObjectStreams: false });
}

async function readLetterFile(letterId: string, file: string): Promise<Buffer> {
  try {
    return await fs.readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      logger.error({ letterId, file }, 'Letter PDF missing from the mail-room folder');
      throw new MailroomError('internal', 'letter_file_missing', null, `Brief ${letterId}.`);
    }
    throw error;
  }
}
