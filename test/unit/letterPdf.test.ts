import {
  AddressBlockOverflowError,
  addressBlockMm,
  addressWindowMm,
  readLetterLabels,
  renderLetterPdf,
  windowClearanceMm,
  type LetterContent,
  type ZoneMm,
} from '../../src/activities/letterPdf';
import { languages, type Language } from '../../src/domain/languages';
import { pdfText, pdfTextItems, type PdfTextItem } from '../support/pdf';

const reference = 'GENT-CENTRUM-2025-000042';

function letter(overrides: Partial<LetterContent> = {}): LetterContent {
  return {
    language: 'nl',
    labels: readLetterLabels('nl'),
    sender: { name: 'Stad Gent, dienst Burgerzaken', address: 'Woodrow Wilsonplein 1, 9000 Gent' },
    addressLines: ["Zoë D'Hondt", 'Veldstraat 12 bus 3', '9000 Gent'],
    date: '3 juni 2025',
    reference,
    body: 'Betreft: uw rijbewijs ligt klaar\n\nBeste Zoë D\'Hondt,\n\nUw rijbewijs ligt klaar.',
    ...overrides,
  };
}

/** True when the item's box and the zone overlap. */
function overlaps(item: PdfTextItem, zone: ZoneMm): boolean {
  return item.rightMm > zone.left && item.leftMm < zone.left + zone.width && item.bottomMm > zone.top && item.topMm < zone.top + zone.height;
}

/** Allowance for rounding in the PDF's coordinates, in millimetres. */
const toleranceMm = 0.01;

/** True when the item's box lies entirely inside the zone. */
function inside(item: PdfTextItem, zone: ZoneMm): boolean {
  return (
    item.leftMm >= zone.left - toleranceMm &&
    item.rightMm <= zone.left + zone.width + toleranceMm &&
    item.topMm >= zone.top - toleranceMm &&
    item.bottomMm <= zone.top + zone.height + toleranceMm
  );
}

/** Joins the items into lines, top to bottom, treating items whose tops lie within 1 mm as one line. */
function lines(items: PdfTextItem[]): string[] {
  const sorted = [...items].sort((a, b) => a.topMm - b.topMm || a.leftMm - b.leftMm);
  const grouped: PdfTextItem[][] = [];
  for (const item of sorted) {
    const current = grouped[grouped.length - 1];
    if (current?.[0] && Math.abs(current[0].topMm - item.topMm) < 1) {
      current.push(item);
    } else {
      grouped.push([item]);
    }
  }
  return grouped.map((line) => line.map((item) => item.text).join('').trim());
}

async function firstPageItems(content: LetterContent): Promise<PdfTextItem[]> {
  const { pdf } = await renderLetterPdf(content);
  const pages = await pdfTextItems(pdf);
  expect(pages[0]).toBeDefined();
  return pages[0]?.items ?? [];
}

