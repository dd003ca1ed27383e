import { execFile } from 'node:child_process';
import path from 'node:path';
import type { Harness } from './harness';

/** Downloads a letter from the sandbox and returns the text a reader of the PDF would see. */
export async function letterText(harness: Harness, pdfUrl: string): Promise<string> {
  const response = await fetch(`${harness.baseUrl}${pdfUrl}`);
  expect(response.headers.get('content-type')).toBe('application/pdf');
  const pdf = Buffer.from(await response.arrayBuffer());

  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, [path.join(__dirname, 'pdfText.mjs')], { maxBuffer: 1 << 20 }, (error, stdout) =>
      error ? reject(error) : resolve(stdout),
    );
    child.stdin?.end(pdf);
  });
}
