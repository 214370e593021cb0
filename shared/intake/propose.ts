import { docTypeByCode } from '../domain/doc-types';
import { formatDateVN, isValidIsoDate, todayInVietnam } from '../domain/dates';
import { URGENCY_LABELS, SECRECY_LABELS } from '../domain/marks';
import type { DraftInput } from '../drafting/model';
import { parseOfficialText, type ParseResult } from '../drafting/parse-text';
import { foldVietnamese } from '../text/fold';
import { findMarks } from './marks';
import { tidyOcrText } from './ocr-text';
import { foldSameLength } from './fold';
import { matchDirectory, type DirectoryEntry } from './match';
import { checkRef, findRefLine, mendNotation, refText, type RefReading } from './ref';
import type { IntakeEmail, IntakeField, IntakeKind, IntakeProposal, TextSource } from './schemas';

/**
 * Text → proposal: the importer (parseOfficialText, the same as `vanphong convert`) reads the document, and this maps
 * its draft onto the register's fields with a confidence each, then checks what the importer cannot know: the date is
 * real and not in the future, số and ký hiệu fit the notation (OCR slips mended), the marks on the first page, the
 * organ in the office's directory. Pure: runs on the API thread over text the parse worker or OCR produced.
 */
export interface ProposeInput {
  file: { name: string; kind: IntakeKind; size: number };
  text: string;
  /** The first page's text when known apart (PDF, OCR): where độ khẩn and độ mật are stamped. */
  firstPage?: string;
  source: TextSource;
  /** OCR: the pages' mean confidence (0..1). */
  ocrConfidence?: number;
  ocrPages?: number;
  pageCount?: number | null;
  email?: IntakeEmail | null;
  directory?: readonly DirectoryEntry[];
  now: Date;
  /** What reading the file already had to say (pages left out, an attachment skipped…). */
  warnings?: string[];
}

/** How far each kind of text is to be trusted before any field is read from it. */
export function baseConfidence(source: TextSource, ocrConfidence = 0.7): number {
  switch (source) {
    case 'pdf-text':
    case 'docx':
      return 0.95;
    case 'plain':
      return 0.9;
    case 'email-body':
      return 0.8;
    case 'ocr':
      return Math.round(Math.min(0.85, Math.max(0.2, ocrConfidence * 0.9)) * 100) / 100;
    case 'none':
      return 0;
  }
}

const SOURCE_LABELS: Record<TextSource, string> = {
  'pdf-text': 'lớp chữ của PDF',
  docx: 'nội dung tệp Word',
  plain: 'tệp chữ',
  ocr: 'chữ nhận dạng từ ảnh quét (OCR)',
  'email-body': 'nội dung thư điện tử',
  none: 'tệp',
};

/** The longest text handed to the importer: the header is at the top, Nơi nhận and the signature at the end. */
const HEAD_CHARS = 60_000;
const TAIL_CHARS = 30_000;

/** A long text with its middle left out at line breaks (the body says nothing the register needs). */
export function headAndTail(text: string): string {
  if (text.length <= HEAD_CHARS + TAIL_CHARS) return text;
  const headEnd = text.lastIndexOf('\n', HEAD_CHARS);
  const tailStart = text.indexOf('\n', text.length - TAIL_CHARS);
  return `${text.slice(0, headEnd > 0 ? headEnd : HEAD_CHARS)}\n${text.slice(tailStart > 0 ? tailStart + 1 : text.length - TAIL_CHARS)}`;
}

const PLACEHOLDER = '…';
const present = (s: string | null | undefined): s is string => typeof s === 'string' && s.trim() !== '' && s.trim() !== PLACEHOLDER;
const round = (n: number) => Math.round(Math.max(0, Math.min(1, n)) * 100) / 100;
const folded = (s: string) => foldVietnamese(s);
/** The words as printed, when they are not just the value in other capitals (an OCR slip: "THUONG KHAN"). */
const differs = (printed: string | undefined, label: string) => (printed && printed.toLowerCase() !== label.toLowerCase() ? printed : undefined);

