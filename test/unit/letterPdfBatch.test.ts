import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readLetterLabels, renderLetterPdf } from '../../src/activities/letterPdf';
import { mergeBatchPdf } from '../../src/mailroom/batchPdf';
import { placeLetters, type BatchLetter } from '../../src/mailroom/letterBatch';
import { isCalendarDate, mailroomDateOf } from '../../src/mailroom/mailroomDate';
import { MailroomError } from '../../src/mailroom/mailroomError';
import { buildManifestCsv, mailroomRelativePath } from '../../src/mailroom/manifestCsv';
import { pdfTextItems } from '../support/pdf';

let mailroomDir: string;

beforeAll(() => {
  mailroomDir = fs.mkdtempSync(path.join(os.tmpdir(), 'loketbode-batch-'));
});

afterAll(() => {
  fs.rmSync(mailroomDir, { recursive: true, force: true });
});

function batchLetter(overrides: Partial<BatchLetter> = {}): BatchLetter {
  return {
    id: '0123456789abcdef01234567',
    reference: 'GENT-CENTRUM-2025-000001',
    caseId: '6f1c2a9e-0000-4000-8000-000000000001',
    kind: 'pickup-notice',
    sequence: 1,
    language: 'nl',
    addressLines: ['Jan Peeters', 'Veldstraat 12 bus 3', '9000 Gent'],
    postageCents: 150,
    pageCount: 1,
    file: path.join('/tmp', 'unused.pdf'),
    mailroomDate: '2025-06-03',
    queuedAt: new Date('2025-06-03T08:00:00Z'),
    printedAt: null,
    printBatch: null,
    ...overrides,
  };
}

/** Writes a real letter PDF of `bodyLines` lines into the mail-room folder and returns it as a batch letter. */
async function writtenLetter(id: string, reference: string, bodyLines: number): Promise<BatchLetter> {
  const body = Array.from({ length: bodyLines }, (_, index) => `Regel ${index + 1}.`).join('\n');
  const { pdf, pageCount } = await renderLetterPdf({
    language: 'nl',
    labels: readLetterLabels('nl'),
    sender: { name: 'Stad Gent, dienst Burgerzaken', address: 'Woodrow Wilsonplein 1, 9000 Gent' },
    addressLines: ['Jan Peeters', 'Veldstraat 12 bus 3', '9000 Gent'],
    date: '3 juni 2025',
    reference,
    body,
  });
  const file = path.join(mailroomDir, '2025-06-03', `${reference}.pdf`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, pdf);
  return batchLetter({ id, reference, file, pageCount });
}

describe('mail-room day', () => {
  const instants: Array<[string, string]> = [
    ['2025-06-03T21:59:00Z', '2025-06-03'],
    ['2025-06-03T22:30:00Z', '2025-06-04'],
    ['2025-01-15T22:59:00Z', '2025-01-15'],
    ['2025-01-15T23:30:00Z', '2025-01-16'],
  ];

  test.each(instants)('%s is Brussels day %s', (instant, day) => {
    expect(mailroomDateOf(new Date(instant))).toBe(day);
  });

  test('calendar date rejects impossible days', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2025-02-29')).toBe(false);
    expect(isCalendarDate('2025-04-31')).toBe(false);
    expect(isCalendarDate('2025-6-3')).toBe(false);
    expect(isCalendarDate('2025-06-03T00:00')).toBe(false);
    expect(isCalendarDate('')).toBe(false);
  });
});

describe('batch page plan', () => {
  const letters = [batchLetter({ pageCount: 1 }), batchLetter({ pageCount: 2 }), batchLetter({ pageCount: 3 })];

  test('simplex plan follows page counts', () => {
    const placed = placeLetters(letters, false);

    expect(placed.map((entry) => entry.firstPage)).toEqual([1, 2, 4]);
    expect(placed.map((entry) => entry.blankPagesAfter)).toEqual([0, 0, 0]);
  });

  test('duplex plan pads odd letters', () => {
    const placed = placeLetters(letters, true);

    expect(placed.map((entry) => entry.firstPage)).toEqual([1, 3, 5]);
    expect(placed.map((entry) => entry.blankPagesAfter)).toEqual([1, 0, 1]);
  });
});

