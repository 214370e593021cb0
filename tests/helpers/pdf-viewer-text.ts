/**
 * The text a PDF viewer's "select all, copy" gives, rebuilt from pdf.js text items and their positions: items on one
 * baseline make one line (left to right, a space where there is a gap between them), lines go from the top of the page
 * down, pages follow one another with nothing between them (a copy has no form feed). What the page sets side by side
 * (the header's two columns, Nơi nhận beside the signature) comes out merged on one line, one space apart, wherever
 * it shares a baseline; page numbers stay where the page prints them.
 * `order: 'stream'` keeps the order the page draws its items in instead (Firefox's copy of the text layer): a new
 * line wherever an item starts on another baseline or back to the left.
 */
type Item = { str: string; x: number; y: number; w: number; h: number; eol: boolean };

export interface ViewerOptions {
  order?: 'position' | 'stream';
}

export async function pdfViewerText(data: Uint8Array, o: ViewerOptions = {}): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(data), isEvalSupported: false, verbosity: 0 }).promise;
  const pages: string[] = [];
  try {
    for (let i = 1; i <= doc.numPages; i++) {
      const content = await (await doc.getPage(i)).getTextContent();
      const items: Item[] = [];
      for (const it of content.items) {
        if (!('str' in it)) continue;
        items.push({ str: it.str, x: it.transform[4], y: it.transform[5], w: it.width, h: Math.abs(it.transform[3]) || it.height, eol: it.hasEOL });
      }
      pages.push((o.order === 'stream' ? streamLines(items) : positionLines(items)).join('\n'));
    }
  } finally {
    await doc.destroy();
  }
  return pages.join('\n') + '\n';
}

/** Items joined left to right, a space where they stand apart. */
function joinItems(items: Item[]): string {
  let out = '';
  let last: Item | null = null;
  for (const it of items) {
    if (last && it.x - (last.x + last.w) > Math.max(last.h, it.h, 1) * 0.1 && !/\s$/.test(out) && !/^\s/.test(it.str)) out += ' ';
    out += it.str;
    last = it;
  }
  return out.replace(/\s+$/, '');
}

function positionLines(all: Item[]): string[] {
  const items = all.filter((it) => it.str.trim());
  const lines: { y: number; h: number; items: Item[] }[] = [];
  for (const it of [...items].sort((a, b) => b.y - a.y || a.x - b.x)) {
    const line = lines.find((l) => Math.abs(l.y - it.y) < Math.max(l.h, it.h) * 0.5);
    if (line) line.items.push(it);
    else lines.push({ y: it.y, h: it.h, items: [it] });
  }
  return lines.sort((a, b) => b.y - a.y).map((l) => joinItems(l.items.sort((a, b) => a.x - b.x)));
}

function streamLines(items: Item[]): string[] {
  const lines: Item[][] = [];
  let cur: Item[] = [];
  for (const it of items) {
    const last = cur[cur.length - 1];
    if (last && it.str.trim() && (Math.abs(it.y - last.y) > Math.max(last.h, it.h, 1) * 0.5 || it.x < last.x - 1)) {
      lines.push(cur);
      cur = [];
    }
    if (it.str.trim()) cur.push(it);
    if (it.eol && cur.length) {
      lines.push(cur);
      cur = [];
    }
  }
  if (cur.length) lines.push(cur);
  return lines.map(joinItems);
}