/**
 * How sure a field is, from what the importer reported: announced among what it recognised (full), present without
 * being announced (a little less), named in a warning (a guess: much less).
 */
function factor(r: ParseResult, recognisedPrefix: string | null, warningWords: RegExp | null): number {
  let f = recognisedPrefix === null || r.recognised.some((l) => l.startsWith(recognisedPrefix)) ? 1 : 0.8;
  if (warningWords && r.warnings.some((w) => warningWords.test(folded(w)))) f *= 0.55;
  return f;
}

/** Sender as the register writes it when the directory has no entry: the organ, with its parent's place if generic. */
export function senderName(organ: string, parent: string): string {
  const o = organ.replace(/\s*\n\s*/g, ' ').trim();
  const p = parent.replace(/\s*\n\s*/g, ' ').trim();
  if (!p) return o;
  // A Sở or a Phòng under its Ủy ban is named with the Ủy ban's place: "SỞ NỘI VỤ TỈNH BẮC NINH".
  const place = /^(?:uy ban nhan dan|ubnd)\s+(.+)$/.exec(foldSameLength(p));
  if (place && /^(so|phong|thanh tra|chi cuc)\s/.test(folded(o)) && !folded(o).includes(place[1])) return `${o} ${p.slice(p.length - place[1].length)}`;
  // A body named by its kind alone ("ĐẢNG ỦY", "VĂN PHÒNG", "BAN THƯỜNG VỤ") is named with its parent.
  if (o.split(/\s+/).length <= 3 && !folded(o).includes(folded(p))) return `${o} ${p}`;
  return o;
}

function recipientsOf(d: DraftInput): string[] {
  const out: string[] = [];
  for (const e of d.recipients ?? []) {
    const note = e.note ? ` (${e.note})` : '';
    const all = [e.text, ...(e.group ?? [])];
    all.forEach((t, i) => out.push(i === all.length - 1 ? `${t}${note}` : t));
  }
  return out;
}

