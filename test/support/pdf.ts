import { execFile } from 'node:child_process';
import path from 'node:path';
import type { Harness } from './harness';

/** Downloads a letter from the sandbox and returns the text a reader of the PDF would see. */
export async function letterText(harness: Harness, pdfUrl: string): Promise<string> {
  const response = await fetch(`${harness.baseUrl}${pdfUrl}`);
  expect(response.headers.get('content-type')).toBe('application/pdf');
  const pdf = Buffer.from(await response.arrayBuffer());
  return pdfText(pdf);
}

/** Returns the text of a PDF, page after page. */
export function pdfText(pdf: Uint8Array): Promise<string> {
  return runPdfScript('pdfText.mjs', pdf);
}

/** One run of text on a page, with its box in millimetres from the page's top-left corner. */
export interface PdfTextItem {
  text: string;
  leftMm: number;
  rightMm: number;
  topMm: number;
  bottomMm: number;
  fontSizePt: number;
}

export interface PdfPageText {
  widthMm: number;
  heightMm: number;
  items: PdfTextItem[];
}

/** Returns every page's text items with their positions, as pdfjs reads them. */
export async function pdfTextItems(pdf: Uint8Array): Promise<PdfPageText[]> {
  return JSON.parse(await runPdfScript('pdfItems.mjs', pdf)) as PdfPageText[];
}

/** Runs a PDF-reading script of this folder in a child process, because pdfjs cannot run inside Jest's module runtime. */
function runPdfScript(script: string, pdf: Uint8Array): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, [path.join(__dirname, script)], { maxBuffer: 64 << 20 }, (error, stdout) =>
      error ? reject(error) : resolve(stdout),
    );
    child.stdin?.end(pdf);
  });
}
