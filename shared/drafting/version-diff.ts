import { docTypeByCode } from '../domain/doc-types';
import { formatDateVN } from '../domain/dates';
import { SECRECY_LABELS, URGENCY_LABELS } from '../domain/marks';
import type { Block, DraftInput } from './model';

/**
 * What changed between two versions of a draft, as the leader reads it: the model's fields and blocks as labelled
 * lines of text, compared line by line (a longest common subsequence), and a changed line word by word. Pure: the
 * review screen runs it on the version the leader last saw and the one in front of them.
 */

export type BlockLike = NonNullable<DraftInput['body']>[number] | Block;

/** A block as the reader sees it, one line per printed line of its fields. */
export function blockText(b: BlockLike): string {
  switch (b.kind) {
    case 'heading':
      return [b.number, b.text].filter(Boolean).join('. ');
    case 'item':
      return `${b.label} ${b.text}`;
    case 'bullet':
      return `${b.marker ?? '-'} ${b.text}`;
    case 'paragraph':
      return b.text;
    case 'table':
      return b.rows.map((r) => r.join(' | ')).join('\n');
    case 'activity':
      return [
        b.title,
        b.content && `Nội dung: ${b.content}`,
        b.time && `Thời gian: ${b.time}`,
        b.place && `Địa điểm: ${b.place}`,
        b.host && `Đơn vị đăng cai: ${b.host}`,
        b.lead && `Chủ trì: ${b.lead}`,
        b.participants && `Thực hiện, phối hợp: ${b.participants}`,
      ]
        .filter(Boolean)
        .join('\n');
  }
}

export interface Section {
  label: string;
  lines: string[];
}

const field = (label: string, value: string | number | null | undefined) => (value === null || value === undefined || value === '' ? [] : [`${label}: ${value}`]);
const split = (texts: string[]) => texts.flatMap((t) => t.split('\n')).filter((l) => l.trim() !== '');

/** The draft as labelled sections of lines, in the order of the printed page. */
export function draftSections(d: DraftInput): Section[] {
  const sig = d.signature;
  return [
    {
      label: 'Thể thức và loại văn bản',
      lines: [
        ...field('Thể thức', d.profile === 'party' ? 'Đảng (HD 36)' : 'Nhà nước (NĐ 30)'),
        ...field('Tên loại', docTypeByCode(d.docType)?.name ?? d.docType),
        ...field('Tiêu đề', d.title),
        ...field('Độ mật', d.secrecy && d.secrecy !== 'thuong' ? SECRECY_LABELS[d.secrecy] : ''),
        ...field('Độ khẩn', d.urgency && d.urgency !== 'thuong' ? URGENCY_LABELS[d.urgency] : ''),
      ],
    },
    {
      label: 'Cơ quan, số, ngày',
      lines: [
        ...field('Cơ quan chủ quản', d.parentOrgan?.replace(/\n/g, ' ')),
        ...field('Cơ quan ban hành', d.organ.replace(/\n/g, ' ')),
        ...field('Chữ viết tắt cơ quan', d.organAbbr),
        ...field('Chữ viết tắt đơn vị', d.unitAbbr),
        ...field('Ký hiệu', d.notation),
        ...field('Số', d.number),
        ...field('Địa danh', d.place),
        ...field('Ngày', d.date ? formatDateVN(d.date) : ''),
      ],
    },
    { label: 'Trích yếu', lines: split([d.subject ?? '']) },
    { label: 'Thẩm quyền ban hành', lines: split([d.competence ?? '']) },
    { label: 'Căn cứ', lines: split(d.bases ?? []) },
    { label: 'Kính gửi', lines: split(d.addressees ?? []) },
    { label: 'Nội dung', lines: split((d.body ?? []).map(blockText)) },
    ...(d.appendices ?? []).map((a, i) => ({ label: `Phụ lục ${i + 1}`, lines: split([a.title, ...a.body.map(blockText)]) })),
    {
      label: 'Người ký',
      lines: [...field('Quyền hạn', sig.authority), ...field('Thay mặt / ký thay cho', sig.onBehalfOf), ...field('Chức vụ', sig.title.replace(/\n/g, ' / ')), ...field('Họ tên', sig.name)],
    },
    { label: 'Nơi nhận', lines: (d.recipients ?? []).flatMap((r) => [r.text, ...(r.group ?? [])].map((m, i, all) => (i === all.length - 1 && r.note ? `${m} (${r.note})` : m))) },
    { label: 'Lưu', lines: field('Lưu', (d.archive ?? []).join(', ')) },
    { label: 'Khác', lines: [...field('Ký hiệu người soạn thảo', d.drafterMark), ...field('Số bản', d.copies)] },
  ];
}

export interface Segment {
  text: string;
  /** Kept in both, removed from the earlier line, or added in the later one. */
  op: 'same' | 'del' | 'add';
}

export interface DiffLine {
  /** "change": one line edited, shown once with its removed and added words (`words`); `before` is the old line. */
  op: 'same' | 'add' | 'del' | 'change';
  text: string;
  before?: string;
  words?: Segment[];
}

