import type { ProfileId } from './model';

/**
 * A format profile: every rule of ND30 Phụ lục I (State) or HD36 (Party) that the exporters need, as data.
 * A newer guideline (e.g. HD 05-HD/VPTW, domain.md §2.3) is a new object here, not new code.
 * Sizes are in points, lengths in millimetres.
 */
export interface TextStyle {
  size: number;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  /** Printed in capitals whatever the user typed. */
  caps?: boolean;
}

export interface FormatProfile {
  id: ProfileId;
  name: string;
  marginsMm: { top: number; bottom: number; left: number; right: number };
  /** Share of the text width given to the left header column (organ name, số). */
  headerLeftShare: number;
  pageNumber: TextStyle;
  /** Top-right title: Quốc hiệu + Tiêu ngữ (State) or "ĐẢNG CỘNG SẢN VIỆT NAM" (Party); a full-length rule under the last. */
  titleLines: { text: string; style: TextStyle }[];
  parentOrgan: TextStyle;
  organ: TextStyle;
  /** What goes under the issuing body: a rule of a share of the text's width, or a centred mark ("*"). */
  underOrgan: { rule: number } | { mark: string };
  numberLine: TextStyle;
  /** "Số: 70/KH-BTV" (State) or "Số 01-CTr/ĐU" (Party); {n} is the number, {notation} the ký hiệu. */
  numberPattern: string;
  /** Notation of a typed document: {type}-{organ} (State: KH-UBND) or {type}/{organ} (Party: CTr/ĐU). */
  notationPattern: string;
  /** Notation of a công văn: State "{organ}-{unit}" (UBND-VX); Party types it like the rest (CV/BTCTU). */
  letterNotationPattern: string;
  placeDate: TextStyle;
  typeName: TextStyle;
  subject: TextStyle;
  /** Under the trích yếu: a rule of a share of the subject line, or a dashed mark. */
  underSubject: { rule: number } | { mark: string };
  /** Công văn: trích yếu under the số, prefixed ("V/v " / "về việc "). */
  letterSubject: TextStyle & { prefix: string };
  bases: TextStyle;
  addresseeLabel: string;
  /** Per type code, when the label differs (Party Tờ trình: "Kính trình"). */
  addresseeLabelByType: Record<string, string>;
  body: TextStyle & { firstLineIndentMm: number; spaceAfterPt: number; lineSpacing: number };
  heading: TextStyle;
  signatureAuthority: TextStyle;
  signatureTitle: TextStyle;
  signatureName: TextStyle;
  /** Quyền hạn prefixes that belong to this profile (ND30 Phụ lục I, II.7; HD36). */
  authorities: string[];
  /** Height left blank for the signature and seal, mm. */
  signatureSpaceMm: number;
  recipientsLabel: TextStyle & { text: string };
  recipients: TextStyle;
  /** The final archive line: "Lưu: {units}." (State) or "Lưu {units}." (Party). */
  archivePattern: string;
  /** Types whose Nơi nhận starts with "Như trên" (ND30 Phụ lục III templates). */
  asAboveTypes: string[];
  drafterMark: TextStyle;
  marks: TextStyle;
  /** Độ khẩn stamps: single-border frames of these widths, 8 mm high (ND30 Phụ lục I, III.3). */
  urgencyFrameMm: Record<'khan' | 'thuong-khan' | 'hoa-toc', number>;
  /** "Phụ lục I" (14 pt bold), its title (capitals, bold) and the italic reference line (ND30 Phụ lục I, III.1). */
  appendixLabel: TextStyle;
  appendixTitle: TextStyle;
  appendixReference: TextStyle;
}

const TNR = 'Times New Roman';
export const FONT_FAMILY = TNR;

