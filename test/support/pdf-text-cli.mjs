// Reads a PDF from stdin and prints, as JSON, each page's size, its text (one line of text per line) and where each
// piece of text sits, so a test can check both the words and that nothing was drawn outside the page.
// It runs as its own Node process (see pdf-text.ts): pdfjs-dist 4 ships only as ES modules, which the CommonJS
// tests that @swc/jest compiles cannot load.
import { Buffer } from 'node:buffer';
import process from 'node:process';
import { getDocument, VerbosityLevel } from 'pdfjs-dist/legacy/build/pdf.mjs';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const data = new Uint8Array(Buffer.concat(chunks));

// No eval, system fonts or font faces: only the text layer is wanted, and warnings would pollute stdout.
const doc = await getDocument({
  data,
  isEvalSupported: false,
  useSystemFonts: false,
  disableFontFace: true,
  verbosity: VerbosityLevel.ERRORS,
}).promise;

const pages = [];
for (let n = 1; n <= doc.numPages; n++) {
  const page = await doc.getPage(n);
  const content = await page.getTextContent();
  const [, , width, height] = page.view;
  const items = [];
  let text = '';
  for (const item of content.items) {
    if (!('str' in item)) continue;
    text += item.str;
    if (item.hasEOL) text += '\n';
    if (item.str.trim()) items.push({ str: item.str, x: item.transform[4], y: item.transform[5], width: item.width });
  }
  pages.push({ width, height, text, items });
}
await doc.destroy();
process.stdout.write(JSON.stringify(pages));
