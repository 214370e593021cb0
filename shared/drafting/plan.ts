import { docTypeByCode } from '../domain/doc-types';
import { ENACTING_LINES, type Block, type DraftDocument, type TableAlign } from './model';
import { PROFILES, type FormatProfile, type TextStyle } from './profiles';
import { buildNotation, padNumber, typeAbbr } from './notation';
import { numberLineRuns, placeDateLine, placeDateRuns, type TextSlotKind } from './notation';

/**
 * The print plan: a document turned into styled paragraphs by its profile, once, for both exporters (DOCX and the
 * PDF layout engine). What differs between State and Party lives in the profile; what differs between Word and PDF
 * lives in the exporters; nothing here knows either file format.
 */
export interface Run {
  text: string;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  /** A blank the văn thư fills at issuance (number, day, month, year): the PDF engine reports where it is. */
  slot?: TextSlotKind;
}

export interface PlanPara {
  kind: 'para';
  /** What the paragraph is, for tests and for the preview's outline. */
  role: string;
  runs: Run[];
  size: number;
  align: 'left' | 'center' | 'right' | 'justify';
  firstLineIndentMm?: number;
  spaceBeforePt?: number;
  spaceAfterPt?: number;
  /** Line height as a multiple of the font size. */
  lineHeight: number;
  keepWithNext?: boolean;
  /** A solid rule under the paragraph: a share of the widest line's length, centred. */
  ruleBelow?: number;
  /** A single-border frame of this width (mm), 8 mm high, centred on the text: the độ khẩn stamp. */
  frameMm?: number;
  /**
   * Kính gửi (ô 9a), placed by the exporters as one block (electron/drafting/addressee-layout.ts): `label` is the
   * "Kính gửi:" paragraph (the one addressee after it on the same line), `item` one addressee of a list; `text` is
   * the label as printed ("Kính gửi:"), whose width sets where the list starts.
   */
  addressee?: { part: 'label' | 'item'; text: string };
}

export interface PlanTable {
  kind: 'table';
  role: 'table';
  /** Cell text as runs; a "\n" in a run is a line break. A cell covered by a merged cell above is empty. */
  rows: Run[][][];
  header: boolean;
  widths: number[];
  size: number;
  /** Same shape as rows: n ≥ 1 = the cell spans n rows from here, 0 = covered by a merged cell above. Absent: none. */
  rowSpans?: number[][];
  /** Horizontal alignment of the body cells per column (the header row is centred); absent = left. */
  align?: TableAlign[];
}

/** Each cell's row span (1 when the table has no merged cells). */
export const tableSpans = (t: Pick<PlanTable, 'rows' | 'rowSpans'>): number[][] => t.rowSpans ?? t.rows.map((r) => r.map(() => 1));

/** Rows that merged cells bind together (first and last row, inclusive): a group ends where no merged cell runs on. */
export function spanGroups(spans: number[][]): { start: number; end: number }[] {
  const groups: { start: number; end: number }[] = [];
  let start = 0;
  let end = 0;
  spans.forEach((row, ri) => {
    end = Math.max(end, ri, ...row.map((n) => ri + Math.max(n, 1) - 1));
    if (end === ri) {
      groups.push({ start, end: ri });
      start = ri + 1;
    }
  });
  // A span running past the end (refused by the model) closes the last group at the table's end.
  if (start < spans.length) groups.push({ start, end: spans.length - 1 });
  return groups;
}

export interface DocumentPlan {
  profile: FormatProfile;
  /** Two rows of a borderless two-column table: organ | title, then số | place and date (ô 1–4, 5b, 10). */
  header: { left: PlanPara[]; right: PlanPara[] }[];
  /** Tên loại, trích yếu, căn cứ, kính gửi and the body, in order. */
  flow: (PlanPara | PlanTable)[];
  /** Nơi nhận on the left, the signature on the right (ô 9b, 7a–7c), kept on one page with the end of the body. */
  closing: { left: PlanPara[]; right: PlanPara[]; signatureGapMm: number; signatureAfterIndex: number };
  /** Ký hiệu người soạn thảo and số bản (ô 12). */
  footer: PlanPara[];
  /** Each phụ lục starts a page and is paginated on its own. */
  appendices: { flow: (PlanPara | PlanTable)[] }[];
}

