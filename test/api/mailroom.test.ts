import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readLetterLabels, renderLetterPdf, windowClearanceMm } from '../../src/activities/letterPdf';
import { errorMessagesNl } from '../../src/api/errorMessages';
import { LetterModel } from '../../src/store/letterModel';
import { janPeeters, uniqueReference } from '../support/citizens';
import { shortPolicyFile, startHarness, type Harness } from '../support/harness';
import { pdfTextItems, type PdfTextItem } from '../support/pdf';
import { waitForMessages } from '../support/sandbox';

/** Returns the Brussels calendar date `offsetDays` from now as YYYY-MM-DD, the en-CA locale's date format. */
function brusselsDate(offsetDays: number): string {
  const instant = new Date(Date.now() + offsetDays * 24 * 60 * 60 * 1000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels' }).format(instant);
}

const today = brusselsDate(0);
const yesterday = brusselsDate(-1);
const tomorrow = brusselsDate(1);

const manifestHeader = ['letter_id', 'reference', 'case_id', 'kind', 'sequence', 'address', 'postage_cents', 'file', 'first_page', 'page_count', 'queued_on'];

interface QueuedCase {
  id: string;
  reference: string;
  name: string;
}

interface ListedLetter {
  id: string;
  reference: string;
  caseId: string;
  kind: string;
  sequence: number;
  language: string;
  addressLines: string[];
  postageCents: number;
  pageCount: number;
  file: string;
  queuedOn: string;
  queuedAt: string;
  printedAt: string | null;
  printBatch: string | null;
}

let harness: Harness;
let policyDir: string;
const queued: QueuedCase[] = [];

/** Registers a case that prefers letters, marks it ready and waits until its pickup notice is queued. */
async function queueLetterFor(firstName: string, lastName: string): Promise<QueuedCase> {
  const reference = uniqueReference('MRM');
  const body = janPeeters({ reference, preferredChannel: 'letter' });
  body.citizen.firstName = firstName;
  body.citizen.lastName = lastName;

  const registered = await harness.request('POST', '/api/v1/applications', { body });
  expect(registered.status).toBe(201);
  const id = registered.body.id as string;
  expect((await harness.request('POST', `/api/v1/applications/${id}/ready`)).status).toBe(200);

  await waitForMessages(harness, reference, 1);
  return { id, reference, name: `${firstName} ${lastName}` };
}

beforeAll(async () => {
  // Reminders an hour apart keep each case at exactly one letter while the tests run.
  policyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'loketbode-mailroom-'));
  const policy = JSON.parse(fs.readFileSync(shortPolicyFile, 'utf8'));
  policy.defaults = { reminders: ['1 hour', '2 hours'], letterAfter: '3 hours', pickupDeadline: '4 hours' };
  const policyFile = path.join(policyDir, 'policy.json');
  fs.writeFileSync(policyFile, JSON.stringify(policy));

  harness = await startHarness({ policyFile });
  queued.push(await queueLetterFor('Jan', 'Peeters'));
  queued.push(await queueLetterFor('François', 'Mertens'));
}, 120_000);

afterAll(async () => {
  for (const queuedCase of queued) {
    await harness.request('POST', `/api/v1/applications/${queuedCase.id}/cancel`, { body: { reason: 'test' } });
  }
  await harness.close();
  fs.rmSync(policyDir, { recursive: true, force: true });
});

async function listLetters(query = ''): Promise<{ headers: Headers; body: any }> {
  const response = await harness.request('GET', `/api/v1/mailroom/letters${query}`);
  expect(response.status).toBe(200);
  return response;
}

function ownLetters(body: { letters: ListedLetter[] }): ListedLetter[] {
  return body.letters.filter((letter) => queued.some((queuedCase) => queuedCase.id === letter.caseId));
}

function listedIds(response: { body: { letters: ListedLetter[] } }): string[] {
  return response.body.letters.map((letter) => letter.id);
}

async function download(route: string): Promise<{ status: number; headers: Headers; bytes: Buffer }> {
  const response = await fetch(`${harness.baseUrl}${route}`, { headers: { authorization: 'Bearer dev-clerk' } });
  return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
}

/**
 * Downloads a batch's CSV and PDF. Other test files queue letters at the same
 * time, so it retries until both carry the same ETag, which means the same letters.
 */