describe('batch manifest CSV', () => {
  test('address with comma is quoted', () => {
    const csv = buildManifestCsv(placeLetters([batchLetter({ file: path.join(mailroomDir, '2025-06-03', 'a.pdf') })], false), mailroomDir);
    const lines = csv.split('\r\n');

    expect(lines[0]).toBe('letter_id,reference,case_id,kind,sequence,address,postage_cents,file,first_page,page_count,queued_on');
    expect(lines[1]).toBe(
      '0123456789abcdef01234567,GENT-CENTRUM-2025-000001,6f1c2a9e-0000-4000-8000-000000000001,pickup-notice,1,' +
        '"Jan Peeters, Veldstraat 12 bus 3, 9000 Gent",150,2025-06-03/a.pdf,1,1,2025-06-03',
    );
  });

  test('formula-like name is escaped', () => {
    const csv = buildManifestCsv(placeLetters([batchLetter({ addressLines: ['=HYPERLINK("x")', 'Veldstraat 12', '9000 Gent'] })], false), mailroomDir);

    expect(csv).toContain(`"'=HYPERLINK(""x""), Veldstraat 12, 9000 Gent"`);
  });

  test('file outside mail-room folder stays absolute', () => {
    expect(mailroomRelativePath('/elsewhere/letter.pdf', mailroomDir)).toBe('/elsewhere/letter.pdf');
    expect(mailroomRelativePath(path.join(mailroomDir, '2025-06-03', 'b.pdf'), mailroomDir)).toBe('2025-06-03/b.pdf');
  });
});

describe('batch PDF merge', () => {
  test('letters keep order and start on new pages', async () => {
    const first = await writtenLetter('0123456789abcdef0123aaaa', 'REF-ONE', 3);
    const second = await writtenLetter('0123456789abcdef0123bbbb', 'REF-TWO', 60);
    expect(second.pageCount).toBe(2);

    const merged = await mergeBatchPdf(placeLetters([first, second], false), 'Loketbode 2025-06-03');
    const pages = await pdfTextItems(merged);

    expect(pages).toHaveLength(3);
    expect(pages[0]?.items.map((item) => item.text)).toContain('Referentie: REF-ONE');
    expect(pages[1]?.items.map((item) => item.text)).toContain('Referentie: REF-TWO');
    expect(pages[1]?.items.map((item) => item.text)).toContain('Pagina 1 van 2');
    expect(pages[2]?.items.map((item) => item.text)).toContain('Pagina 2 van 2');
  });

  test('duplex merge inserts blank pages', async () => {
    const first = await writtenLetter('0123456789abcdef0123cccc', 'REF-THREE', 3);
    const second = await writtenLetter('0123456789abcdef0123dddd', 'REF-FOUR', 3);

    const merged = await mergeBatchPdf(placeLetters([first, second], true), 'Loketbode 2025-06-03');
    const pages = await pdfTextItems(merged);

    expect(pages).toHaveLength(4);
    expect(pages[1]?.items).toEqual([]);
    expect(pages[2]?.items.map((item) => item.text)).toContain('Referentie: REF-FOUR');
    expect(pages[3]?.items).toEqual([]);
    expect(pages[1]?.widthMm).toBeCloseTo(210, 0);
    expect(pages[1]?.heightMm).toBeCloseTo(297, 0);
  });

  test('missing letter file raises letter_file_missing', async () => {
    const gone = batchLetter({ file: path.join(mailroomDir, 'gone.pdf') });

    await expect(mergeBatchPdf(placeLetters([gone], false), 'Loketbode')).rejects.toBeInstanceOf(MailroomError);
    await expect(mergeBatchPdf(placeLetters([gone], false), 'Loketbode')).rejects.toMatchObject({ code: 'letter_file_missing' });
  });
});