const HEADER_LINE = 1.15;

/** "**bold** and *italic*" → runs. Unbalanced markers are printed as typed. */
export function parseInline(text: string, base: Omit<Run, 'text'> = {}): Run[] {
  const runs: Run[] = [];
  const re = /\*\*([^*]+)\*\*|\*([^*]+)\*/g;
  let last = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m.index > last) runs.push({ ...base, text: text.slice(last, m.index) });
    if (m[1] !== undefined) runs.push({ ...base, text: m[1], bold: true });
    else runs.push({ ...base, text: m[2], italic: !base.italic });
    last = m.index + m[0].length;
  }
  if (last < text.length) runs.push({ ...base, text: text.slice(last) });
  return runs.filter((r) => r.text.length > 0);
}

export const plainText = (runs: Run[]): string => runs.map((r) => r.text).join('');

function styled(role: string, text: string | Pick<Run, 'text' | 'slot'>[], s: TextStyle, align: PlanPara['align'], extra: Partial<PlanPara> = {}): PlanPara {
  const parts = typeof text === 'string' ? [{ text }] : text;
  return {
    kind: 'para',
    role,
    runs: parts.map((r) => ({ ...r, text: s.caps ? r.text.toLocaleUpperCase('vi') : r.text, bold: s.bold, italic: s.italic, underline: s.underline })),
    size: s.size,
    align,
    lineHeight: HEADER_LINE,
    ...extra,
  };
}

const capsLines = (s: string) => s.split('\n').map((l) => l.trim()).filter(Boolean);

function headerRows(d: DraftDocument, p: FormatProfile): DocumentPlan['header'] {
  const left: PlanPara[] = [];
  for (const l of capsLines(d.parentOrgan)) left.push(styled('parent-organ', l, p.parentOrgan, 'center'));
  const organ = capsLines(d.organ);
  organ.forEach((l, i) => left.push(styled('organ', l, p.organ, 'center', 'rule' in p.underOrgan && i === organ.length - 1 ? { ruleBelow: p.underOrgan.rule } : {})));
  if ('mark' in p.underOrgan) left.push(styled('organ-mark', p.underOrgan.mark, p.organ, 'center'));

  const right = p.titleLines.map((t, i) =>
    styled('national-title', t.text, t.style, 'center', i === p.titleLines.length - 1 ? { ruleBelow: 1 } : {}),
  );

  const left2: PlanPara[] = [styled('number', numberLineRuns(d, p), p.numberLine, 'center', { spaceBeforePt: 6 })];
  const isLetter = typeAbbr(d, p) === null || d.docType === 'cong-van';
  if (isLetter && d.subject) {
    left2.push(styled('letter-subject', `${p.letterSubject.prefix}${d.subject}`, p.letterSubject, 'center', { spaceBeforePt: 6 }));
  }
  if (d.secrecy !== 'thuong') left2.push(styled('secrecy', { mat: 'MẬT', 'toi-mat': 'TỐI MẬT', 'tuyet-mat': 'TUYỆT MẬT' }[d.secrecy], p.marks, 'center', { spaceBeforePt: 6 }));
  if (d.urgency !== 'thuong') {
    const label = { khan: 'KHẨN', 'thuong-khan': 'THƯỢNG KHẨN', 'hoa-toc': 'HỎA TỐC' }[d.urgency];
    left2.push(styled('urgency', label, p.marks, 'center', { spaceBeforePt: 10, spaceAfterPt: 4, frameMm: p.urgencyFrameMm[d.urgency] }));
  }
  const right2 = [styled('place-date', placeDateRuns(d.place, d.date), p.placeDate, 'center', { spaceBeforePt: 6 })];
  return [
    { left, right },
    { left: left2, right: right2 },
  ];
}

