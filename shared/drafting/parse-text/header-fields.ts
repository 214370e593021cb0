import { docTypeByCode, type DocType } from '../../domain/doc-types';
import { formatDateVN } from '../../domain/dates';
import type { ProfileId } from '../model';
import { padNumber } from '../notation';
import type { Header } from './header';
import type { PlaceDate } from './header-lines';
import { typeByAbbr } from './header-lines';
import type { Report } from './recognised';
import { truncate } from './text';

/**
 * The header as read, turned into draft fields. Conflicts between header parts (a ký hiệu of another type, a type
 * the profile lacks) are settled here and reported, rather than silently guessed.
 */

export interface NumberFields {
  number: number | null;
  notation: string;
  organAbbr: string;
  unitAbbr: string;
  /** The header's type, else the one the ký hiệu names: "KH-…" is enough to know a Kế hoạch. */
  docType: DocType | null;
}

export function readNumber(h: Header, profile: ProfileId, { recognised, warnings }: Report): NumberFields {
  const r: NumberFields = { number: null, notation: '', organAbbr: '', unitAbbr: '', docType: h.type };
  const n = h.number;
  if (!n) return r;
  r.number = n.number;
  const parts = n.notation.split(/[-/]/);
  const abbrType = parts.length >= 2 ? typeByAbbr(parts[0], profile) : undefined;
  if (abbrType) {
    r.organAbbr = n.notation.slice(parts[0].length + 1);
    if (!r.docType) r.docType = abbrType;
    else if (r.docType.code !== abbrType.code) {
      warnings.push(`Ký hiệu «${parts[0]}» là của loại «${abbrType.name}», khác tên loại «${r.docType.name}» ở đầu văn bản; giữ tên loại.`);
    }
  } else if (parts.length >= 2) {
    r.organAbbr = parts[0];
    r.unitAbbr = n.notation.slice(parts[0].length + 1);
  } else {
    r.organAbbr = parts[0];
  }
  // The model caps these at 30; a longer one is a misread line, better dropped than failing validation.
  if (n.notation.length <= 30) r.notation = n.notation;
  else warnings.push(`Ký hiệu «${n.notation}» dài quá 30 ký tự; không giữ.`);
  if (r.organAbbr.length > 30) r.organAbbr = '';
  if (r.unitAbbr.length > 30) r.unitAbbr = '';
  const padded = r.number !== null ? padNumber(r.number) : '';
  recognised.push(`Số, ký hiệu: ${padded}${profile === 'party' ? '-' : '/'}${n.notation}`);
  if (n.written && r.number === null) warnings.push(`Số văn bản «${n.written}» không hợp lệ; để trống.`);
  return r;
}

export function readPlaceDate(pd: PlaceDate | null, { recognised, warnings }: Report): { place: string; date: string | null } {
  if (!pd) return { place: '', date: null };
  if (pd.place) recognised.push(`Địa danh: ${pd.place}`);
  if (pd.date) recognised.push(`Ngày: ${formatDateVN(pd.date)}`);
  else if (pd.invalid) warnings.push(`Ngày ban hành không có thật (${pd.invalid}); để trống.`);
  else recognised.push('Ngày: để trống');
  return { place: pd.place, date: pd.date };
}

/** The type falls back to Công văn, the one type every profile has and the one untyped letters are. */
export function readTypeAndSubject(
  h: Header,
  found: DocType | null,
  profile: ProfileId,
  { recognised, warnings }: Report,
): { docType: DocType | null; subject: string; title: string } {
  let docType = found;
  let subject = h.subject;
  let title = '';
  if (!docType && h.letterSubject) docType = docTypeByCode('cong-van') ?? null;
  if (docType && !(profile in docType.abbr)) {
    warnings.push(`Loại «${docType.name}» không có trong thể thức ${profile === 'party' ? 'văn bản của Đảng' : 'văn bản hành chính'}; tạm coi là Công văn.`);
    docType = null;
  }
  if (h.typeRest && docType && h.typeLine.length <= 200) {
    // "CHƯƠNG TRÌNH HÀNH ĐỘNG", "KẾ HOẠCH TRIỂN KHAI": printed as written (the model's title); the type gives the ký hiệu.
    title = h.typeLine;
    recognised.push(`Tiêu đề: ${title}`);
  } else if (h.typeRest) {
    const extra = h.typeRest.split(' ').length <= 2 ? h.typeRest.toLowerCase() : h.typeRest;
    subject = [extra, subject].filter(Boolean).join(' ');
    warnings.push(`Tên loại «${h.typeLine}» được hiểu là «${h.type?.name ?? ''}»; phần «${extra}» chuyển vào trích yếu.`);
  }
  if (docType) recognised.push(`Tên loại: ${docType.name}`);
  else {
    warnings.push('Không thấy tên loại văn bản; tạm coi là Công văn.');
    docType = docTypeByCode('cong-van') ?? null;
  }
  if (profile === 'party' && h.letterSubject && subject && !/^về việc/i.test(subject)) subject = `về việc ${subject}`;
  if (subject) recognised.push(`Trích yếu: ${truncate(subject, 100)}`);
  else warnings.push('Không thấy trích yếu.');
  return { docType, subject, title };
}
