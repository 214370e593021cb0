import type { Block, DraftDocument } from '../drafting/model';
import { foldVietnamese } from '../text/fold';

/**
 * The activities of a Kế hoạch or Chương trình, as its text states them, in document order (body, then phụ lục):
 * - `activity` blocks (the 70/KH shape: title, nội dung, thời gian, địa điểm, đơn vị chủ trì, đơn vị thực hiện);
 * - `table` blocks whose header names the columns ("TT | Nội dung | Đơn vị chủ trì | Đơn vị phối hợp | Thời gian
 *   thực hiện | Ghi chú"), matched with or without diacritics; merged cells give their text to the rows they cover;
 * - numbered items followed by "Phân công thực hiện: X chủ trì, phối hợp với Y" (the Chương trình hành động shape),
 *   whose time is the section's year ("MỘT SỐ NHIỆM VỤ CỤ THỂ NĂM 2025") unless a "Thời gian:" line says otherwise.
 * `row` numbers the activities from 1: an issued document does not change, so a row keeps its number.
 */
export interface PlanActivity {
  row: number;
  kind: 'activity' | 'table' | 'assignment';
  title: string;
  lead: string;
  co: string;
  time: string;
  note: string;
  /** Where in the document: "Mục III", "Phụ lục I, bảng, dòng 3". */
  where: string;
}

const plain = (s: string | undefined) =>
  (s ?? '')
    .replace(/\*\*|\*/g, '')
    .replace(/\s+/g, ' ')
    .trim();
/** "a) Lễ phát động", "(3) Diễn đàn", "1. Xây dựng", "- Tổ chức" → the words. */
const unlabelled = (s: string) => plain(s).replace(/^(?:\(\d+\)|\d+(?:\.\d+)*\.|[a-zđ]\)|[-+•])\s+/i, '');
const trimEnd = (s: string) => plain(s).replace(/[.;,:\s]+$/, '');
const fold = (s: string) => foldVietnamese(s).replace(/\s+/g, ' ').trim();

type Column = 'title' | 'lead' | 'co' | 'time' | 'note';

/** A header cell's column, folded: "Nội dung công việc" → title, "Đơn vị chủ trì" → lead, "Thời gian" → time. */
function columnOf(header: string): Column | null {
  const h = fold(plain(header));
  if (/chu tri/.test(h)) return 'lead';
  if (/phoi hop|thuc hien cung|tham gia/.test(h)) return 'co';
  if (/thoi gian|thoi han|tien do|hoan thanh/.test(h)) return 'time';
  if (/ghi chu|san pham|ket qua/.test(h)) return 'note';
  if (/noi dung|nhiem vu|hoat dong|cong viec|ten /.test(h) || h === 'ten') return 'title';
  if (/don vi thuc hien|co quan thuc hien|don vi/.test(h)) return 'lead';
  return null;
}

/** A table's rows with each cell a merged cell covers given that cell's text. */
function expandSpans(rows: string[][], spans: number[][] | undefined): string[][] {
  if (!spans) return rows;
  const out = rows.map((r) => [...r]);
  for (let ri = 0; ri < rows.length; ri++) {
    for (let ci = 0; ci < (spans[ri]?.length ?? 0); ci++) {
      const n = spans[ri][ci];
      for (let k = 1; k < n && ri + k < out.length; k++) out[ri + k][ci] = rows[ri][ci];
    }
  }
  return out;
}

const ASSIGNMENT = /^(phân công thực hiện|phân công|đơn vị thực hiện|đơn vị chủ trì|giao)\s*:\s*/i;
const TIME_LINE = /^(thời gian thực hiện|thời gian|thời hạn hoàn thành|thời hạn)\s*:\s*/i;
const labelClass = (label: string) =>
  /^\d+\.$/.test(label) ? 'n' : /^\d+\.\d+\.$/.test(label) ? 'nn' : /^\(\d+\)$/.test(label) ? 'p' : /^[a-zđ]\)$/i.test(label) ? 'a' : label;

/** "X chủ trì, phối hợp với Y … tham mưu thực hiện" → lead X, co Y. */
export function readAssignment(text: string): { lead: string; co: string } {
  const s = trimEnd(text)
    .replace(ASSIGNMENT, '')
    .replace(/\s*(?:tham mưu\s+)?(?:tổ chức\s+)?(?:triển khai\s+)?thực hiện$/i, '')
    .replace(/\s*tham mưu$/i, '')
    .trim();
  const led = /^(.*?)\s*,?\s+chủ trì(?:\s*,?\s*(?:và\s+)?phối hợp(?:\s+với)?\s+(.*))?$/i.exec(s);
  if (led) return { lead: trimEnd(led[1]), co: trimEnd(led[2] ?? '') };
  const joint = /^(.*?)\s*,?\s+phối hợp(?:\s+với)?\s+(.*)$/i.exec(s);
  if (joint) return { lead: trimEnd(joint[1]), co: trimEnd(joint[2]) };
  return { lead: trimEnd(s), co: '' };
}