function bodyPara(role: string, runs: Run[], p: FormatProfile, extra: Partial<PlanPara> = {}): PlanPara {
  return {
    kind: 'para',
    role,
    runs,
    size: p.body.size,
    align: 'justify',
    firstLineIndentMm: p.body.firstLineIndentMm,
    spaceAfterPt: p.body.spaceAfterPt,
    lineHeight: p.body.lineSpacing,
    ...extra,
  };
}

/** A short line that does not end a sentence reads as a sub-heading ("1. Mục đích"): keep it with what follows. */
const looksLikeTitle = (s: string) => s.length <= 120 && !/[.;:!?]$/.test(s.trim());

const ACTIVITY_LABELS: [keyof Extract<Block, { kind: 'activity' }>, string][] = [
  ['content', 'Nội dung'],
  ['time', 'Thời gian'],
  ['place', 'Địa điểm'],
  ['host', 'Đơn vị đăng cai tổ chức'],
  ['lead', 'Đơn vị chủ trì'],
  ['participants', 'Đơn vị thực hiện, phối hợp'],
];

function blockToFlow(b: Block, p: FormatProfile): (PlanPara | PlanTable)[] {
  switch (b.kind) {
    case 'heading': {
      const label = b.number ? (b.level === 'article' ? `Điều ${b.number}. ` : b.level === 'part' ? `${b.number}\n` : `${b.number}. `) : '';
      if (b.level === 'part') {
        const out: PlanPara[] = [];
        if (b.number) out.push(bodyPara('heading-part', [{ text: b.number, bold: true }], p, { align: 'center', firstLineIndentMm: 0, keepWithNext: true }));
        out.push(bodyPara('heading-part', [{ text: b.text.toLocaleUpperCase('vi'), bold: true }], p, { align: 'center', firstLineIndentMm: 0, keepWithNext: true }));
        return out;
      }
      const text = b.level === 'section' ? b.text.toLocaleUpperCase('vi') : b.text;
      return [bodyPara(`heading-${b.level}`, [{ text: label + text, bold: true }], p, { keepWithNext: true })];
    }
    case 'item':
      return [bodyPara('item', parseInline(`${b.label} ${b.text}`, b.bold ? { bold: true } : {}), p, looksLikeTitle(b.text) ? { keepWithNext: true } : {})];
    case 'bullet':
      return [bodyPara('bullet', parseInline(`${b.marker} ${b.text}`), p)];
    case 'paragraph':
      return [bodyPara('paragraph', parseInline(b.text), p)];
    case 'table':
      return [
        {
          kind: 'table',
          role: 'table',
          rows: b.rows.map((r) => r.map((c) => parseInline(c))),
          header: b.header,
          widths: b.widths ?? b.rows[0].map(() => 1),
          // One point under the body; a table of six columns or more (a weekly schedule across a portrait page) at
          // 11 pt, or its words break into three- and four-line cells.
          size: Math.max(...b.rows.map((r) => r.length)) >= 6 ? 11 : Math.max(p.body.size - 1, 11),
          ...(b.rowSpans ? { rowSpans: b.rowSpans.map((r) => [...r]) } : {}),
          ...(b.align ? { align: [...b.align] } : {}),
        },
      ];
    case 'activity': {
      const out: PlanPara[] = [];
      if (b.title) out.push(bodyPara('activity-title', parseInline(b.title), p, { keepWithNext: true }));
      for (const [key, label] of ACTIVITY_LABELS) {
        const v = b[key];
        if (typeof v === 'string' && v) out.push(bodyPara(`activity-${key}`, [{ text: '- ' }, { text: `${label}:`, italic: true }, ...parseInline(` ${v}`)], p));
      }
      return out;
    }
  }
}

