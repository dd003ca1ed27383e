import fs from 'node:fs';
import path from 'node:path';
import * as fontkit from 'fontkit';
import Handlebars from 'handlebars';
import PDFDocument from 'pdfkit';
import { z } from 'zod';
import type { Language } from '../domain/languages';
import { TemplateNotFoundError, templatesDir } from '../templates/render';

const pointsPerMillimetre = 72 / 25.4;

/** A rectangle on the A4 sheet, in millimetres from the sheet's top-left corner. */
export interface ZoneMm {
  left: number;
  top: number;
  width: number;
  height: number;
}

/**
 * The part of an A4 sheet that shows through the window of a DL envelope.
 *
 * A DL envelope is 220 x 110 mm and its window is 90 x 45 mm, 20 mm from the
 * left and 15 mm from the bottom edge (DIN 680, as summarised on the German
 * Wikipedia page "DIN lang"). The sheet is folded at 105 and 210 mm from the
 * top, the fold marks of a DIN 5008 form B letter, so the folded sheet is
 * 105 x 210 mm. When it rests on the envelope's bottom, its top edge is 5 mm
 * below the envelope's, and the window shows the sheet from 45 to 90 mm from
 * the top. With the sheet against the left edge, the window spans 20 to 110 mm
 * from the left.
 * NOTE: these figures come from the German norms. They were not checked
 * against bpost's rules for window envelopes.
 */
export const addressWindowMm: ZoneMm = { left: 20, top: 45, width: 90, height: 45 };

/**
 * The folded sheet is 5 mm lower and 10 mm narrower than the envelope, so it
 * can move that far inside it. Over all these positions the window covers
 * this zone, so nothing but the address may print in it.
 */
export const windowClearanceMm: ZoneMm = { left: 10, top: 45, width: 100, height: 50 };

/** Zone of the address lines: the part of the window that stays visible at every position of the sheet. */
export const addressBlockMm: ZoneMm = { left: 25, top: 50, width: 75, height: 35 };

/** Fold lines of a DIN 5008 form B letter, in millimetres from the top of the sheet. */
export const foldLinesMm = [105, 210] as const;

/** Address font sizes in points: the largest that fits is used, so long names shrink before they wrap. */
const addressFontSizes = [10, 9.5, 9, 8.5, 8] as const;

/**
 * DejaVu Sans covers the accented Latin letters of Belgian names and
 * addresses (é, ë, ç, ï, ô, ü, ß, œ) and the euro sign. Its licence (Bitstream Vera
 * with public-domain changes) allows embedding, and pdfkit embeds only the
 * glyphs a letter uses.
 */
const fontFiles = {
  regular: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
  bold: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'),
};

interface LetterFonts {
  regular: fontkit.Font;
  bold: fontkit.Font;
}

let letterFonts: LetterFonts | null = null;

/**
 * Parses the letter fonts once per process and returns them. Parsing costs
 * more than laying out a letter, so every letter reuses these fontkit objects
 * and pdfkit still embeds a separate subset in each PDF.
 */
function loadLetterFonts(): LetterFonts {
  letterFonts ??= { regular: parseFont(fontFiles.regular), bold: parseFont(fontFiles.bold) };
  return letterFonts;
}

function parseFont(file: string): fontkit.Font {
  const font = fontkit.create(fs.readFileSync(file));
  if (!('layout' in font)) {
    throw new Error(`${file} is a font collection, but a letter needs a single font`);
  }
  return font;
}

/** Handlebars templates of the fixed letter texts, from `templates/<language>/letter-labels.json`. */
const letterLabelsSchema = z.strictObject({
  dateLine: z.string().min(1),
  referenceLine: z.string().min(1),
  pageFooter: z.string().min(1),
});

export interface LetterLabels {
  dateLine: (values: { date: string }) => string;
  referenceLine: (values: { reference: string }) => string;
  pageFooter: (values: { page: number; pages: number }) => string;
}

const labelsCache = new Map<Language, LetterLabels>();

/**
 * Reads and compiles the letter labels of one language. Throws
 * TemplateNotFoundError when the file is missing and a ZodError when a label
 * is missing or unknown.
 */
export function readLetterLabels(language: Language): LetterLabels {
  const cached = labelsCache.get(language);
  if (cached) {
    return cached;
  }

  const file = path.join(templatesDir, language, 'letter-labels.json');
  if (!fs.existsSync(file)) {
    throw new TemplateNotFoundError(`letter labels not found: ${language}/letter-labels.json`);
  }
  const sources = letterLabelsSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
  const compile = (source: string) => Handlebars.compile(source, { strict: true, noEscape: true });
  const labels: LetterLabels = {
    dateLine: compile(sources.dateLine),
    referenceLine: compile(sources.referenceLine),
    pageFooter: compile(sources.pageFooter),
  };
  labelsCache.set(language, labels);
  return labels;
}

export interface LetterContent {
  language: Language;
  labels: LetterLabels;
  sender: { name: string; address: string };
  addressLines: string[];
  /** The letter date, already formatted for the language. */
  date: string;
  reference: string;
  body: string;
}

export interface RenderedLetter {
  pdf: Buffer;
  pageCount: number;
}

/** The address does not fit the window even at the smallest font size. */
export class AddressBlockOverflowError extends Error {
  override readonly name = 'AddressBlockOverflowError';
}

function mm(value: number): number {
  return value * pointsPerMillimetre;
}

const pdfLanguageTags: Record<Language, string> = { nl: 'nl-BE', fr: 'fr-BE', de: 'de-BE', en: 'en-GB' };

/**
 * Lays out one letter on A4 and returns the PDF with its page count. Page 1
 * has the sender, date and reference in the right-hand column, the address
 * alone in the envelope window, fold marks, and the body below the first
 * fold. Every page has a footer with the reference and the page number.
 */