async function downloadBatch(date: string, query = '') {
  for (let attempt = 0; attempt < 5; attempt++) {
    const csv = await download(`/api/v1/mailroom/batches/${date}.csv${query}`);
    const pdf = await download(`/api/v1/mailroom/batches/${date}.pdf${query}`);
    if (csv.headers.get('etag') === pdf.headers.get('etag')) {
      return { csv, pdf, records: manifestRecords(csv.bytes.toString('utf8')) };
    }
  }
  throw new Error(`the batch of ${date} changed between every CSV and PDF download`);
}

/** Parses RFC 4180 CSV, where quoted fields may contain commas, doubled quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < text.length; index++) {
    const character = text[index];
    if (quoted) {
      if (character === '"' && text[index + 1] === '"') {
        field += '"';
        index++;
      } else if (character === '"') {
        quoted = false;
      } else {
        field += character;
      }
    } else if (character === '"') {
      quoted = true;
    } else if (character === ',') {
      row.push(field);
      field = '';
    } else if (character === '\r' && text[index + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      index++;
    } else {
      field += character;
    }
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

function manifestRecords(csv: string): Array<Record<string, string>> {
  const [header, ...rows] = parseCsv(csv);
  expect(header).toEqual(manifestHeader);
  return rows.map((row) => Object.fromEntries(manifestHeader.map((column, index) => [column, row[index] ?? ''])));
}

/** Returns the texts that overlap the window zone of a page, top to bottom. */
function windowTexts(items: PdfTextItem[]): string[] {
  const zone = windowClearanceMm;
  return items
    .filter((item) => item.rightMm > zone.left && item.leftMm < zone.left + zone.width && item.bottomMm > zone.top && item.topMm < zone.top + zone.height)
    .sort((a, b) => a.topMm - b.topMm)
    .map((item) => item.text);
}

describe('mail-room batch', () => {
  test('list shows queued letters with postage', async () => {
    const response = await listLetters();
    const body = response.body;

    expect(body.date).toBe(today);
    expect(body.status).toBe('unprinted');
    expect(body.count).toBe(body.letters.length);
    expect(body.postageCents).toBe(body.letters.reduce((sum: number, letter: ListedLetter) => sum + letter.postageCents, 0));
    expect(response.headers.get('etag')).toMatch(/^W\/".+"$/);
    expect(response.headers.get('cache-control')).toBe('no-store');

    const own = ownLetters(body);
    expect(own).toHaveLength(2);
    for (const queuedCase of queued) {
      const letter = own.find((candidate) => candidate.caseId === queuedCase.id);
      expect(letter).toMatchObject({
        reference: queuedCase.reference,
        kind: 'pickup-notice',
        language: 'nl',
        postageCents: 150,
        queuedOn: today,
        printedAt: null,
        printBatch: null,
      });
      expect(letter?.addressLines).toEqual([queuedCase.name, 'Veldstraat 12 bus 3', '9000 Gent']);
      expect(letter?.pageCount).toBeGreaterThanOrEqual(1);
      expect(letter?.file).toMatch(new RegExp(`^${today}/${queuedCase.id}-pickup-notice-\\d+\\.pdf$`));
    }
  });

  test('letter document stores postage and day', async () => {
    const stored = await LetterModel.find({ caseId: { $in: queued.map((queuedCase) => queuedCase.id) } }).lean();

    expect(stored).toHaveLength(2);
    for (const letter of stored) {
      expect(letter.postageCents).toBe(150);
      expect(letter.mailroomDate).toBe(today);
      // FerretDB 1.24 leaves out null fields that an upsert inserts, and MongoDB stores them.
      expect(letter.printedAt ?? null).toBeNull();
      expect(fs.existsSync(letter.file)).toBe(true);
    }
  });

  test('batch PDF starts each letter on a new page', async () => {
    const { pdf, records } = await downloadBatch(today);

    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('content-disposition')).toBe(`attachment; filename=loketbode-letters-${today}.pdf`);
    expect(pdf.headers.get('cache-control')).toBe('no-store');
    expect(Number(pdf.headers.get('x-letter-count'))).toBe(records.length);

    const pages = await pdfTextItems(pdf.bytes);
    expect(pages).toHaveLength(records.reduce((sum, record) => sum + Number(record.page_count), 0));

    let expectedFirstPage = 1;
    for (const record of records) {
      expect(Number(record.first_page)).toBe(expectedFirstPage);
      const firstPage = pages[expectedFirstPage - 1];
      expect(firstPage?.items.some((item) => item.text.endsWith(record.reference ?? ''))).toBe(true);
      expectedFirstPage += Number(record.page_count);
    }

    for (const queuedCase of queued) {
      const record = records.find((candidate) => candidate.case_id === queuedCase.id);
      const firstPage = pages[Number(record?.first_page) - 1];
      expect(firstPage?.items.map((item) => item.text)).toContain(`Referentie: ${queuedCase.reference}`);
      expect(windowTexts(firstPage?.items ?? [])).toEqual([queuedCase.name, 'Veldstraat 12 bus 3', '9000 Gent']);
    }
  });

  test('CSV manifest has one row per letter', async () => {
    const { csv, records } = await downloadBatch(today);
    const listed = ownLetters((await listLetters()).body);

    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8; header=present');
    expect(csv.headers.get('content-disposition')).toBe(`attachment; filename=loketbode-letters-${today}.csv`);
    expect(Number(csv.headers.get('x-letter-count'))).toBe(records.length);

    for (const queuedCase of queued) {
      const rows = records.filter((record) => record.case_id === queuedCase.id);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        letter_id: listed.find((letter) => letter.caseId === queuedCase.id)?.id,
        reference: queuedCase.reference,
        kind: 'pickup-notice',
        address: `${queuedCase.name}, Veldstraat 12 bus 3, 9000 Gent`,
        postage_cents: '150',
        queued_on: today,
      });
      expect(rows[0]?.file).toMatch(new RegExp(`^${today}/${queuedCase.id}-pickup-notice-\\d+\\.pdf$`));
    }
  });

  test('duplex batch starts letters on odd pages', async () => {
    const { pdf, records } = await downloadBatch(today, '?duplex=true');
    const pages = await pdfTextItems(pdf.bytes);

    const sheetsOfPages = records.reduce((sum, record) => sum + Number(record.page_count) + (Number(record.page_count) % 2), 0);
    expect(pages).toHaveLength(sheetsOfPages);
    for (const record of records) {
      expect(Number(record.first_page) % 2).toBe(1);
    }
  });

  test('CSV of a day without letters is a header row', async () => {
    const csv = await download('/api/v1/mailroom/batches/2000-01-03.csv');

    expect(csv.status).toBe(200);
    expect(parseCsv(csv.bytes.toString('utf8'))).toEqual([manifestHeader]);
  });

  test('PDF of a day without letters answers 404', async () => {
    const response = await harness.request('GET', '/api/v1/mailroom/batches/2000-01-03.pdf');

    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('no_letters_for_date');
    expect(response.body.error.message).toBe(errorMessagesNl.no_letters_for_date);
  });
});