/** ND30 Phụ lục III: every body ends with "./." */
function endMark(flow: (PlanPara | PlanTable)[], p: FormatProfile): void {
  const last = flow[flow.length - 1];
  // A table whose last row already ends the text with "./." (the weekly schedule) takes no line of its own under it.
  if (last && last.kind === 'table' && last.rows[last.rows.length - 1]?.some((c) => plainText(c).trimEnd().endsWith('./.'))) return;
  if (last && last.kind === 'para') {
    const t = plainText(last.runs).trimEnd();
    if (t.endsWith('./.')) return;
    const r = last.runs[last.runs.length - 1];
    r.text = r.text.trimEnd().replace(/[.;,:]$/, '') + './.';
  } else {
    flow.push(bodyPara('end-mark', [{ text: './.' }], p, { align: 'left' }));
  }
}

function closing(d: DraftDocument, p: FormatProfile): DocumentPlan['closing'] {
  const left: PlanPara[] = [];
  const item = (text: string) => styled('recipient', text, p.recipients, 'left', { lineHeight: 1.1 });
  left.push(styled('recipients-label', p.recipientsLabel.text, p.recipientsLabel, 'left'));
  const entries: string[] = [];
  const asAbove = p.asAboveTypes.includes(d.docType) && d.addressees.length > 0;
  if (asAbove && !d.recipients.some((r) => /^như trên/i.test(r.text))) entries.push('Như trên');
  for (const r of d.recipients) {
    const members = [r.text, ...(r.group ?? [])];
    members.forEach((m, i) => entries.push(i === members.length - 1 && r.note ? `${m} (${r.note})` : m));
  }
  for (const e of entries) left.push(item(`- ${e.replace(/[;.,]$/, '')};`));
  if (d.archive.length) left.push(item(`- ${p.archivePattern.replace('{units}', d.archive.join(', '))}`));
  else if (left.length > 1) {
    const lastRun = left[left.length - 1].runs[0];
    lastRun.text = lastRun.text.replace(/;$/, '.');
  }

  const right: PlanPara[] = [];
  const s = d.signature;
  if (s.authority) right.push(styled('signature-authority', `${s.authority} ${s.onBehalfOf}`.trim(), p.signatureAuthority, 'center'));
  for (const l of capsLines(s.title)) right.push(styled('signature-title', l, p.signatureTitle, 'center'));
  const signatureAfterIndex = right.length - 1;
  right.push(styled('signature-name', s.name, p.signatureName, 'center'));
  return { left, right, signatureGapMm: p.signatureSpaceMm, signatureAfterIndex };
}

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII', 'XIII', 'XIV', 'XV', 'XVI', 'XVII', 'XVIII', 'XIX', 'XX'];

/** "(Kèm theo Kế hoạch số 70/KH-BTV ngày 07 tháng 02 năm 2024 của Ban Thường vụ)", blanks where not yet issued. */
export function appendixReference(d: DraftDocument, p: FormatProfile): string {
  const type = docTypeByCode(d.docType)!;
  const label = type.abbr[p.id] === null ? 'Văn bản' : type.name;
  const number = d.number === null ? '…' : padNumber(d.number);
  const sep = p.id === 'party' ? '-' : '/';
  const date = d.date ? placeDateLine('', d.date).replace(/^, /, '') : 'ngày … tháng … năm …';
  const organ = d.organ.split('\n').map((l) => l.trim()).filter(Boolean).pop() ?? '';
  return `(Kèm theo ${label} số ${number}${sep}${buildNotation(d, p)} ${date} của ${organ})`;
}

function appendixFlows(d: DraftDocument, p: FormatProfile): DocumentPlan['appendices'] {
  return d.appendices.map((a, i) => {
    const flow: (PlanPara | PlanTable)[] = [];
    const label = d.appendices.length > 1 ? `Phụ lục ${ROMAN[i] ?? i + 1}` : 'Phụ lục';
    flow.push(styled('appendix-label', label, p.appendixLabel, 'center', { keepWithNext: true }));
    flow.push(styled('appendix-title', a.title, p.appendixTitle, 'center', { keepWithNext: true }));
    flow.push(styled('appendix-reference', appendixReference(d, p), p.appendixReference, 'center', { keepWithNext: true, spaceAfterPt: 12 }));
    for (const b of a.body) flow.push(...blockToFlow(b, p));
    return { flow };
  });
}

