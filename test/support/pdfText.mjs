// Prints the text of a PDF read from standard input. It runs as its own Node
// process because pdfjs, inside pdf-parse, loads a module dynamically, which
// Jest's module runtime does not allow.
import { PDFParse } from 'pdf-parse';

const chunks = [];
for await (const chunk of process.stdin) {
  chunks.push(chunk);
}
const parser = new PDFParse({ data: new Uint8Array(Buffer.concat(chunks)) });
const result = await parser.getText();
await parser.destroy();
process.stdout.write(result.text);
