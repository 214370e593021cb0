import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { docxToMarkdown } from './converter-markdown';
import { pdfViewerText } from './pdf-viewer-text';

/**
 * The five ways text is taken out of an exported document before it reaches the importer: a PDF viewer's copy
 * (pdf.js), `pdftotext`, `pdftotext -layout`, mammoth's raw text of the DOCX, and a converter's Markdown of the DOCX.
 */
export const EXTRACTIONS = ['pdfjs', 'pdftotext', 'pdftotext-layout', 'mammoth', 'markdown'] as const;
/** Two more shapes of the same: a copy in the order the page draws its text, and markitdown's unwrapped Markdown. */
export const VARIANTS = ['pdfjs-stream', 'markdown-unwrapped'] as const;
export type Extraction = (typeof EXTRACTIONS)[number] | (typeof VARIANTS)[number];

let hasPdftotext: boolean | null = null;
/** Whether poppler's `pdftotext` is installed (the two pdftotext extractions are skipped without it). */
export function pdftotextAvailable(): boolean {
  if (hasPdftotext === null) hasPdftotext = spawnSync('pdftotext', ['-v']).error === undefined;
  return hasPdftotext;
}

/** Both pdftotext readings of one PDF, from one temporary file. */
function pdftotext(pdf: Uint8Array): { plain: string; layout: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vanphong-intake-'));
  try {
    const file = path.join(dir, 'doc.pdf');
    fs.writeFileSync(file, pdf);
    const run = (args: string[]) => {
      const r = spawnSync('pdftotext', [...args, '-enc', 'UTF-8', file, '-'], { encoding: 'utf8', timeout: 30_000 });
      if (r.status !== 0) throw new Error(`pdftotext ${args.join(' ')} failed: ${r.stderr}`);
      return r.stdout;
    };
    return { plain: run([]), layout: run(['-layout']) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The texts of one document's PDF and DOCX (and the variants when asked); the pdftotext ones are absent when the tool is. */
export async function extractAll(pdf: Uint8Array, docx: Uint8Array, o: { variants?: boolean } = {}): Promise<Partial<Record<Extraction, string>>> {
  const mammoth = await import('mammoth');
  const out: Partial<Record<Extraction, string>> = {
    pdfjs: await pdfViewerText(pdf),
    mammoth: (await mammoth.extractRawText({ buffer: Buffer.from(docx) })).value,
    markdown: await docxToMarkdown(docx),
  };
  if (o.variants) {
    out['pdfjs-stream'] = await pdfViewerText(pdf, { order: 'stream' });
    out['markdown-unwrapped'] = await docxToMarkdown(docx, { wrap: 0 });
  }
  if (pdftotextAvailable()) {
    const t = pdftotext(pdf);
    out.pdftotext = t.plain;
    out['pdftotext-layout'] = t.layout;
  }
  return out;
}