export const STATE_PROFILE: FormatProfile = {
  id: 'state',
  name: 'Văn bản hành chính (Nghị định 30/2020/NĐ-CP)',
  // ND30 Phụ lục I, I: top 20–25, bottom 20–25, left 30–35, right 15–20 mm.
  marginsMm: { top: 20, bottom: 20, left: 30, right: 15 },
  headerLeftShare: 0.42,
  pageNumber: { size: 13 },
  titleLines: [
    { text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', style: { size: 12, bold: true } },
    { text: 'Độc lập - Tự do - Hạnh phúc', style: { size: 13, bold: true } },
  ],
  parentOrgan: { size: 12, caps: true },
  organ: { size: 12, bold: true, caps: true },
  underOrgan: { rule: 0.4 },
  numberLine: { size: 13 },
  numberPattern: 'Số: {n}/{notation}',
  notationPattern: '{type}-{organ}',
  letterNotationPattern: '{organ}-{unit}',
  placeDate: { size: 14, italic: true },
  typeName: { size: 14, bold: true, caps: true },
  subject: { size: 14, bold: true },
  underSubject: { rule: 0.4 },
  letterSubject: { size: 13, prefix: 'V/v ' },
  bases: { size: 14, italic: true },
  addresseeLabel: 'Kính gửi',
  addresseeLabelByType: {},
  body: { size: 14, firstLineIndentMm: 12.7, spaceAfterPt: 6, lineSpacing: 1.15 },
  heading: { size: 14, bold: true },
  signatureAuthority: { size: 14, bold: true, caps: true },
  signatureTitle: { size: 14, bold: true, caps: true },
  signatureName: { size: 14, bold: true },
  authorities: ['TM.', 'KT.', 'TL.', 'TUQ.', 'Q.'],
  signatureSpaceMm: 25,
  recipientsLabel: { text: 'Nơi nhận:', size: 12, bold: true, italic: true },
  recipients: { size: 11 },
  archivePattern: 'Lưu: {units}.',
  asAboveTypes: ['cong-van', 'to-trinh', 'bao-cao'],
  drafterMark: { size: 11 },
  marks: { size: 13, bold: true, caps: true },
  urgencyFrameMm: { khan: 20, 'thuong-khan': 40, 'hoa-toc': 30 },
  appendixLabel: { size: 14, bold: true },
  appendixTitle: { size: 14, bold: true, caps: true },
  appendixReference: { size: 14, italic: true },
};

/** HD 36-HD/VPTW; the sizes come from secondary sources (domain.md §2.2) and stay data, easy to change. */
export const PARTY_PROFILE: FormatProfile = {
  id: 'party',
  name: 'Văn bản của Đảng (Hướng dẫn 36-HD/VPTW)',
  marginsMm: { top: 20, bottom: 20, left: 30, right: 15 },
  headerLeftShare: 0.45,
  pageNumber: { size: 14 },
  titleLines: [{ text: 'ĐẢNG CỘNG SẢN VIỆT NAM', style: { size: 15, bold: true } }],
  parentOrgan: { size: 14, caps: true },
  organ: { size: 14, bold: true, caps: true },
  underOrgan: { mark: '*' },
  numberLine: { size: 14 },
  numberPattern: 'Số {n}-{notation}',
  notationPattern: '{type}/{organ}',
  letterNotationPattern: '{type}/{organ}',
  placeDate: { size: 14, italic: true },
  typeName: { size: 16, bold: true, caps: true },
  subject: { size: 14, bold: true },
  underSubject: { mark: '-----' },
  letterSubject: { size: 12, italic: true, prefix: '' },
  bases: { size: 14, italic: true },
  addresseeLabel: 'Kính gửi',
  addresseeLabelByType: { 'to-trinh': 'Kính trình' },
  body: { size: 14, firstLineIndentMm: 12.7, spaceAfterPt: 6, lineSpacing: 1.15 },
  heading: { size: 14, bold: true },
  signatureAuthority: { size: 14, bold: true, caps: true },
  signatureTitle: { size: 14, bold: true, caps: true },
  signatureName: { size: 14, bold: true },
  authorities: ['T/M', 'K/T', 'T/L'],
  signatureSpaceMm: 25,
  recipientsLabel: { text: 'Nơi nhận:', size: 14, underline: true },
  recipients: { size: 12 },
  archivePattern: 'Lưu {units}.',
  asAboveTypes: [],
  drafterMark: { size: 12 },
  marks: { size: 14, bold: true, caps: true },
  urgencyFrameMm: { khan: 20, 'thuong-khan': 40, 'hoa-toc': 30 },
  appendixLabel: { size: 14, bold: true },
  appendixTitle: { size: 14, bold: true, caps: true },
  appendixReference: { size: 14, italic: true },
};

export const PROFILES: Record<ProfileId, FormatProfile> = { state: STATE_PROFILE, party: PARTY_PROFILE };

/** Every quyền hạn prefix of every profile, longest first, to recognise one at the start of a line. */
export const ALL_AUTHORITIES = [...new Set(Object.values(PROFILES).flatMap((p) => p.authorities))].sort((a, b) => b.length - a.length);