export async function renderLetterPdf(content: LetterContent): Promise<RenderedLetter> {
  const fonts = loadLetterFonts();
  const referenceLine = content.labels.referenceLine({ reference: content.reference });
  const document = new PDFDocument({
    size: 'A4',
    margins: { top: mm(25), bottom: mm(25), left: mm(25), right: mm(20) },
    bufferPages: true,
    lang: pdfLanguageTags[content.language],
    displayTitle: true,
    info: { Title: referenceLine, Author: content.sender.name },
  });
  const chunks: Buffer[] = [];
  document.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<Buffer>((resolve, reject) => {
    document.on('end', () => resolve(Buffer.concat(chunks)));
    document.on('error', reject);
  });
  // @types/pdfkit lists no parsed font as a source, but pdfkit 0.20 takes any object with a layout() method.
  document.registerFont('Regular', fonts.regular as unknown as PDFKit.Mixins.PDFFontSource);
  document.registerFont('Bold', fonts.bold as unknown as PDFKit.Mixins.PDFFontSource);

  const columnBottom = drawSenderColumn(document, content, referenceLine);
  drawAddressBlock(document, content.addressLines);
  drawFoldMarks(document);

  // The body starts below the first fold, so only the address shows through the window.
  const bodyTop = Math.max(mm(foldLinesMm[0]), columnBottom + mm(8));
  document.font('Regular').fontSize(10.5).text(content.body, mm(25), bodyTop, { width: mm(165), lineGap: 2.5 });

  const pageCount = document.bufferedPageRange().count;
  drawFooters(document, content.labels, referenceLine, pageCount);

  document.end();
  return { pdf: await finished, pageCount };
}

/**
 * Renders and discards a sample letter, so a worker pays pdfkit's and
 * fontkit's set-up at start instead of in a real send. The first letter in a
 * process took about a second longer than the next ones, measured with tsx on
 * a loaded 2-core machine.
 */
export async function warmUpLetterRendering(): Promise<void> {
  await renderLetterPdf({
    language: 'nl',
    labels: readLetterLabels('nl'),
    sender: { name: 'Stad', address: 'Straat 1, 1000 Brussel' },
    addressLines: ['Naam', 'Straat 1', '1000 Brussel'],
    date: '1 januari 2025',
    reference: 'WARM-UP',
    body: 'Tekst.',
  });
}

/** Writes the sender, date and reference right of the window and returns the column's bottom in points. */
function drawSenderColumn(document: PDFKit.PDFDocument, content: LetterContent, referenceLine: string): number {
  const left = mm(120);
  const width = mm(70);
  document.font('Bold').fontSize(10).text(content.sender.name, left, mm(20), { width });
  document.font('Regular').fontSize(9).text(content.sender.address, left, document.y, { width });
  document.moveDown();
  document.text(content.labels.dateLine({ date: content.date }), left, document.y, { width });
  document.text(referenceLine, left, document.y, { width });
  return document.y;
}

/**
 * Sets the address lines in the address block at the largest font size at
 * which every line fits on one line. At the smallest size a line may wrap,
 * as long as the block stays inside the window.
 */
function drawAddressBlock(document: PDFKit.PDFDocument, addressLines: string[]): void {
  const zone = addressBlockMm;
  const text = addressLines.join('\n');
  const options = { width: mm(zone.width), lineGap: 1 };
  document.font('Regular');

  // pdfkit's own line breaking decides whether a line wraps. It may break a line
  // that widthOfString reports as fitting, so the test compares block heights.
  const fits = (size: number, allowWrap: boolean): boolean => {
    document.fontSize(size);
    const height = document.heightOfString(text, options);
    const unwrappedHeight = document.heightOfString(text, { ...options, width: mm(1000) });
    return (allowWrap || height <= unwrappedHeight) && height <= mm(zone.height);
  };
  const smallest = addressFontSizes[addressFontSizes.length - 1] ?? 8;
  const size = addressFontSizes.find((candidate) => fits(candidate, false)) ?? (fits(smallest, true) ? smallest : null);
  if (size === null) {
    throw new AddressBlockOverflowError(`the address does not fit the ${zone.width} x ${zone.height} mm window block at ${smallest} pt`);
  }

  document.fontSize(size).text(text, mm(zone.left), mm(zone.top), { ...options, height: mm(zone.height) });
}

/** Short lines on the left edge that show where to fold the sheet for the DL envelope. */
function drawFoldMarks(document: PDFKit.PDFDocument): void {
  document.save().lineWidth(0.5).strokeColor('#808080');
  for (const foldMm of foldLinesMm) {
    document.moveTo(mm(4), mm(foldMm)).lineTo(mm(9), mm(foldMm)).stroke();
  }
  document.restore();
}

/** Writes the reference and "page n of m" at the foot of every page, inside the bottom margin. */
function drawFooters(document: PDFKit.PDFDocument, labels: LetterLabels, referenceLine: string, pageCount: number): void {
  for (let index = 0; index < pageCount; index++) {
    document.switchToPage(index);
    // Text placed in the bottom margin would make pdfkit start a new page, so the margin is lifted while writing.
    const bottomMargin = document.page.margins.bottom;
    document.page.margins.bottom = 0;
    const footerTop = document.page.height - mm(15);
    document.font('Regular').fontSize(8);
    document.text(referenceLine, mm(25), footerTop, { width: mm(100), lineBreak: false });
    document.text(labels.pageFooter({ page: index + 1, pages: pageCount }), mm(125), footerTop, {
      width: mm(65),
      align: 'right',
      lineBreak: false,
    });
    document.page.margins.bottom = bottomMargin;
  }
}