const invalidQueries: Array<[string, string, string, string]> = [
  ['month 13', '/api/v1/mailroom/letters?date=2025-13-01', 'invalid_mailroom_date', 'date'],
  ['30 February', '/api/v1/mailroom/batches/2025-02-30.pdf', 'invalid_mailroom_date', 'date'],
  ['date without dashes', '/api/v1/mailroom/batches/20250603.csv', 'invalid_mailroom_date', 'date'],
  ['repeated date', '/api/v1/mailroom/letters?date=2025-06-03&date=2025-06-04', 'invalid_mailroom_date', 'date'],
  ['future list date', `/api/v1/mailroom/letters?date=${tomorrow}`, 'mailroom_date_in_future', 'date'],
  ['future PDF date', `/api/v1/mailroom/batches/${tomorrow}.pdf`, 'mailroom_date_in_future', 'date'],
  ['unknown status', '/api/v1/mailroom/letters?status=lost', 'invalid_letter_status', 'status'],
  ['duplex not boolean', `/api/v1/mailroom/batches/${today}.pdf?duplex=yes`, 'invalid_duplex', 'duplex'],
  ['unknown parameter', `/api/v1/mailroom/batches/${today}.csv?sort=name`, 'unknown_query_parameter', 'sort'],
];

describe('invalid mail-room query', () => {
  test.each(invalidQueries)('%s answers 400', async (_name, route, code, field) => {
    const response = await harness.request('GET', route);

    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe(code);
    expect(response.body.error.field).toBe(field);
    expect(response.body.error.message).toBe(errorMessagesNl[code]);
  });
});

