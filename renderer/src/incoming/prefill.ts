import { formatDateVN } from '../../../shared/domain/dates';
import { LOW_CONFIDENCE, percent } from '../../../shared/intake/format';
import type { IntakeField, IntakeProposal } from '../../../shared/intake/schemas';

/**
 * The registration form's fields from an extraction proposal (issue 16): only fields the văn thư has left empty (or at
 * their default) are filled; each filled one carries a mark — its confidence and where it was read — shown as a tag by
 * its label until the văn thư changes it. Nothing is saved here: Lưu does that.
 */
export const PREFILL_FIELDS = ['sender', 'ref', 'docDate', 'docType', 'subject', 'urgency', 'secrecy', 'pageCount', 'note'] as const;
export type PrefillField = (typeof PREFILL_FIELDS)[number];

export interface PrefillMark {
  confidence: number;
  source: string;
}
export type PrefillMarks = Partial<Record<PrefillField, PrefillMark>>;

/** Form values as plain data (dates as YYYY-MM-DD): the form turns them into its own types. */
export type PrefillValues = Partial<Record<PrefillField, string | number>>;

/** The form's current values the prefill looks at (dates already as YYYY-MM-DD, or undefined). */
export type CurrentValues = Partial<Record<PrefillField, unknown>>;

const isEmpty = (name: PrefillField, v: unknown) =>
  v === undefined || v === null || (typeof v === 'string' && v.trim() === '') || ((name === 'urgency' || name === 'secrecy') && v === 'thuong');

export function prefillFrom(p: IntakeProposal, current: CurrentValues): { values: PrefillValues; marks: PrefillMarks } {
  const values: PrefillValues = {};
  const marks: PrefillMarks = {};
  const put = <T>(name: PrefillField, f: IntakeField<T> | null, value: (v: T) => string | number) => {
    if (!f || !isEmpty(name, current[name])) return;
    values[name] = value(f.value);
    marks[name] = { confidence: f.confidence, source: f.source };
  };
  put('sender', p.sender, (v) => v);
  put('ref', p.ref, (v) => v);
  put('docDate', p.docDate, (v) => v);
  put('docType', p.docType, (v) => v.code);
  put('subject', p.subject, (v) => v);
  put('urgency', p.urgency, (v) => v);
  put('secrecy', p.secrecy, (v) => v);
  put('pageCount', p.pageCount, (v) => Math.min(999, v));
  const e = p.email;
  if (e && isEmpty('note', current.note)) {
    const who = e.from ? `${e.from}${e.address ? ` <${e.address}>` : ''}` : e.address;
    values.note = `Nhận qua thư điện tử từ ${who}${e.date ? `, ngày ${formatDateVN(e.date)}` : ''}`.slice(0, 500);
    marks.note = { confidence: 1, source: 'thư điện tử' };
  }
  return { values, marks };
}

/** The tag's text and colour: «Tự điền · 85%», orange below LOW_CONFIDENCE. */
export function markLook(m: PrefillMark): { text: string; low: boolean; tooltip: string } {
  const low = m.confidence < LOW_CONFIDENCE;
  const pct = percent(m.confidence).replace(' ', '');
  return {
    text: `Tự điền · ${pct}`,
    low,
    tooltip: `Điền tự động từ ${m.source}; độ tin cậy ${pct}${low ? ' — thấp, cần kiểm tra kỹ' : ''}. Sửa trường này nếu chưa đúng.`,
  };
}

/** What was read but has no field in the form: shown under the drop area for the văn thư to compare. */
export function readOnlyLines(p: IntakeProposal): string[] {
  const out: string[] = [];
  const signer = [p.signerAuthority?.value, p.signerTitle?.value, p.signerName?.value].filter(Boolean).join(' · ');
  if (signer) out.push(`Người ký: ${signer}`);
  if (p.recipients?.value.length) out.push(`Nơi nhận: ${p.recipients.value.join('; ')}`);
  if (p.match) out.push(`Danh bạ: «${p.match.name}»${p.match.how === 'close' ? ' (tên gần giống)' : ''}`);
  if (p.email?.subject) out.push(`Tiêu đề thư: ${p.email.subject}`);
  return out;
}
