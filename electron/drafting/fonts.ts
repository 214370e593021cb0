import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

/**
 * Tinos (OFL, metric-compatible with Times New Roman, full Vietnamese coverage) from the registry package
 * @expo-google-fonts/tinos; the packaged app ships the same TTFs under resources/fonts (electron-builder.yml).
 */
export type FontFace = 'regular' | 'bold' | 'italic' | 'boldItalic';

const FILES: Record<FontFace, string> = {
  regular: '400Regular/Tinos_400Regular.ttf',
  bold: '700Bold/Tinos_700Bold.ttf',
  italic: '400Regular_Italic/Tinos_400Regular_Italic.ttf',
  boldItalic: '700Bold_Italic/Tinos_700Bold_Italic.ttf',
};

let cache: Record<FontFace, Buffer> | null = null;
let parsed: Record<FontFace, unknown> | null = null;

function fontDir(): string {
  const resources = (process as { resourcesPath?: string }).resourcesPath;
  if (resources && fs.existsSync(path.join(resources, 'fonts', FILES.regular))) return path.join(resources, 'fonts');
  const require = createRequire(import.meta.url);
  return path.dirname(require.resolve('@expo-google-fonts/tinos/package.json'));
}

export function fontFiles(): Record<FontFace, Buffer> {
  if (!cache) {
    const dir = fontDir();
    cache = Object.fromEntries(Object.entries(FILES).map(([k, f]) => [k, fs.readFileSync(path.join(dir, f))])) as Record<FontFace, Buffer>;
  }
  return cache;
}

/**
 * The four faces parsed once by fontkit and reused by every PDF: parsing 2 MB of TrueType per document was most of
 * a one-page export's time. pdfkit takes a parsed font object wherever it takes a font file.
 */
export async function parsedFonts(): Promise<Record<FontFace, unknown>> {
  if (!parsed) {
    const fontkit = await import('fontkit');
    const files = fontFiles();
    parsed = Object.fromEntries(Object.entries(files).map(([k, b]) => [k, fontkit.create(b)])) as Record<FontFace, unknown>;
  }
  // fontkit caches each glyph with the code points of the text it was first laid out in, and pdfkit writes those
  // into /ToUnicode: a glyph first met inside another document's text would extract wrongly ("CHƯ\u0014NG").
  // Each document starts with an empty glyph cache; the parsed tables (the expensive part) stay.
  for (const f of Object.values(parsed)) (f as { _glyphs: Record<number, unknown> })._glyphs = {};
  return parsed;
}

export const faceOf = (bold?: boolean, italic?: boolean): FontFace => (bold ? (italic ? 'boldItalic' : 'bold') : italic ? 'italic' : 'regular');

let measurer: { widthOfString(s: string): number; font(f: string): unknown; fontSize(n: number): unknown } | null = null;

/** Text width in points with the embedded font's metrics: the DOCX exporter sizes its rules with the PDF's numbers. */
export async function textWidth(text: string, face: FontFace, size: number): Promise<number> {
  if (!measurer) {
    const PDFDocument = (await import('pdfkit')).default;
    const doc = new PDFDocument({ autoFirstPage: false });
    for (const [f, buf] of Object.entries(fontFiles())) doc.registerFont(f, buf);
    measurer = doc as unknown as typeof measurer;
  }
  measurer!.font(face);
  measurer!.fontSize(size);
  return measurer!.widthOfString(text);
}