/** The longest common subsequence of two sequences, as pairs of indices; quadratic, so it runs only on what differs. */
function lcs<T>(a: T[], b: T[], eq: (x: T, y: T) => boolean): [number, number][] {
  const n = a.length;
  const m = b.length;
  const table = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) table[i][j] = eq(a[i], b[j]) ? table[i + 1][j + 1] + 1 : Math.max(table[i + 1][j], table[i][j + 1]);
  const out: [number, number][] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (eq(a[i], b[j])) (out.push([i, j]), i++, j++);
    else if (table[i + 1][j] >= table[i][j + 1]) i++;
    else j++;
  }
  return out;
}

/** Above this many cells the middle of two texts is shown as removed and added whole, rather than compared. */
const MAX_CELLS = 4_000_000;

/**
 * Line diff of two texts: common lines; a line edited ("change", with its words); removed lines ("del") before the
 * added ones ("add") that replace them.
 */
export function diffLines(a: string[], b: string[]): DiffLine[] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) (endA--, endB--);
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  const pairs = midA.length * midB.length <= MAX_CELLS ? lcs(midA, midB, (x, y) => x === y) : [];
  const out: DiffLine[] = a.slice(0, start).map((text) => ({ op: 'same', text }));
  let i = 0;
  let j = 0;
  const flush = (toI: number, toJ: number) => {
    const dels = midA.slice(i, toI);
    const adds = midB.slice(j, toJ);
    // Lines replaced one for one and sharing enough words read as one line edited.
    const changed: DiffLine[] = [];
    let k = 0;
    for (; k < Math.min(dels.length, adds.length); k++) {
      const words = diffWords(dels[k], adds[k]);
      if (!words) break;
      changed.push({ op: 'change', text: adds[k], before: dels[k], words });
    }
    out.push(...changed, ...dels.slice(k).map((text): DiffLine => ({ op: 'del', text })), ...adds.slice(k).map((text): DiffLine => ({ op: 'add', text })));
  };
  for (const [pi, pj] of pairs) {
    flush(pi, pj);
    out.push({ op: 'same', text: midA[pi] });
    i = pi + 1;
    j = pj + 1;
  }
  flush(midA.length, midB.length);
  out.push(...a.slice(endA).map((text): DiffLine => ({ op: 'same', text })));
  return out;
}

const words = (s: string) => s.match(/\s+|[^\s]+/g) ?? [];

/**
 * One line edited: its words in order, each kept, removed or added — or null when the two lines share too little to be
 * read as one line changed (less than a third of their words).
 */
export function diffWords(a: string, b: string): Segment[] | null {
  const wa = words(a);
  const wb = words(b);
  if (wa.length * wb.length > 250_000) return null;
  const pairs = lcs(wa, wb, (x, y) => x === y);
  const common = pairs.filter(([x]) => wa[x].trim() !== '').length;
  const longest = Math.max(wa.filter((w) => w.trim()).length, wb.filter((w) => w.trim()).length);
  if (longest === 0 || common * 3 < longest) return null;
  const out: Segment[] = [];
  const push = (text: string, op: Segment['op']) => {
    if (!text) return;
    const last = out[out.length - 1];
    if (last && last.op === op) last.text += text;
    else out.push({ text, op });
  };
  let i = 0;
  let j = 0;
  for (const [x, y] of [...pairs, [wa.length, wb.length] as [number, number]]) {
    push(wa.slice(i, x).join(''), 'del');
    push(wb.slice(j, y).join(''), 'add');
    if (x < wa.length) push(wa[x], 'same');
    i = x + 1;
    j = y + 1;
  }
  return out;
}

export interface SectionDiff {
  label: string;
  lines: DiffLine[];
  added: number;
  removed: number;
  changed: number;
}

/** The sections that changed, each with its line diff; an empty list when the two versions read the same. */
export function diffDrafts(before: DraftInput, after: DraftInput): SectionDiff[] {
  const a = draftSections(before);
  const b = draftSections(after);
  const labels = [...new Set([...a.map((s) => s.label), ...b.map((s) => s.label)])];
  const out: SectionDiff[] = [];
  for (const label of labels) {
    const lines = diffLines(a.find((s) => s.label === label)?.lines ?? [], b.find((s) => s.label === label)?.lines ?? []);
    const count = (op: DiffLine['op']) => lines.filter((l) => l.op === op).length;
    const [added, removed, changed] = [count('add'), count('del'), count('change')];
    if (added || removed || changed) out.push({ label, lines, added, removed, changed });
  }
  return out;
}

export type ShownLine = DiffLine | { op: 'skip'; count: number };

/** A section's diff with long runs of unchanged lines folded to `context` lines either side of a change. */
export function foldUnchanged(lines: DiffLine[], context = 1): ShownLine[] {
  const keep = lines.map((l) => l.op !== 'same');
  const near = lines.map((_, i) => keep.slice(Math.max(0, i - context), i + context + 1).some(Boolean));
  const out: ShownLine[] = [];
  lines.forEach((l, i) => {
    if (near[i]) return void out.push(l);
    const last = out[out.length - 1];
    if (last && last.op === 'skip') last.count++;
    else out.push({ op: 'skip', count: 1 });
  });
  return out;
}
