import {
  AlignmentType,
  BorderStyle,
  Document,
  Header,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  VerticalMergeType,
  WidthType,
  type IBorderOptions,
} from 'docx';
import { FONT_FAMILY } from '../../shared/drafting/profiles';
import { plainText, spanGroups, tableSpans, type DocumentPlan, type PlanPara, type PlanTable, type Run } from '../../shared/drafting/plan';
import { addresseeBlock, addresseeTexts, DASH, placeAddressees, type AddresseePlace } from './addressee-layout';
import { faceOf, textWidth } from './fonts';
import { fitHeader, headerTexts, withTitleSizes } from './header-layout';

/**
 * DOCX from the same print plan as the PDF: A4, the profile's margins, Times New Roman, the header and the closing
 * as borderless two-column tables, rules as bordered empty paragraphs sized with the font's metrics, page numbers
 * centred at the top from page 2 (a different first-page header), headings kept with the next paragraph, widow
 * control on the body, the Kính gửi list indented where the PDF puts it.
 */
const TWIP_PER_MM = 1440 / 25.4;
const twip = (mm: number) => Math.round(mm * TWIP_PER_MM);
const A4 = { w: 11906, h: 16838 };
const NONE: IBorderOptions = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const NO_BORDERS = { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE };
const LINE: IBorderOptions = { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 };

const ALIGN = {
  left: AlignmentType.LEFT,
  center: AlignmentType.CENTER,
  right: AlignmentType.RIGHT,
  justify: AlignmentType.JUSTIFIED,
} as const;

/** Runs as Word runs; a "\n" inside a run becomes a line break (<w:br/>), as the PDF engine breaks the line there. */
const runs = (rs: Run[], size: number) =>
  rs.flatMap((r) =>
    r.text
      .split('\n')
      .map((text, i) => ({ text, i }))
      .filter(({ text, i }) => text || i > 0)
      .map(({ text, i }) => new TextRun({ text, break: i > 0 ? 1 : undefined, font: FONT_FAMILY, size: size * 2, bold: r.bold, italics: r.italic, underline: r.underline ? {} : undefined })),
  );

const ptTwip = (pt: number) => Math.round(pt * 20);

/** `widow`: Word's widow control (no single line of the paragraph at the foot or the head of a page); `place`: a
 * paragraph of the Kính gửi block, indented to where the PDF puts it. */
function paragraph(p: PlanPara, o: { extraBeforeTwip?: number; widow?: boolean; place?: AddresseePlace } = {}): Paragraph {
  const pl = o.place;
  const indent = pl
    ? pl.hang
      ? { left: ptTwip(pl.x + pl.hang), hanging: ptTwip(pl.hang) }
      : { left: ptTwip(pl.x) }
    : p.firstLineIndentMm
      ? { firstLine: twip(p.firstLineIndentMm) }
      : undefined;
  return new Paragraph({
    alignment: pl ? AlignmentType.LEFT : ALIGN[p.align],
    indent,
    spacing: {
      before: Math.round((p.spaceBeforePt ?? 0) * 20) + (o.extraBeforeTwip ?? 0),
      after: Math.round((p.spaceAfterPt ?? 0) * 20),
      line: Math.round(p.size * p.lineHeight * 20),
      lineRule: LineRuleType.AT_LEAST,
    },
    keepNext: p.keepWithNext,
    keepLines: p.keepWithNext,
    widowControl: o.widow || undefined,
    children: runs(p.runs, p.size),
  });
}

/** The widths (pt) of a paragraph's lines as wrapped in a column this wide: greedy, as the PDF engine breaks them. */
async function lineWidths(p: PlanPara, widthPt: number): Promise<number[]> {
  const r = p.runs[0] ?? { text: '' };
  const face = faceOf(r.bold, r.italic);
  const space = await textWidth(' ', 'regular', p.size);
  const out: number[] = [];
  for (const line of plainText(p.runs).split('\n')) {
    let w = 0;
    for (const word of line.split(/ +/).filter(Boolean)) {
      const ww = await textWidth(word, face, p.size);
      if (w && w + space + ww > widthPt) {
        out.push(w);
        w = ww;
      } else w += (w ? space : 0) + ww;
    }
    out.push(Math.min(w, widthPt));
  }
  return out;
}