describe('letter PDF layout', () => {
  test('window shows only the address lines, in order', async () => {
    const content = letter();
    const items = await firstPageItems(content);

    const inWindow = items.filter((item) => overlaps(item, windowClearanceMm));
    expect(lines(inWindow)).toEqual(content.addressLines);
    for (const item of inWindow) {
      expect(inside(item, addressWindowMm)).toBe(true);
      expect(inside(item, addressBlockMm)).toBe(true);
    }
  });

  test('sender, date and reference print outside the window', async () => {
    const items = await firstPageItems(letter());
    const outside = items.filter((item) => !overlaps(item, windowClearanceMm)).map((item) => item.text);

    expect(outside).toContain('Stad Gent, dienst Burgerzaken');
    expect(outside).toContain('Woodrow Wilsonplein 1, 9000 Gent');
    expect(outside).toContain('Datum: 3 juni 2025');
    expect(outside).toContain(`Referentie: ${reference}`);
    expect(outside).toContain('Pagina 1 van 1');
  });

  test('long name shrinks and stays in window', async () => {
    const addressLines = ["Marie-Françoise Vandenbroucke-D'Haeseleer", 'Sint-Pietersnieuwstraat 123 bus 45', '9000 Gent'];
    const items = await firstPageItems(letter({ addressLines }));

    const inWindow = items.filter((item) => overlaps(item, windowClearanceMm));
    expect(lines(inWindow)).toEqual(addressLines);
    for (const item of inWindow) {
      expect(inside(item, addressBlockMm)).toBe(true);
      expect(item.fontSizePt).toBeLessThan(10);
      expect(item.fontSizePt).toBeGreaterThanOrEqual(8);
    }
  });

  test('name too wide at 8 pt wraps in window', async () => {
    const name = "Marie-Françoise Vandenbroucke-D'Haeseleer de Ghellinck";
    const items = await firstPageItems(letter({ addressLines: [name, 'Veldstraat 12 bus 3', '9000 Gent'] }));

    const inWindow = lines(items.filter((item) => overlaps(item, windowClearanceMm)));
    expect(inWindow).toHaveLength(4);
    expect(inWindow.slice(0, 2).join(' ')).toBe(name);
    expect(inWindow.slice(2)).toEqual(['Veldstraat 12 bus 3', '9000 Gent']);
    for (const item of items.filter((candidate) => overlaps(candidate, windowClearanceMm))) {
      expect(inside(item, addressBlockMm)).toBe(true);
      expect(item.fontSizePt).toBe(8);
    }
  });

  test('address too long for window is rejected', async () => {
    const addressLines = Array.from({ length: 12 }, (_, index) => `Adresregel ${index + 1} met veel tekst`);
    await expect(renderLetterPdf(letter({ addressLines }))).rejects.toBeInstanceOf(AddressBlockOverflowError);
  });

  test('long body continues on page 2 with footer', async () => {
    const body = Array.from({ length: 60 }, (_, index) => `Regel ${index + 1} van de brief.`).join('\n');
    const { pdf, pageCount } = await renderLetterPdf(letter({ body }));
    const pages = await pdfTextItems(pdf);

    expect(pageCount).toBe(2);
    expect(pages).toHaveLength(2);
    const secondPage = (pages[1]?.items ?? []).map((item) => item.text);
    expect(secondPage).toContain('Pagina 2 van 2');
    expect(secondPage).toContain(`Referentie: ${reference}`);
    expect(secondPage).toContain('Regel 60 van de brief.');
    for (const page of pages) {
      expect(page.widthMm).toBeCloseTo(210, 0);
      expect(page.heightMm).toBeCloseTo(297, 0);
    }
  });
});

describe('letter PDF text', () => {
  const names = ["Zoë D'Hondt", 'François Mertens', 'Jürgen Groß'];
  const characters = ['é', 'ë', 'ç', 'ï', 'ô', 'ü', 'ß', 'œ', '€'];

  test('every diacritic and the euro sign survive', async () => {
    const body = `Beste ${names.join(', ')},\n\nUw cœur, naïef, côte: de kosten zijn € 0. Café Noël, Groß, Müller.`;
    const { pdf } = await renderLetterPdf(letter({ addressLines: [names[1] ?? '', 'Rue de l’Église 7', '1000 Bruxelles'], body }));
    const text = await pdfText(pdf);

    for (const name of names) {
      expect(text).toContain(name);
    }
    for (const character of characters) {
      expect(text).toContain(character);
    }
    expect(text).toContain('Rue de l’Église 7');
  });

  test('font is embedded, not a standard PDF font', async () => {
    const { pdf } = await renderLetterPdf(letter());
    const source = pdf.toString('latin1');

    expect(source).toContain('/FontFile2');
    expect(source).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans/);
    expect(source).not.toMatch(/\/BaseFont \/(Helvetica|Times|Courier)/);
  });

  const expectedLabels: Array<[Language, string, string, string]> = [
    ['nl', 'Datum: 3 juni 2025', `Referentie: ${reference}`, 'Pagina 1 van 1'],
    ['fr', 'Date\u00a0: 3 juni 2025', `Référence\u00a0: ${reference}`, 'Page 1 sur 1'],
    ['de', 'Datum: 3 juni 2025', `Aktenzeichen: ${reference}`, 'Seite 1 von 1'],
    ['en', 'Date: 3 juni 2025', `Reference: ${reference}`, 'Page 1 of 1'],
  ];

  test.each(expectedLabels)('%s labels print on the letter', async (language, dateLine, referenceLine, footer) => {
    const { pdf } = await renderLetterPdf(letter({ language, labels: readLetterLabels(language) }));
    // pdfjs may return a no-break space as a plain space.
    const text = (await pdfText(pdf)).replace(/\u00a0/g, ' ');

    expect(text).toContain(dateLine.replace(/\u00a0/g, ' '));
    expect(text).toContain(referenceLine.replace(/\u00a0/g, ' '));
    expect(text).toContain(footer);
  });

  test('label files exist for every language', () => {
    for (const language of languages) {
      const labels = readLetterLabels(language);
      expect(labels.referenceLine({ reference })).toContain(reference);
      expect(labels.dateLine({ date: '1 mei 2025' })).toContain('1 mei 2025');
      expect(labels.pageFooter({ page: 2, pages: 3 })).toMatch(/2\D+3/);
    }
  });
});
