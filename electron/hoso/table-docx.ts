import { AlignmentType, TableRow } from 'docx';
import { bookDocx, centred, linesCell, run, type Align } from '../registers/book-docx';

/** The Mục lục văn bản and the Danh mục hồ sơ as Word tables, with the register books' writer (A4 landscape, Times New Roman). */
export interface TableDocx {
  title: string;
  cover: { text: string; bold?: boolean; italic?: boolean; size?: number }[];
  header: string[];
  widthsMm: number[];
  align: readonly ('left' | 'center' | 'right')[];
  rows: string[][];
  closing: string;
}

const ALIGN: Record<'left' | 'center' | 'right', Align> = { left: AlignmentType.LEFT, center: AlignmentType.CENTER, right: AlignmentType.RIGHT };

export async function tableDocx(o: TableDocx): Promise<Uint8Array> {
  const cells = (texts: string[], opts: { bold?: boolean; italics?: boolean; size?: number }, align: (i: number) => Align) =>
    texts.map((t, i) => linesCell(t.split('\n').map((line) => [run(line, opts)]), o.widthsMm[i], align(i)));
  // Both header rows repeat on every page (tableHeader), as in the register books.
  const header = new TableRow({ tableHeader: true, cantSplit: true, children: cells(o.header, { bold: true, size: 11 }, () => AlignmentType.CENTER) });
  const numbering = new TableRow({ tableHeader: true, cantSplit: true, children: cells(o.header.map((_, i) => `(${i + 1})`), { italics: true, size: 11 }, () => AlignmentType.CENTER) });
  const body = o.rows.map((r) => new TableRow({ cantSplit: true, children: cells(r, {}, (i) => ALIGN[o.align[i] ?? 'left']) }));
  const cover = o.cover.map((l, i) => centred(l.text, { bold: l.bold, italics: l.italic, size: l.size ?? 13, after: i === o.cover.length - 1 ? 200 : 60 }));
  return bookDocx({ title: o.title, cover, widthsMm: o.widthsMm, rows: [header, numbering, ...body], closing: o.closing });
}