/**
 * A rule under a paragraph: an empty paragraph whose top border is shortened by equal indents, a share of the
 * widest line as the paragraph wraps in its column (an organ name on three lines: of its widest line, not of the
 * whole name).
 */
async function rule(p: PlanPara, columnTwip: number): Promise<Paragraph> {
  const widest = Math.max(0, ...(await lineWidths(p, columnTwip / 20)));
  const len = Math.min(columnTwip, Math.round(widest * 20 * (p.ruleBelow ?? 0)));
  const side = Math.max(0, Math.round((columnTwip - len) / 2));
  return new Paragraph({
    border: { top: LINE },
    indent: { left: side, right: side },
    spacing: { before: 80, after: 0, line: 40, lineRule: LineRuleType.EXACT },
    keepNext: p.keepWithNext,
    children: [],
  });
}

/** The độ khẩn stamp: a bordered paragraph narrowed by indents to the frame's width. */
function framed(p: PlanPara, columnTwip: number): Paragraph {
  const side = Math.max(0, Math.round((columnTwip - twip(p.frameMm ?? 0)) / 2));
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    border: { top: LINE, bottom: LINE, left: LINE, right: LINE },
    indent: { left: side, right: side },
    spacing: { before: Math.round((p.spaceBeforePt ?? 0) * 20), after: Math.round((p.spaceAfterPt ?? 0) * 20) },
    children: runs(p.runs, p.size),
  });
}

async function column(paras: PlanPara[], widthTwip: number, gapAfter?: { index: number; gapMm: number }): Promise<Paragraph[]> {
  const out: Paragraph[] = [];
  for (let i = 0; i < paras.length; i++) {
    const p = paras[i];
    const extra = gapAfter && gapAfter.index === i - 1 ? twip(gapAfter.gapMm) : 0;
    if (p.frameMm) {
      out.push(framed(p, widthTwip));
      continue;
    }
    out.push(paragraph(p, { extraBeforeTwip: extra }));
    if (p.ruleBelow) out.push(await rule(p, widthTwip));
  }
  return out.length ? out : [new Paragraph({ children: [] })];
}

const cell = (children: Paragraph[], widthTwip: number) =>
  new TableCell({ width: { size: widthTwip, type: WidthType.DXA }, borders: NO_BORDERS, margins: { left: 0, right: 0 }, children });

function twoColumns(rows: { left: Paragraph[]; right: Paragraph[] }[], leftTwip: number, rightTwip: number, cantSplit: boolean): Table {
  return new Table({
    width: { size: leftTwip + rightTwip, type: WidthType.DXA },
    columnWidths: [leftTwip, rightTwip],
    layout: TableLayoutType.FIXED,
    borders: NO_BORDERS,
    rows: rows.map((r) => new TableRow({ cantSplit, children: [cell(r.left, leftTwip), cell(r.right, rightTwip)] })),
  });
}

/** Height (pt) of a cell's text in a column this wide: greedy wrapping with the embedded font's metrics, as Word lays it. */
async function cellHeight(rs: Run[], widthPt: number, size: number): Promise<number> {
  const bold = rs.some((r) => r.bold);
  const space = await textWidth(' ', 'regular', size);
  let lines = 0;
  for (const line of plainText(rs).split('\n')) {
    let w = 0;
    lines++;
    for (const word of line.split(/ +/).filter(Boolean)) {
      const ww = await textWidth(word, faceOf(bold), size);
      if (w && w + space + ww > widthPt) {
        lines++;
        w = ww;
      } else w += (w ? space : 0) + ww;
      if (ww > widthPt) lines += Math.floor(ww / widthPt);
    }
  }
  return lines * size * 1.15;
}

const CELL_MARGINS = { top: 60, bottom: 60, left: 80, right: 80 };