const invalidBodies: Array<[string, unknown, string, string]> = [
  ['no letterIds', {}, 'missing_field', 'letterIds'],
  ['letterIds not a list', { letterIds: 'all' }, 'invalid_letter_ids', 'letterIds'],
  ['empty letterIds', { letterIds: [] }, 'empty_letter_ids', 'letterIds'],
  ['malformed id', { letterIds: ['xyz'] }, 'invalid_letter_id', 'letterIds.0'],
  ['unknown field', { letterIds: ['0123456789abcdef01234567'], note: 'x' }, 'unknown_field', 'note'],
  ['unknown letter', { letterIds: ['0123456789abcdef01234567'] }, 'unknown_letter', 'letterIds.0'],
  ['20,001 ids', { letterIds: Array.from({ length: 20_001 }, () => '0123456789abcdef01234567') }, 'too_many_letter_ids', 'letterIds'],
];

describe('invalid printed request', () => {
  test.each(invalidBodies)('%s answers 400', async (_name, body, code, field) => {
    const response = await harness.request('POST', `/api/v1/mailroom/batches/${today}/printed`, { body });

    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe(code);
    expect(response.body.error.field).toBe(field);
    expect(response.body.error.message).toBe(errorMessagesNl[code]);
  });

  test('form body answers 415', async () => {
    const response = await harness.request('POST', `/api/v1/mailroom/batches/${today}/printed`, {
      body: 'letterIds=1',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });

    expect(response.status).toBe(415);
    expect(response.body.error.code).toBe('unsupported_media_type');
  });

  test('one unknown id marks nothing', async () => {
    const own = ownLetters((await listLetters()).body);
    const letterIds = [...own.map((letter) => letter.id), '0123456789abcdef01234567'];
    const response = await harness.request('POST', `/api/v1/mailroom/batches/${today}/printed`, { body: { letterIds } });

    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('unknown_letter');
    expect(response.body.error.field).toBe(`letterIds.${own.length}`);
    expect(await LetterModel.countDocuments({ _id: { $in: own.map((letter) => letter.id) }, printedAt: null })).toBe(own.length);
  });

  test('letter queued later conflicts with earlier batch', async () => {
    const own = ownLetters((await listLetters()).body);
    const response = await harness.request('POST', `/api/v1/mailroom/batches/${yesterday}/printed`, {
      body: { letterIds: own.map((letter) => letter.id) },
    });

    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe('letter_not_in_batch');
    expect(response.body.error.field).toBe('letterIds.0');
    expect(response.body.error.message).toContain(errorMessagesNl.letter_not_in_batch);
    expect(await LetterModel.countDocuments({ _id: { $in: own.map((letter) => letter.id) }, printedAt: null })).toBe(own.length);
  });
});