const textOf = (b: Block | undefined) => (b && (b.kind === 'bullet' || b.kind === 'item' || b.kind === 'paragraph') ? b.text : '');

/**
 * The name of an activity written without one: the line just before it ("+ Tôn vinh, trao cúp…"), or, after a run of
 * points (the content of "(1) Hoạt động truyền thông"), the numbered item the run belongs to.
 */
function titleBefore(blocks: readonly Block[], i: number): string {
  let j = i - 1;
  while (j >= 0 && blocks[j].kind === 'bullet') j--;
  const run = i - 1 - j;
  if (run === 1) return unlabelled(textOf(blocks[i - 1]));
  if (run > 1 && blocks[j]?.kind === 'item') return unlabelled(textOf(blocks[j]));
  return unlabelled(textOf(blocks[i - 1]));
}

function scan(blocks: readonly Block[], part: string, out: Omit<PlanActivity, 'row'>[]): void {
  let section = '';
  let sectionYear = '';
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i];
    const where = [part, section].filter(Boolean).join(', ');
    if (b.kind === 'heading') {
      section = b.number ? `Mục ${b.number}` : plain(b.text).slice(0, 60);
      const y = /\bnăm (\d{4})\b/i.exec(b.text);
      sectionYear = y ? `Năm ${y[1]}` : '';
      continue;
    }
    if (b.kind === 'activity') {
      if (!b.lead && !b.participants && !b.time) continue;
      const own = unlabelled(b.title);
      const before = own ? '' : titleBefore(blocks, i);
      const title = own || before || unlabelled(b.content ?? '');
      if (!title) continue;
      const usedContent = !own && !before;
      const note = [
        !usedContent && b.content ? `Nội dung: ${plain(b.content)}` : '',
        b.place ? `Địa điểm: ${trimEnd(b.place)}` : '',
        b.host ? `Đơn vị đăng cai: ${trimEnd(b.host)}` : '',
      ].filter(Boolean);
      out.push({ kind: 'activity', title, lead: trimEnd(b.lead ?? ''), co: trimEnd(b.participants ?? ''), time: trimEnd(b.time ?? ''), note: note.join('\n'), where });
      continue;
    }
    if (b.kind === 'table') {
      const rows = expandSpans(b.rows, b.rowSpans);
      const cols = (rows[0] ?? []).map(columnOf);
      const at = (r: string[], c: Column) => cols.flatMap((k, ci) => (k === c && r[ci] ? [plain(r[ci])] : []));
      if (!cols.includes('title') || !(cols.includes('lead') || cols.includes('time'))) continue;
      rows.slice(1).forEach((r, k) => {
        const title = unlabelled(at(r, 'title').join(' — '));
        const lead = trimEnd(at(r, 'lead').join('; '));
        const co = trimEnd(at(r, 'co').join('; '));
        const time = trimEnd(at(r, 'time').join('; '));
        // A group's own row ("I | Nhóm nhiệm vụ tuyên truyền | | |") names nobody and no time.
        if (!title || (!lead && !co && !time)) return;
        out.push({ kind: 'table', title, lead, co, time, note: at(r, 'note').join('\n'), where: [where, `bảng, dòng ${k + 1}`].filter(Boolean).join(', ') });
      });
      continue;
    }
    if (b.kind === 'item') {
      const cls = labelClass(b.label);
      const between: string[] = [];
      let time = '';
      for (let j = i + 1; j < blocks.length && j <= i + 40; j++) {
        const n = blocks[j];
        if (n.kind === 'heading' || n.kind === 'table' || n.kind === 'activity' || (n.kind === 'item' && labelClass(n.label) === cls)) break;
        const t = plain(textOf(n));
        if (TIME_LINE.test(t)) {
          time = trimEnd(t.replace(TIME_LINE, ''));
          continue;
        }
        if (ASSIGNMENT.test(t)) {
          const a = readAssignment(t);
          const title = unlabelled(b.text);
          if (title && a.lead) out.push({ kind: 'assignment', title: trimEnd(title), lead: a.lead, co: a.co, time: time || sectionYear, note: between.join('\n').slice(0, 4000), where });
          i = j;
          break;
        }
        if (t) between.push(n.kind === 'item' ? `${n.label} ${t}` : t);
      }
    }
  }
}

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII', 'XIII', 'XIV', 'XV', 'XVI', 'XVII', 'XVIII', 'XIX', 'XX'];

export function planActivities(d: Pick<DraftDocument, 'body' | 'appendices'>): PlanActivity[] {
  const out: Omit<PlanActivity, 'row'>[] = [];
  scan(d.body, '', out);
  d.appendices.forEach((a, k) => scan(a.body, d.appendices.length > 1 ? `Phụ lục ${ROMAN[k] ?? k + 1}` : 'Phụ lục', out));
  return out.map((a, k) => ({ row: k + 1, ...a, title: a.title.slice(0, 1000) }));
}