/**
 * A bordered body table. A cell merged down rows is a vMerge "restart" cell followed by "continue" cells in the rows
 * it covers, centred vertically. The rows of a merged group are kept on one page (keepNext on all but the last) when
 * the group fits on a page; a taller group is left to break where the page ends (a keep chain longer than a page
 * makes LibreOffice push the whole table, and the title with it, to the next page). The header row repeats on every
 * page.
 */
async function bodyTable(t: PlanTable, widthTwip: number, pageBodyPt: number): Promise<Table> {
  const total = t.widths.reduce((s, w) => s + w, 0);
  const cols = t.widths.map((w) => Math.round((w / total) * widthTwip));
  const spans = tableSpans(t);
  const pad = (CELL_MARGINS.top + CELL_MARGINS.bottom) / 20;
  const rowHeight = async (ri: number) => {
    let h = 0;
    for (let ci = 0; ci < t.rows[ri].length; ci++) {
      const rs = t.header && ri === 0 ? t.rows[ri][ci].map((r) => ({ ...r, bold: true })) : t.rows[ri][ci];
      if (spans[ri][ci] === 1) h = Math.max(h, (await cellHeight(rs, (cols[ci] - CELL_MARGINS.left - CELL_MARGINS.right) / 20, t.size)) + pad);
    }
    return Math.max(h, t.size * 1.15 + pad);
  };
  const headerPt = t.header ? await rowHeight(0) : 0;
  const keepNext: boolean[] = t.rows.map(() => false);
  for (const g of spanGroups(spans)) {
    if (g.end === g.start) continue;
    let h = 0;
    for (let ri = g.start; ri <= g.end; ri++) h += await rowHeight(ri);
    // A margin for what the estimate misses (Word's own line breaking, a merged cell taller than its rows).
    if (h <= (pageBodyPt - headerPt) * 0.9) for (let ri = g.start; ri < g.end; ri++) keepNext[ri] = true;
  }
  return new Table({
    width: { size: widthTwip, type: WidthType.DXA },
    columnWidths: cols,
    layout: TableLayoutType.FIXED,
    rows: t.rows.map((row, ri) => {
      const header = t.header && ri === 0;
      return new TableRow({
        tableHeader: header,
        cantSplit: true,
        keepNext: keepNext[ri] || undefined,
        children: row.map((c, ci) => {
          const n = spans[ri][ci];
          const align = header ? AlignmentType.CENTER : ALIGN[t.align?.[ci] ?? 'left'];
          return new TableCell({
            width: { size: cols[ci], type: WidthType.DXA },
            margins: CELL_MARGINS,
            ...(n !== 1 ? { verticalMerge: n === 0 ? VerticalMergeType.CONTINUE : VerticalMergeType.RESTART, verticalAlign: VerticalAlignTable.CENTER } : {}),
            children: [
              n === 0
                ? // A covered cell: an empty paragraph in the table's size, so that it does not make its row taller.
                  new Paragraph({ alignment: align, run: { size: t.size * 2, font: FONT_FAMILY }, children: [] })
                : new Paragraph({ alignment: align, children: runs(header ? c.map((r) => ({ ...r, bold: true })) : c, t.size) }),
            ],
          });
        }),
      });
    }),
  });
}

/** The width (pt) of a paragraph's text on one line. */
async function runsWidth(p: PlanPara): Promise<number> {
  let w = 0;
  for (const r of p.runs) w += await textWidth(r.text, faceOf(r.bold, r.italic), p.size);
  return w;
}

/** Each paragraph of each Kính gửi block of a flow, by its index: where the PDF engine puts it. */
async function addresseePlaces(flow: DocumentPlan['flow'], textPt: number, minIndentPt: number): Promise<Map<number, AddresseePlace>> {
  const places = new Map<number, AddresseePlace>();
  for (let i = 0; i < flow.length; i++) {
    const block = addresseeBlock(flow, i);
    if (!block) continue;
    const paras: number[] = [];
    for (const text of addresseeTexts(block.paras)) paras.push(await textWidth(text, block.face, block.size));
    const widths = { label: await textWidth(block.label, block.face, block.size), dash: await textWidth(DASH, block.face, block.size), paras };
    placeAddressees(block.paras, widths, textPt, minIndentPt).forEach((pl, k) => places.set(i + k, pl));
  }
  return places;
}