describe('marking letters printed', () => {
  test('marking printed is idempotent', async () => {
    const letterIds = ownLetters((await listLetters()).body).map((letter) => letter.id);
    expect(letterIds).toHaveLength(2);
    const route = `/api/v1/mailroom/batches/${today}/printed`;

    const first = await harness.request('POST', route, { body: { letterIds } });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ date: today, markedPrinted: 2, alreadyPrinted: 0 });
    expect(first.body.remainingUnprinted).toEqual(expect.any(Number));

    const repeated = await harness.request('POST', route, { body: { letterIds } });
    expect(repeated.status).toBe(200);
    expect(repeated.body).toMatchObject({ date: today, markedPrinted: 0, alreadyPrinted: 2 });

    const unprinted = (await listLetters()).body.letters.map((letter: ListedLetter) => letter.id);
    for (const id of letterIds) {
      expect(unprinted).not.toContain(id);
    }

    const printed = ownLetters((await listLetters(`?date=${today}&status=printed`)).body);
    expect(printed.map((letter) => letter.id).sort()).toEqual([...letterIds].sort());
    for (const letter of printed) {
      expect(letter.printBatch).toBe(today);
      expect(letter.printedAt).toEqual(expect.any(String));
    }

    const stored = await LetterModel.find({ _id: { $in: letterIds } }).lean();
    for (const letter of stored) {
      expect(letter.printedBy).toBe('dev-clerk');
      expect(letter.printedAt).toBeInstanceOf(Date);
    }
  });

  test('printed batch downloads again for reprint', async () => {
    const reprint = await download(`/api/v1/mailroom/batches/${today}.pdf?status=printed`);

    expect(reprint.status).toBe(200);
    expect(reprint.headers.get('content-disposition')).toBe(`attachment; filename=loketbode-letters-${today}-printed.pdf`);
    const pages = await pdfTextItems(reprint.bytes);
    for (const queuedCase of queued) {
      expect(pages.some((page) => page.items.some((item) => item.text === `Referentie: ${queuedCase.reference}`))).toBe(true);
    }
  });

  test('unprinted letter carries over to next day', async () => {
    const caseId = crypto.randomUUID();
    const reference = uniqueReference('OLD');
    const addressLines = ['Jürgen Groß', 'Kirchstraße 5', '4700 Eupen'];
    const { pdf, pageCount } = await renderLetterPdf({
      language: 'de',
      labels: readLetterLabels('de'),
      sender: { name: 'Stadt Eupen, Bürgerdienst', address: 'Rathausplatz 14, 4700 Eupen' },
      addressLines,
      date: '2. Juni 2025',
      reference,
      body: 'Betrifft: Ihr Reisepass liegt bereit.',
    });
    const file = path.join(harness.settings.mailroomDir, yesterday, `${caseId}-reminder-1.pdf`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, pdf);
    const letter = await LetterModel.create({
      notificationKey: `${caseId}/reminder-1/letter`,
      caseId,
      reference,
      kind: 'reminder',
      sequence: 1,
      language: 'de',
      file,
      addressLines,
      text: `Aktenzeichen: ${reference}`,
      pageCount,
      postageCents: 150,
      mailroomDate: yesterday,
    });
    const id = letter._id.toString();

    expect(listedIds(await listLetters(`?date=${yesterday}`))).toContain(id);
    expect(listedIds(await listLetters())).toContain(id);

    const marked = await harness.request('POST', `/api/v1/mailroom/batches/${yesterday}/printed`, { body: { letterIds: [id] } });
    expect(marked.status).toBe(200);
    expect(marked.body).toMatchObject({ date: yesterday, markedPrinted: 1, alreadyPrinted: 0 });

    expect(listedIds(await listLetters())).not.toContain(id);
    expect(listedIds(await listLetters(`?date=${yesterday}&status=printed`))).toContain(id);

    const again = await harness.request('POST', `/api/v1/mailroom/batches/${today}/printed`, { body: { letterIds: [id] } });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('letter_printed_in_other_batch');
    expect(again.body.error.message).toContain(yesterday);
  });

  test('missing letter file answers 500', async () => {
    const caseId = crypto.randomUUID();
    const letter = await LetterModel.create({
      notificationKey: `${caseId}/pickup-notice-1/letter`,
      caseId,
      reference: uniqueReference('GONE'),
      kind: 'pickup-notice',
      sequence: 1,
      language: 'nl',
      file: path.join(harness.settings.mailroomDir, '2000-01-04', `${caseId}-pickup-notice-1.pdf`),
      addressLines: ['Jan Peeters', 'Veldstraat 12 bus 3', '9000 Gent'],
      text: 'Referentie: GONE',
      pageCount: 1,
      postageCents: 150,
      mailroomDate: '2000-01-04',
    });

    try {
      const response = await harness.request('GET', '/api/v1/mailroom/batches/2000-01-04.pdf');
      expect(response.status).toBe(500);
      expect(response.body.error.code).toBe('letter_file_missing');
      expect(response.body.error.message).toContain(letter._id.toString());
    } finally {
      await LetterModel.deleteOne({ _id: letter._id });
    }
  });
});

describe('mail-room access', () => {
  test('manager key answers 403', async () => {
    const list = await harness.request('GET', '/api/v1/mailroom/letters', { key: 'dev-manager' });
    const printed = await harness.request('POST', `/api/v1/mailroom/batches/${today}/printed`, {
      key: 'dev-manager',
      body: { letterIds: ['0123456789abcdef01234567'] },
    });

    expect(list.status).toBe(403);
    expect(list.body.error.code).toBe('forbidden');
    expect(printed.status).toBe(403);
  });

  test('missing key answers 401', async () => {
    const response = await harness.request('GET', `/api/v1/mailroom/batches/${today}.pdf`, { headers: { authorization: '' } });

    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe('unauthorized');
  });

  test('OpenAPI lists the mail-room routes', async () => {
    const openapi = await harness.request('GET', '/openapi.json');
    const paths = Object.keys(openapi.body.paths);

    expect(paths).toContain('/api/v1/mailroom/letters');
    expect(paths).toContain('/api/v1/mailroom/batches/{date}.pdf');
    expect(paths).toContain('/api/v1/mailroom/batches/{date}.csv');
    expect(paths).toContain('/api/v1/mailroom/batches/{date}/printed');
  });
});
