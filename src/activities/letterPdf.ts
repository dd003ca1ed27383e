import PDFDocument from 'pdfkit';

const pointsPerMillimetre = 72 / 25.4;

/**
 * Where the address must sit on an A4 sheet folded in three for a DL window
 * envelope (110 x 220 mm): a 90 x 45 mm window, 20 mm from the left edge and
 * 45 mm from the top of the sheet. Nothing else may print inside it.
 */
export const addressWindowMm = { left: 20, top: 45, width: 90, height: 45 } as const;

export interface LetterContent {
  sender: { name: string; address: string };
  addressLines: string[];
  dateLine: string;
  referenceLine: string;
  body: string;
}

function mm(value: number): number {
  return value * pointsPerMillimetre;
}

/** Lays out one letter as a PDF and returns its bytes. */
export async function renderLetterPdf(content: LetterContent): Promise<Buffer> {
  const document = new PDFDocument({ size: 'A4', margin: 0, info: { Title: content.referenceLine } });
  const chunks: Buffer[] = [];
  document.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<Buffer>((resolve, reject) => {
    document.on('end', () => resolve(Buffer.concat(chunks)));
    document.on('error', reject);
  });

  // The sender, date and reference sit in the right-hand column, clear of the window.
  document.font('Helvetica-Bold').fontSize(10).text(content.sender.name, mm(120), mm(20), { width: mm(70) });
  document.font('Helvetica').fontSize(9).text(content.sender.address, { width: mm(70) });
  document.moveDown().text(content.dateLine, { width: mm(70) });
  document.text(content.referenceLine, { width: mm(70) });

  const window = addressWindowMm;
  document.font('Helvetica').fontSize(11);
  document.text(content.addressLines.join('\n'), mm(window.left + 5), mm(window.top + 5), {
    width: mm(window.width - 10),
    height: mm(window.height - 10),
    lineGap: 2,
  });

  document.fontSize(11).text(content.body, mm(20), mm(105), { width: mm(170), lineGap: 3 });

  document.end();
  return finished;
}