export async function renderDocx(plan: DocumentPlan, opts: { title?: string } = {}): Promise<Uint8Array> {
  const p = plan.profile;
  const textTwip = A4.w - twip(p.marginsMm.left) - twip(p.marginsMm.right);
  // The columns of the PDF engine (header-layout.ts): the title column as wide as the Quốc hiệu needs.
  const { titles, placeDate } = headerTexts(plan);
  const titleWidths = [];
  for (const t of titles) titleWidths.push({ width: await runsWidth(t), size: t.size });
  const fit = fitHeader({ width: textTwip / 20, leftShare: p.headerLeftShare, titles: titleWidths, placeDate: placeDate ? await runsWidth(placeDate) : 0 });
  const leftTwip = Math.round(fit.left * 20);
  const rightTwip = textTwip - leftTwip;
  const pageBodyPt = (A4.h - twip(p.marginsMm.top) - twip(p.marginsMm.bottom)) / 20;

  const children: (Paragraph | Table)[] = [];
  const headerRows = [];
  for (const r of withTitleSizes(plan, fit.titleSizes)) headerRows.push({ left: await column(r.left, leftTwip), right: await column(r.right, rightTwip) });
  children.push(twoColumns(headerRows, leftTwip, rightTwip, true));

  const places = await addresseePlaces(plan.flow, textTwip / 20, twip(p.body.firstLineIndentMm) / 20);
  for (let i = 0; i < plan.flow.length; i++) {
    const el = plan.flow[i];
    if (el.kind === 'table') {
      children.push(await bodyTable(el, textTwip, pageBodyPt));
      continue;
    }
    // The last paragraph of the body stays with the signature block (never a signature alone on a page).
    const last = i === plan.flow.length - 1;
    children.push(paragraph(last ? { ...el, keepWithNext: true } : el, { widow: true, place: places.get(i) }));
    if (el.ruleBelow) children.push(await rule(el, textTwip));
  }

  const c = plan.closing;
  const half = Math.round(textTwip / 2);
  children.push(new Paragraph({ spacing: { before: 0, after: 0, line: 240 }, keepNext: true, children: [] }));
  children.push(
    twoColumns(
      [{ left: await column(c.left, half), right: await column(c.right, textTwip - half, { index: c.signatureAfterIndex, gapMm: c.signatureGapMm }) }],
      half,
      textTwip - half,
      true,
    ),
  );
  for (const f of plan.footer) children.push(paragraph(f));

  // One section for the document, one per phụ lục: each starts a page and numbers its pages from 1 (ND30 Phụ lục I,
  // III.1.đ); the first page of each shows no number (ND30 Phụ lục I, I).
  const section = (body: (Paragraph | Table)[]) => ({
    properties: {
      titlePage: true,
      page: {
        size: { width: A4.w, height: A4.h },
        margin: { top: twip(p.marginsMm.top), bottom: twip(p.marginsMm.bottom), left: twip(p.marginsMm.left), right: twip(p.marginsMm.right), header: twip(p.marginsMm.top / 2 - 3) },
        pageNumbers: { start: 1 },
      },
    },
    headers: {
      default: new Header({
        children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [PageNumber.CURRENT], font: FONT_FAMILY, size: p.pageNumber.size * 2 })] })],
      }),
      first: new Header({ children: [new Paragraph({ children: [] })] }),
    },
    children: body,
  });
  const sections = [section(children)];
  for (const a of plan.appendices) {
    const body: (Paragraph | Table)[] = [];
    for (const el of a.flow) {
      if (el.kind === 'table') body.push(await bodyTable(el, textTwip, pageBodyPt));
      else body.push(paragraph(el, { widow: true }));
    }
    sections.push(section(body));
  }

  const doc = new Document({
    creator: 'Văn phòng điện tử',
    title: opts.title ?? 'Văn bản',
    styles: { default: { document: { run: { font: FONT_FAMILY, size: p.body.size * 2 } } } },
    sections,
  });
  const buf = await Packer.toBuffer(doc);
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}
