import type { Block, DraftInput, ProfileId } from './model';
import { ENACTING_LINES, draftSchema } from './model';
import { findBodyEnd } from './parse-text/body-end';
import { parseBody } from './parse-text/body';
import { readClosing } from './parse-text/closing-fields';
import { parseTail } from './parse-text/closing';
import { END_MARK } from './parse-text/closing-lines';
import { parseHeader } from './parse-text/header';
import { readNumber, readPlaceDate, readTypeAndSubject } from './parse-text/header-fields';
import { prepareLines } from './parse-text/prepare';
import { parsePreBody } from './parse-text/pre-body';
import { detectProfile } from './parse-text/profile-detect';
import { bodySummary, profileLine, type Report } from './parse-text/recognised';
import { PLACEHOLDER, truncate } from './parse-text/text';

/**
 * Plain-text import of an official document (State ND30 or Party HD36) into the drafting model.
 *
 * The text may come from an e-mail, an old Word file, a PDF viewer's copy, pdftotext (with or without -layout) or a
 * converter's Markdown: header lines are often missing, lines are hard-wrapped or broken mid-sentence, the header's
 * and the closing's two columns are side by side, page numbers and running headers sit between the lines, OCR slips
 * occur ("So:", "Sô", spaces around "/" and "-"). The first stages bring every shape to one paragraph a line
 * (./parse-text/prepare.ts: normalise, markdown, furniture, columns, reflow); the others read the document's parts.
 * The parser is forgiving and never throws; whatever it cannot place stays in the body as text. Pure TypeScript: it
 * also runs in the renderer.
 *
 * This file is the public entry and the order of the stages; each stage lives in ./parse-text/.
 */
export interface ParseResult extends Report {
  draft: DraftInput;
}

export interface ParseOptions {
  /** Forces the profile; detected from the text otherwise. */
  profile?: ProfileId;
}

/**
 * Parses the plain text of an official document into the drafting model. Never throws: what is missing gets a
 * placeholder and a warning, what cannot be placed stays in the body.
 */
export function parseOfficialText(input: string, opts: ParseOptions = {}): ParseResult {
  const report: Report = { recognised: [], warnings: [] };
  const { recognised, warnings } = report;
  const { lines, wrapped } = prepareLines(input);

  const detected = detectProfile(lines);
  const profile: ProfileId = opts.profile ?? detected;
  recognised.push(profileLine(profile, Boolean(opts.profile)));

  // Header.
  const h = parseHeader(lines, { wrapped });
  if (h.parentOrgan) recognised.push(`Cơ quan chủ quản: ${h.parentOrgan}`);
  if (h.organ) recognised.push(`Cơ quan ban hành: ${h.organ}`);
  const num = readNumber(h, profile, report);
  const found = readPlaceDate(h.placeDate, report);
  const typed = readTypeAndSubject(h, num.docType, profile, report);
  const docType = typed.docType;
  let subject = typed.subject;

  // Body, then Nơi nhận and signature.
  const { end: bodyEnd, endMark } = findBodyEnd(lines, h.end);
  const pre = parsePreBody(lines, h.end, bodyEnd, ENACTING_LINES[docType?.code ?? ''] ?? '');
  if (pre.competence) recognised.push(`Thẩm quyền ban hành: ${pre.competence}`);
  if (pre.bases.length) recognised.push(`Căn cứ: ${pre.bases.length}`);
  if (pre.addressees.length) recognised.push(`Kính gửi: ${pre.addressees.join('; ')}`);
  const bodyLines = lines.slice(pre.end, bodyEnd);
  if (endMark >= pre.end && endMark < bodyEnd) {
    bodyLines[endMark - pre.end] = lines[endMark].replace(END_MARK, '').trimEnd();
  }
  const body: Block[] = [...pre.extras.map((x): Block => ({ kind: 'paragraph', text: x })), ...parseBody(bodyLines)];

  const tail = parseTail(lines.slice(bodyEnd));
  if (tail.leftovers.length) {
    for (const b of parseBody(tail.leftovers)) body.push(b);
    warnings.push(`Có ${tail.leftovers.length} dòng ở cuối văn bản không xếp được vào Nơi nhận hay chữ ký; đã giữ lại ở cuối nội dung.`);
  }
  for (const d of tail.dropped) warnings.push(`Bỏ dòng «${d}» ở chỗ ký.`);
  recognised.push(...bodySummary(body));
  const { archive, signature } = readClosing(tail, report);

  // Required header parts get placeholders so the draft validates; the user fills them in.
  let organ = h.organ;
  if (!organ || organ.length > 200) {
    warnings.push('Không thấy tên cơ quan ban hành.');
    organ = PLACEHOLDER;
  }
  let place = found.place;
  if (!place || place.length > 100) {
    warnings.push('Không thấy địa danh.');
    place = PLACEHOLDER;
  }
  if (subject.length > 500) {
    body.unshift({ kind: 'paragraph', text: subject });
    warnings.push('Trích yếu dài quá 500 ký tự; đã chuyển vào nội dung.');
    subject = '';
  }
  if (!subject) {
    // Trích yếu is mandatory (ND30 Điều 8): leave a visible blank for the user to fill.
    warnings.push('Không thấy trích yếu.');
    subject = PLACEHOLDER;
  }
  const nothing = !h.organ && !h.number && !h.placeDate && !h.type && !h.letterSubject && !tail.signature && tail.recipients.length === 0;
  if (nothing) warnings.unshift('Không nhận ra thể thức văn bản; toàn bộ nội dung được giữ lại làm đoạn văn trong phần nội dung.');

  const draft: DraftInput = {
    profile,
    parentOrgan: h.parentOrgan.length <= 200 ? h.parentOrgan : '',
    organ,
    organAbbr: num.organAbbr,
    unitAbbr: num.unitAbbr,
    number: num.number,
    notation: num.notation,
    place,
    date: found.date,
    secrecy: h.secrecy,
    urgency: h.urgency,
    title: typed.title,
    docType: docType?.code ?? 'cong-van',
    subject,
    competence: pre.competence,
    bases: pre.bases,
    addressees: pre.addressees.filter(Boolean).map((a) => truncate(a, 300)).slice(0, 30),
    body,
    signature,
    recipients: tail.recipients.slice(0, 200),
    archive,
  };

  // Last guard: report what the schema still rejects (e.g. a signature prefix of the other profile).
  const check = draftSchema.safeParse(draft);
  if (!check.success) {
    for (const issue of check.error.issues) warnings.push(`${issue.path.join('.')}: ${issue.message}`);
  }
  return { draft, recognised, warnings };
}