export function propose(input: ProposeInput): IntakeProposal {
  const warnings = [...(input.warnings ?? [])];
  const base = baseConfidence(input.source, input.ocrConfidence);
  const where = SOURCE_LABELS[input.source];
  const p: IntakeProposal = {
    file: input.file,
    text: {
      source: input.source,
      characters: input.text.length,
      ...(input.source === 'ocr' ? { ocrPages: input.ocrPages ?? 0, ocrConfidence: round(input.ocrConfidence ?? 0) } : {}),
    },
    sender: null,
    organ: null,
    parentOrgan: null,
    match: null,
    ref: null,
    number: null,
    notation: null,
    place: null,
    docDate: null,
    docType: null,
    subject: null,
    signerAuthority: null,
    signerTitle: null,
    signerName: null,
    recipients: null,
    urgency: null,
    secrecy: null,
    pageCount: input.pageCount ? { value: input.pageCount, confidence: 1, source: 'số trang của tệp' } : null,
    email: input.email ?? null,
    warnings,
  };
  const field = <T>(value: T, f: number, source = `đầu văn bản (${where})`, evidence?: string): IntakeField<T> => ({
    value,
    confidence: round(base * f),
    source,
    ...(evidence !== undefined ? { evidence } : {}),
  });

  const text = input.text.trim();
  if (!text || !/\p{L}{2}/u.test(text)) {
    warnings.push(input.source === 'ocr' ? 'Không nhận dạng được chữ nào trong ảnh: có thể là trang trắng hoặc không phải văn bản.' : 'Tệp không có chữ để đọc.');
    return withEmail(p, input);
  }
  // OCR'd text without what a scan adds (specks, run-together columns, a misread box mark): ocr-text.ts.
  const readable = input.source === 'ocr' ? tidyOcrText(text) : text;
  const r = parseOfficialText(headAndTail(readable));
  const d = r.draft;
  // What the importer said it found or missed that the văn thư should know (its "placeholder" notes are ours to say).
  for (const w of r.warnings) if (/không nhận ra thể thức/i.test(w)) warnings.push('Không nhận ra thể thức văn bản (ND30/HD36): các trường dưới đây cần kiểm tra kỹ.');

  if (present(d.organ)) p.organ = field(d.organ.replace(/\s*\n\s*/g, ' '), factor(r, 'Cơ quan ban hành', /co quan ban hanh/));
  if (present(d.parentOrgan)) p.parentOrgan = field(d.parentOrgan.replace(/\s*\n\s*/g, ' '), factor(r, 'Cơ quan chủ quản', null));

  // Số and ký hiệu: the importer's, else the "Số" line found again; checked against the notation either way.
  const profile = d.profile ?? 'state';
  let reading: RefReading | null = null;
  let refFactor = 1;
  if (d.number && present(d.notation)) {
    const mended = mendNotation(d.notation);
    reading = { number: d.number, notation: mended.notation, sep: profile === 'party' ? '-' : '/', evidence: '', mended: mended.mended };
    refFactor = factor(r, 'Số, ký hiệu', /ky hieu|so van ban/);
  }
  const found = findRefLine(readable);
  if (!reading && found) {
    reading = found;
    refFactor = 0.8;
  } else if (reading && found && found.number === reading.number && found.notation === reading.notation && found.mended) {
    reading = { ...reading, evidence: found.evidence, mended: true };
  }
  let typeFromNotation: string | undefined;
  if (reading) {
    const check = checkRef(reading, profile, d.docType ?? null);
    typeFromNotation = check.typeFromNotation;
    if (reading.mended) refFactor *= 0.85;
    if (!check.ok) {
      refFactor *= 0.6;
      if (check.warning) warnings.push(check.warning);
    }
    const evidence = reading.evidence && reading.mended ? reading.evidence : undefined;
    p.ref = field(refText(reading), refFactor, `dòng «Số» (${where})`, evidence);
    p.number = field(reading.number, refFactor, `dòng «Số» (${where})`);
    p.notation = field(reading.notation, refFactor, `dòng «Số» (${where})`);
  } else warnings.push('Không thấy số và ký hiệu văn bản.');

  if (present(d.place)) p.place = field(d.place, factor(r, 'Địa danh', /dia danh/), `dòng địa danh, ngày tháng (${where})`);
  const date = d.date ?? null;
  if (date && isValidIsoDate(date)) {
    const today = todayInVietnam(input.now);
    if (date > today) warnings.push(`Ngày văn bản ${formatDateVN(date)} ở sau hôm nay (${formatDateVN(today)}): không điền, cần xem lại.`);
    else p.docDate = field(date, factor(r, 'Ngày', /ngay ban hanh/), `dòng địa danh, ngày tháng (${where})`);
  } else if (!r.warnings.some((w) => /không có thật/.test(w))) warnings.push('Không thấy ngày văn bản.');
  for (const w of r.warnings) if (/ngày ban hành không có thật/i.test(w)) warnings.push(w.replace(/; để trống\.?$/, ': không điền.'));

  const type = docTypeByCode(d.docType ?? '');
  if (type) {
    // "Tạm coi là Công văn": the importer's fallback, not a reading; a ký hiệu naming the type backs it up.
    const guessed = r.warnings.some((w) => /tạm coi là Công văn/.test(w));
    const backed = typeFromNotation === type.code;
    const f = guessed ? (backed ? 0.8 : 0.45) : factor(r, 'Tên loại', /ten loai/) * (typeFromNotation && !backed ? 0.7 : 1);
    p.docType = field({ code: type.code, name: type.name }, f, guessed ? `đoán từ cách trình bày (${where})` : `tên loại văn bản (${where})`);
  }
  if (present(d.subject)) {
    let subject = d.subject.replace(/\s+/g, ' ').trim();
    if (subject.length > 500) {
      subject = `${subject.slice(0, 499)}…`;
      warnings.push('Trích yếu dài quá 500 ký tự: đã cắt bớt.');
    }
    p.subject = field(subject, factor(r, 'Trích yếu', /trich yeu/), `trích yếu (${where})`);
  } else warnings.push('Không thấy trích yếu.');

  const sig = d.signature;
  const signed = `phần ký (${where})`;
  if (sig) {
    const sf = factor(r, 'Người ký', /chuc vu|ho ten|cho ky/);
    const authority = [sig.authority ?? '', sig.onBehalfOf ?? ''].filter((s) => s.trim()).join(' ').replace(/\s*\n\s*/g, ' ');
    if (authority.trim()) p.signerAuthority = field(authority.trim(), sf, signed);
    if (present(sig.title)) p.signerTitle = field(sig.title.replace(/\s*\n\s*/g, ' / '), sf, signed);
    if (present(sig.name)) p.signerName = field(sig.name, sf, signed);
  }
  const recipients = recipientsOf(d);
  if (recipients.length) p.recipients = field(recipients, factor(r, 'Nơi nhận', /noi nhan/), `Nơi nhận (${where})`);

  // Marks: the importer's header reading, or a line of the first page holding only the mark.
  const marks = findMarks(input.firstPage ?? text);
  const urgency = d.urgency && d.urgency !== 'thuong' ? d.urgency : marks.urgency?.value;
  if (urgency) p.urgency = field(urgency, marks.urgency?.value === urgency ? (marks.urgency.fuzzy ? 0.7 : 1) : 0.85, `dấu độ khẩn trang đầu (${where})`, differs(marks.urgency?.evidence, URGENCY_LABELS[urgency]));
  const secrecy = d.secrecy && d.secrecy !== 'thuong' ? d.secrecy : marks.secrecy?.value;
  if (secrecy) p.secrecy = field(secrecy, marks.secrecy?.value === secrecy ? (marks.secrecy.fuzzy ? 0.7 : 1) : 0.85, `dấu độ mật trang đầu (${where})`, differs(marks.secrecy?.evidence, SECRECY_LABELS[secrecy]));
  if (secrecy) warnings.push(`Văn bản có dấu độ mật «${SECRECY_LABELS[secrecy]}»: vào sổ văn bản mật đến.`);

  // Sender: the directory's entry when the organ matches one, else the organ as printed (with its parent if generic).
  if (p.organ) {
    const organ = p.organ.value;
    const parent = p.parentOrgan?.value ?? '';
    p.match = input.directory ? matchDirectory(input.directory, organ, parent) : null;
    if (p.match) {
      const how = { exact: 'trùng tên', folded: 'trùng tên (không kể dấu, hoa thường)', close: 'tên gần giống' }[p.match.how];
      p.sender = { value: p.match.name, confidence: round(p.organ.confidence * p.match.score), source: `danh bạ: ${how} «${organ}»` };
    } else {
      p.sender = { ...p.organ, value: senderName(organ, parent), confidence: round(p.organ.confidence * 0.9) };
      if (input.directory) warnings.push(`Cơ quan gửi «${p.sender.value}» chưa có trong danh bạ: kiểm tra tên trước khi vào sổ (sẽ được thêm vào danh bạ).`);
    }
  }
  return withEmail(p, input);
}

/**
 * An e-mail's own subject and sender fill what the document did not say (less surely than the document would). Its
 * sending day is not the document's date and fills nothing: it is shown with the e-mail.
 */
function withEmail(p: IntakeProposal, input: ProposeInput): IntakeProposal {
  const e = input.email;
  if (!e) return p;
  if (!p.subject && e.subject) p.subject = { value: e.subject.replace(/^((re|fw|fwd|tl|chuyển tiếp)\s*:\s*)+/i, '').slice(0, 500), confidence: 0.5, source: 'tiêu đề thư điện tử' };
  if (!p.sender && (e.from || e.address)) {
    const match = e.from && input.directory ? matchDirectory(input.directory, e.from) : null;
    if (match) p.match = match;
    p.sender = match
      ? { value: match.name, confidence: round(0.6 * match.score), source: `danh bạ: người gửi thư điện tử «${e.from}»` }
      : { value: e.from || e.address, confidence: 0.4, source: 'người gửi thư điện tử' };
  }
  return p;
}
