/// <reference types="pdfkit" />
import { spanGroups, tableSpans, type PlanPara, type PlanTable } from '../../shared/drafting/plan';
import { columnHeight, drawColumn, type Measurer } from './pdf-lines';

/**
 * Tables for the PDF layout engine: measured once (column widths, cell heights, merged cells), laid out over pages
 * (groups of merged rows kept together, the header row repeated), then drawn page by page.
 */
/** A table measured once: column widths, each cell's paragraph and height, row heights and the groups of rows. */
export interface TableMeasure {
  t: PlanTable;
  cols: number[];
  pad: number;
  spans: number[][];
  /** The cells that print (span ≥ 1), with the height their text needs (padding included). */
  cells: { ri: number; ci: number; span: number; para: PlanPara; textH: number }[];
  rowH: number[];
  /** Rows bound together by merged cells (the header row is a group of its own). */
  groups: { start: number; end: number }[];
  headerH: number;
}

const TABLE_GAP = 6;

export function measureTable(doc: PDFKit.PDFDocument, m: Measurer, t: PlanTable, width: number): TableMeasure {
  const total = t.widths.reduce((s, w) => s + w, 0);
  const cols = t.widths.map((w) => (w / total) * width);
  const pad = 4;
  const spans = tableSpans(t);
  const cells: TableMeasure['cells'] = [];
  const minH = t.size * 1.15 + 2 * pad;
  const rowH = t.rows.map(() => minH);
  t.rows.forEach((row, ri) =>
    row.forEach((runs, ci) => {
      const span = spans[ri]?.[ci] ?? 1;
      if (span < 1) return;
      const header = t.header && ri === 0;
      const para: PlanPara = {
        kind: 'para',
        role: 'cell',
        runs: header ? runs.map((r) => ({ ...r, bold: true })) : runs,
        size: t.size,
        align: header ? 'center' : t.align?.[ci] ?? 'left',
        lineHeight: 1.15,
      };
      const textH = columnHeight(m, doc, [para], (cols[ci] ?? 0) - 2 * pad) + 2 * pad;
      cells.push({ ri, ci, span, para, textH });
      if (span === 1) rowH[ri] = Math.max(rowH[ri], textH);
    }),
  );
  // A merged cell taller than the rows it spans shares what it lacks among them, the shortest spans first.
  for (const c of [...cells].filter((c) => c.span > 1).sort((a, b) => a.span - b.span)) {
    const last = Math.min(c.ri + c.span, t.rows.length);
    let sum = 0;
    for (let r = c.ri; r < last; r++) sum += rowH[r];
    if (sum < c.textH) for (let r = c.ri; r < last; r++) rowH[r] += (c.textH - sum) / (last - c.ri);
  }
  const groups = spanGroups(spans);
  return { t, cols, pad, spans, cells, rowH, groups, headerH: t.header ? rowH[0] : 0 };
}

const groupHeight = (tm: TableMeasure, g: { start: number; end: number }) => tm.rowH.slice(g.start, g.end + 1).reduce((s, h) => s + h, 0);

/** What must fit before a table for a paragraph kept with it: the gap, the header row and the first group of rows. */
export function tableLeadHeight(tm: TableMeasure, pageBody: number): number {
  const first = tm.groups.find((g) => g.start >= (tm.t.header ? 1 : 0));
  if (!first) return TABLE_GAP + tm.headerH;
  const g = groupHeight(tm, first);
  return TABLE_GAP + tm.headerH + (tm.headerH + g <= pageBody ? g : tm.rowH[first.start]);
}

/**
 * Where each row of a table goes: page (0 = the page the table starts on) and y. A group of rows bound by merged
 * cells stays on one page when it fits on a page; a taller group is split between rows, its merged cells drawn in
 * parts, each part tall enough for the cell's text (the break moves up, or the part's last row grows). The header
 * row repeats at the top of every page; it never stays alone at the foot of a page.
 */
