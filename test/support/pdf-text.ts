import { spawn } from 'node:child_process';
import { join } from 'node:path';

const CLI = join(__dirname, 'pdf-text-cli.mjs');

export interface PdfTextItem {
  str: string;
  /** Baseline origin and advance width, in PDF points from the bottom-left corner of the page. */
  x: number;
  y: number;
  width: number;
}

export interface PdfPage {
  width: number;
  height: number;
  text: string;
  items: PdfTextItem[];
}

/** The text of each page of a PDF, one line of text per line, as pdfjs-dist reads it. */
export async function pdfText(bytes: Uint8Array): Promise<string[]> {
  return (await pdfPages(bytes)).map((p) => p.text);
}

/**
 * Each page's size, text and text positions.
 *
 * pdfjs-dist 4 is published only as ES modules. The tests are compiled to CommonJS by @swc/jest, which turns a
 * dynamic import() into require(), and require() cannot load an .mjs; keeping import() intact would mean changing
 * the jest transform every other test shares. So a small Node script (pdf-text-cli.mjs) does the reading in its own
 * process: the PDF goes in on stdin and JSON comes back on stdout. It costs one process start per call and behaves
 * exactly as pdfjs does outside jest.
 */
export function pdfPages(bytes: Uint8Array): Promise<PdfPage[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI], { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) {
        reject(new Error(`pdf-text-cli terminó con código ${code}: ${Buffer.concat(err).toString('utf8')}`));
        return;
      }
      try {
        resolve(JSON.parse(Buffer.concat(out).toString('utf8')) as PdfPage[]);
      } catch (e) {
        reject(e instanceof Error ? e : new Error(String(e)));
      }
    });
    child.stdin.on('error', reject);
    child.stdin.end(Buffer.from(bytes));
  });
}
