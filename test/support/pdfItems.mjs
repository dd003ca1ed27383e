// Prints, as JSON, the text items of every page of a PDF read from standard
// input, with their boxes in millimetres from the page's top-left corner. It
// runs as its own Node process for the same reason as pdfText.mjs: pdfjs
// loads a module dynamically, which Jest's module runtime does not allow.
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

const millimetresPerPoint = 25.4 / 72;

const chunks = [];
for await (const chunk of process.stdin) {
  chunks.push(chunk);
}
const pdf = await getDocument({ data: new Uint8Array(Buffer.concat(chunks)), verbosity: 0 }).promise;

const pages = [];
for (let number = 1; number <= pdf.numPages; number++) {
  const page = await pdf.getPage(number);
  const { width, height } = page.getViewport({ scale: 1 });
  const content = await page.getTextContent();
  const items = content.items
    .filter((item) => 'str' in item && item.str.trim() !== '')
    .map((item) => {
      const [, , , , x, baseline] = item.transform;
      const fontSize = Math.hypot(item.transform[2], item.transform[3]);
      // The box spans the font's ascent above and its descent below the baseline, both shares of the font size.
      const { ascent, descent } = content.styles[item.fontName] ?? { ascent: 1, descent: -0.25 };
      return {
        text: item.str,
        leftMm: x * millimetresPerPoint,
        rightMm: (x + item.width) * millimetresPerPoint,
        topMm: (height - baseline - ascent * fontSize) * millimetresPerPoint,
        bottomMm: (height - baseline - descent * fontSize) * millimetresPerPoint,
        fontSizePt: fontSize,
      };
    });
  pages.push({ widthMm: width * millimetresPerPoint, heightMm: height * millimetresPerPoint, items });
}
await pdf.destroy();
process.stdout.write(JSON.stringify(pages));