function layoutTable(tm: TableMeasure, y0: number, top: number, bottom: number, breakFirst = false): { rows: { page: number; y: number; h: number }[]; headers: { page: number; y: number }[]; end: { page: number; y: number } } {
  const { t, rowH, headerH } = tm;
  const rows: { page: number; y: number; h: number }[] = [];
  const headers: { page: number; y: number }[] = [];
  const firstBody = t.header ? 1 : 0;
  const avail = bottom - top - headerH;
  let page = 0;
  let y = y0 + TABLE_GAP;
  let onPage = 0; // body rows on the current page
  let pageFirst = firstBody; // the first body row on the current page
  const breakPage = (nextRow: number) => {
    page++;
    y = top;
    onPage = 0;
    pageFirst = nextRow;
    if (t.header) {
      headers.push({ page, y });
      y += headerH;
    }
  };
  const place = (ri: number, h: number) => {
    rows[ri] = { page, y, h };
    y += h;
    onPage++;
  };
  const first = tm.groups.find((g) => g.start >= firstBody);
  if (breakFirst || (y0 > top && first && y + tableLeadHeight(tm, bottom - top) - TABLE_GAP > bottom)) {
    page++;
    y = top;
  }
  if (t.header) {
    headers.push({ page, y });
    rows[0] = { page, y, h: headerH };
    y += headerH;
  }
  const merged = tm.cells.filter((c) => c.span > 1);
  for (const g of tm.groups) {
    if (g.end < firstBody) continue;
    const G = groupHeight(tm, g);
    if (y + G > bottom && onPage > 0 && G <= avail) breakPage(g.start);
    if (y + G <= bottom) {
      for (let ri = g.start; ri <= g.end; ri++) place(ri, rowH[ri]);
      continue;
    }
    // A group taller than a page: row by row.
    for (let ri = g.start; ri <= g.end; ) {
      // A merged cell's last part on a page that it did not start on grows to hold the cell's text again.
      let h = rowH[ri];
      for (const c of merged) {
        if (c.ri < ri && c.ri + c.span - 1 === ri) h = Math.max(h, c.textH - (y - (c.ri >= pageFirst ? rows[c.ri].y : top + headerH)));
      }
      if (y + h > bottom && onPage > 0) {
        // Break before ri, or higher up when a merged cell begun on this page would keep too short a part here.
        let b = ri;
        for (let moved = true; moved; ) {
          moved = false;
          for (const c of merged) {
            if (c.ri >= pageFirst && c.ri < b && c.ri + c.span - 1 >= b && (b === ri ? y : rows[b].y) - rows[c.ri].y < c.textH) {
              b = c.ri;
              moved = true;
            }
          }
        }
        if (b === pageFirst) {
          // Nothing of the table's body would stay on this page: on its first page, the table moves down whole
          // (its header row with it); at the top of a page, the merged cell's part stays short.
          if (page === 0 && y0 > top && !breakFirst) {
            if (t.header) return layoutTable(tm, y0, top, bottom, true);
          } else b = ri;
        }
        breakPage(b);
        ri = b;
        continue;
      }
      place(ri, h);
      ri++;
    }
  }
  return { rows, headers, end: { page, y } };
}

export function drawTable(
  doc: PDFKit.PDFDocument,
  m: Measurer,
  tm: TableMeasure,
  x: number,
  y0: number,
  top: number,
  bottom: number,
  newPage: () => number,
): number {
  const t = tm.t;
  const lay = layoutTable(tm, y0, top, bottom);
  const xs = tm.cols.map((_, ci) => x + tm.cols.slice(0, ci).reduce((s, w) => s + w, 0));
  const box = (ci: number, y: number, h: number) => doc.rect(xs[ci], y, tm.cols[ci], h).lineWidth(0.5).strokeColor('black').stroke();
  const text = (c: TableMeasure['cells'][number], y: number, h: number, centre: boolean) => {
    const w = tm.cols[c.ci] - 2 * tm.pad;
    if (c.textH <= h + 0.01) {
      drawColumn(doc, m, [c.para], xs[c.ci] + tm.pad, w, y + tm.pad + (centre ? (h - c.textH) / 2 : 0));
      return;
    }
    // A merged cell's part taller than its box (at the top of a page, where the break could not move up): cut at the box.
    doc.save();
    doc.rect(xs[c.ci], y, tm.cols[c.ci], h).clip();
    drawColumn(doc, m, [c.para], xs[c.ci] + tm.pad, w, y + tm.pad);
    doc.restore();
  };
  // What each page draws: the header row where it repeats, each cell once, a merged cell once per page it runs over
  // (one box, its text repeated in each part).
  const pages: (() => void)[][] = Array.from({ length: lay.end.page + 1 }, () => []);
  for (const hd of lay.headers) {
    for (const c of tm.cells.filter((c) => t.header && c.ri === 0)) {
      pages[hd.page].push(() => {
        text(c, hd.y, tm.headerH, false);
        box(c.ci, hd.y, tm.headerH);
      });
    }
  }
  for (const c of tm.cells) {
    if (t.header && c.ri === 0) continue;
    const parts = new Map<number, { y: number; end: number }>();
    for (const r of lay.rows.slice(c.ri, c.ri + c.span)) {
      const part = parts.get(r.page);
      parts.set(r.page, { y: part ? part.y : r.y, end: r.y + r.h });
    }
    for (const [pg, part] of parts) {
      pages[pg].push(() => {
        text(c, part.y, part.end - part.y, c.span > 1);
        box(c.ci, part.y, part.end - part.y);
      });
    }
  }
  pages.forEach((draws, pg) => {
    if (pg > 0) newPage();
    for (const draw of draws) draw();
  });
  return lay.end.y + TABLE_GAP;
}