export function buildPlan(d: DraftDocument): DocumentPlan {
  const p = PROFILES[d.profile];
  const flow: (PlanPara | PlanTable)[] = [];
  const type = docTypeByCode(d.docType)!;
  const isLetter = typeAbbr(d, p) === null || d.docType === 'cong-van';
  if (!isLetter) {
    flow.push(styled('type-name', d.title || type.name, p.typeName, 'center', { spaceBeforePt: 12, keepWithNext: true }));
    if (d.subject) {
      const extra: Partial<PlanPara> = { keepWithNext: true, ...('rule' in p.underSubject ? { ruleBelow: p.underSubject.rule } : {}) };
      flow.push(styled('subject', d.subject, p.subject, 'center', extra));
      if ('mark' in p.underSubject) flow.push(styled('subject-mark', p.underSubject.mark, p.subject, 'center', { keepWithNext: true }));
    }
  }
  // Quyết định (ND30 Phụ lục III, mẫu 1.2): the thẩm quyền ban hành above the căn cứ, "QUYẾT ĐỊNH:" under them.
  if (d.competence) flow.push(styled('competence', d.competence, { ...p.subject, caps: true }, 'center', { spaceBeforePt: 12, keepWithNext: true }));
  d.bases.forEach((b, i) => {
    const end = i === d.bases.length - 1 ? '.' : ';';
    flow.push(bodyPara('basis', [{ text: b.replace(/[;.]$/, '') + end, italic: true }], { ...p, body: { ...p.body, size: p.bases.size } }, i === 0 ? { spaceBeforePt: 12 } : {}));
  });
  const enacting = ENACTING_LINES[d.docType];
  if (enacting) flow.push(styled('enacting', enacting, p.subject, 'center', { spaceBeforePt: 6, spaceAfterPt: 6, keepWithNext: true }));
  if (d.addressees.length) {
    const label = p.addresseeLabelByType[d.docType] ?? p.addresseeLabel;
    // ND30 Phụ lục I, II.9a: one addressee on the label's line; several on lines of their own, each "- …;", the
    // dashes in a column at the colon, where the text after "Kính gửi: " starts. The exporters measure the label
    // and place the block.
    const text = `${label}:`;
    const space = { spaceBeforePt: 12, align: 'left' as const, firstLineIndentMm: 0 };
    if (d.addressees.length === 1) flow.push(bodyPara('addressee', [{ text: `${text} ${d.addressees[0].replace(/[.;]$/, '')}.` }], p, { ...space, addressee: { part: 'label', text } }));
    else {
      flow.push(bodyPara('addressee', [{ text }], p, { ...space, spaceAfterPt: 0, keepWithNext: true, addressee: { part: 'label', text } }));
      d.addressees.forEach((a, i) => {
        const last = i === d.addressees.length - 1;
        const item = `- ${a.replace(/[.;]$/, '')}${last ? '.' : ';'}`;
        flow.push(bodyPara('addressee', [{ text: item }], p, { align: 'left', firstLineIndentMm: 0, spaceAfterPt: last ? p.body.spaceAfterPt : 0, addressee: { part: 'item', text } }));
      });
    }
  }
  const bodyStart = flow.length;
  for (const b of d.body) flow.push(...blockToFlow(b, p));
  if (flow.length > bodyStart) {
    const first = flow[bodyStart];
    if (first.kind === 'para') first.spaceBeforePt = Math.max(first.spaceBeforePt ?? 0, 12);
    endMark(flow, p);
  }
  const footer = d.drafterMark ? [styled('drafter-mark', `${d.drafterMark}${d.copies ? `.${d.copies}` : ''}`, p.drafterMark, 'left', { spaceBeforePt: 6 })] : [];
  return { profile: p, header: headerRows(d, p), flow, closing: closing(d, p), footer, appendices: appendixFlows(d, p) };
}
