import { z } from 'zod';
import { isoDate } from '../api/fields';
import { SECRECIES, URGENCIES } from '../domain/marks';
import { docTypeByCode, findDocType } from '../domain/doc-types';
import { ALL_AUTHORITIES, PROFILES } from './profiles';
import { foreignAuthority } from './notation';
import { cleanText, controlCharIn } from '../text/hygiene';

/**
 * The one document model that the editor, the plain-text import, the DOCX exporter and the PDF layout engine share.
 * Inline text is a string with a small markup: **bold** and *italic* (the fixtures' own notation); everything else is
 * structure. The profile (State or Party) decides how each part is printed — never the model.
 */

// Lines are the model's structure (paragraphs are blocks), so a text keeps its line breaks as typed; controls are refused.
const text = (label: string, max: number) =>
  z
    .string({ error: `${label} phải là chữ.` })
    .refine((s) => controlCharIn(s) === null, { error: (i) => `${label} chứa ký tự điều khiển không được phép (${controlCharIn(String(i.input))}).` })
    .transform((s) => cleanText(s, { lines: true }))
    .pipe(z.string().max(max, { error: `${label} dài quá ${max} ký tự.` }));
const required = (label: string, max: number) =>
  text(label, max).pipe(z.string().min(1, { error: `${label} không được để trống.` }));

/** The line that introduces a decision's articles, printed centred under its căn cứ (ND30 Phụ lục III, mẫu 1.2). */
export const ENACTING_LINES: Record<string, string> = { 'quyet-dinh': 'QUYẾT ĐỊNH:' };

export const PROFILE_IDS = ['state', 'party'] as const;
export type ProfileId = (typeof PROFILE_IDS)[number];

export const headingBlock = z.object({
  kind: z.literal('heading'),
  /** part = Phần/Chương (centred), section = "I. MỤC ĐÍCH" (Roman, capitals), article = "Điều 1." */
  level: z.enum(['part', 'section', 'article'], { error: 'Cấp đề mục phải là part, section hoặc article.' }),
  /** The numbering as printed: "I", "II", "Chương I", "1"; empty for an unnumbered heading. */
  number: text('Số thứ tự đề mục', 40).default(''),
  text: text('Tên đề mục', 1000),
});

export const itemBlock = z.object({
  kind: z.literal('item'),
  /** "1.", "1.1.", "2.1.3.", "a)", "(1)" — printed as given, upright. */
  label: required('Số thứ tự mục', 20),
  text: text('Nội dung mục', 20000),
  /** A khoản with a title is bold (ND30 Phụ lục I, II.6). */
  bold: z.boolean().default(false),
});

export const bulletBlock = z.object({
  kind: z.literal('bullet'),
  marker: z.enum(['-', '+', '•'], { error: 'Dấu đầu dòng phải là "-", "+" hoặc "•".' }).default('-'),
  text: text('Nội dung gạch đầu dòng', 20000),
});

export const paragraphBlock = z.object({
  kind: z.literal('paragraph'),
  text: text('Đoạn văn', 50000),
});

export const TABLE_ALIGNS = ['left', 'center', 'right'] as const;
export type TableAlign = (typeof TABLE_ALIGNS)[number];

export const tableBlock = z
  .object({
    kind: z.literal('table'),
    /** The first row is the header when `header` is true. A cell may hold line breaks ("**Thứ Hai**\n23/11"). */
    rows: z.array(z.array(text('Ô bảng', 5000)).min(1).max(12)).min(1, { error: 'Bảng phải có ít nhất một dòng.' }).max(2000),
    header: z.boolean().default(true),
    /** Relative column widths; equal when absent. */
    widths: z.array(z.number().positive()).optional(),
    /**
     * Cells merged down rows, the same shape as `rows`: n ≥ 1 = the cell spans n rows from here (1 = not merged),
     * 0 = covered by a merged cell above (its text must be empty). Absent: no merged cells.
     */
    rowSpans: z
      .array(z.array(z.number({ error: 'Số dòng gộp phải là số.' }).int({ error: 'Số dòng gộp phải là số nguyên.' }).min(0, { error: 'Số dòng gộp không được âm.' })))
      .optional(),
    /** Horizontal alignment per column; absent = left for the body (the header row is always centred). */
    align: z.array(z.enum(TABLE_ALIGNS, { error: 'Căn lề cột phải là left, center hoặc right.' })).optional(),
  })
  .superRefine((t, ctx) => {
    // Runs even when a field already failed: check only what parsed.
    if (!Array.isArray(t.rows) || !t.rows.every(Array.isArray)) return;
    const cols = Math.max(...t.rows.map((r) => r.length));
    if (t.align && t.align.length !== cols) {
      ctx.addIssue({ code: 'custom', path: ['align'], message: `Căn lề có ${t.align.length} cột nhưng bảng có ${cols} cột.` });
    }
    const spans = t.rowSpans;
    if (!spans) return;
    if (spans.length !== t.rows.length) {
      ctx.addIssue({ code: 'custom', path: ['rowSpans'], message: `Ô gộp (rowSpans) có ${spans.length} dòng nhưng bảng có ${t.rows.length} dòng.` });
      return;
    }
    let shapeOk = true;
    spans.forEach((r, ri) => {
      if (r.length !== t.rows[ri].length) {
        shapeOk = false;
        ctx.addIssue({ code: 'custom', path: ['rowSpans', ri], message: `Dòng ${ri + 1} của ô gộp (rowSpans) có ${r.length} ô nhưng dòng ${ri + 1} của bảng có ${t.rows[ri].length} ô.` });
      } else if (r.length !== cols) {
        shapeOk = false;
        ctx.addIssue({ code: 'custom', path: ['rows', ri], message: `Bảng có ô gộp thì mọi dòng phải có đủ ${cols} ô; dòng ${ri + 1} có ${r.length} ô.` });
      }
    });
    if (!shapeOk || !spans.every((r) => r.every((n) => Number.isInteger(n) && n >= 0))) return;
    const at = (ri: number, ci: number) => `Ô dòng ${ri + 1}, cột ${ci + 1}`;
    for (let ci = 0; ci < cols; ci++) {
      // The last row a merged cell above covers in this column (-1: none).
      let coveredTo = -1;
      for (let ri = 0; ri < t.rows.length; ri++) {
        const n = spans[ri][ci];
        const path = ['rowSpans', ri, ci];
        if (ri <= coveredTo) {
          if (n !== 0) ctx.addIssue({ code: 'custom', path, message: `${at(ri, ci)} nằm trong ô gộp phía trên nên phải là 0 (không được là ${n}).` });
          else if (t.rows[ri][ci] !== '') ctx.addIssue({ code: 'custom', path: ['rows', ri, ci], message: `${at(ri, ci)} bị ô gộp phía trên che nên phải để trống.` });
          continue;
        }
        if (n === 0) {
          ctx.addIssue({ code: 'custom', path, message: `${at(ri, ci)} là 0 (bị che) nhưng không có ô gộp nào phía trên phủ tới.` });
          continue;
        }
        // A refused span still covers the rows under it: one mistake, one message.
        if (n > 1 && t.header && ri === 0) {
          ctx.addIssue({ code: 'custom', path, message: `${at(ri, ci)} thuộc dòng tiêu đề, không được gộp xuống các dòng dưới.` });
        } else if (ri + n > t.rows.length) {
          ctx.addIssue({ code: 'custom', path, message: `${at(ri, ci)} gộp ${n} dòng, vượt quá cuối bảng (chỉ còn ${t.rows.length - ri} dòng).` });
        }
        coveredTo = Math.min(ri + n, t.rows.length) - 1;
      }
    }
  });

/** One activity of a Kế hoạch (the 70/KH fixture): what, when, where, who leads, who takes part. */
export const activityBlock = z.object({
  kind: z.literal('activity'),
  title: text('Tên hoạt động', 2000).default(''),
  content: text('Nội dung', 20000).optional(),
  time: text('Thời gian', 500).optional(),
  place: text('Địa điểm', 500).optional(),
  host: text('Đơn vị đăng cai', 500).optional(),
  lead: text('Đơn vị chủ trì', 1000).optional(),
  participants: text('Đơn vị thực hiện, phối hợp', 2000).optional(),
});

export const block = z.discriminatedUnion('kind', [headingBlock, itemBlock, bulletBlock, paragraphBlock, tableBlock, activityBlock], {
  error: 'Khối nội dung không hợp lệ (kind phải là heading, item, bullet, paragraph, table hoặc activity).',
});
export type Block = z.output<typeof block>;

/** A Nơi nhận entry: one recipient, or a group sharing one purpose note, e.g. "(để b/c)". */
export const recipientEntry = z.object({
  text: required('Nơi nhận', 500),
  /** Purpose without brackets: "để b/c", "để t/h". */
  note: text('Ghi chú nơi nhận', 100).optional(),
  /** More recipients sharing this entry's note (a braced group in the paper original). */
  group: z.array(required('Nơi nhận', 500)).max(50).optional(),
});
export type RecipientEntry = z.output<typeof recipientEntry>;

export const signatureSchema = z.object({
  /** Quyền hạn as printed: "TM.", "KT.", "TL.", "TUQ.", "Q." (State) or "T/M", "K/T", "T/L" (Party); empty = signs in own name. */
  authority: text('Quyền hạn ký', 10).default(''),
  /** Whom the signer signs for: "BAN THƯỜNG VỤ", "ỦY BAN NHÂN DÂN", "BỘ TRƯỞNG". */
  onBehalfOf: text('Tập thể hoặc người đứng đầu', 200).default(''),
  /** Chức vụ; may hold a second line ("K/T BÍ THƯ\nPHÓ BÍ THƯ"). */
  title: required('Chức vụ người ký', 200),
  name: required('Họ tên người ký', 100),
});
export type Signature = z.output<typeof signatureSchema>;

export const draftSchema = z
  .object({
    profile: z.enum(PROFILE_IDS, { error: 'Thể thức phải là state (Nhà nước) hoặc party (Đảng).' }),
    /** Cơ quan chủ quản (optional) and cơ quan ban hành. */
    parentOrgan: text('Cơ quan chủ quản', 200).default(''),
    organ: required('Cơ quan ban hành', 200),
    /** Abbreviation of the issuing body, e.g. "BTVLMHTXVN", "ĐU". */
    organAbbr: text('Chữ viết tắt cơ quan', 30).default(''),
    /** Công văn (State): abbreviation of the drafting unit, giving "UBND-VX". */
    unitAbbr: text('Chữ viết tắt đơn vị soạn thảo', 30).default(''),
    /** The number once issued; null = not yet numbered ("Số:     /KH-…"). */
    number: z.number({ error: 'Số văn bản phải là số.' }).int({ error: 'Số văn bản phải là số nguyên.' }).min(1, { error: 'Số văn bản phải lớn hơn 0.' }).max(99999999).nullable().default(null),
    /** A typed ký hiệu overrides the one built from type and organ abbreviations. */
    notation: text('Ký hiệu', 30).default(''),
    place: required('Địa danh', 100),
    date: isoDate('ngày ban hành').nullable().default(null),
    secrecy: z.enum(SECRECIES, { error: 'Độ mật không hợp lệ.' }).default('thuong'),
    urgency: z.enum(URGENCIES, { error: 'Độ khẩn không hợp lệ.' }).default('thuong'),
    /** A printed title in place of the type name ("LỊCH CÔNG TÁC TUẦN 48"); the type still gives the ký hiệu. */
    title: text('Tiêu đề văn bản', 200).default(''),
    /**
     * Thẩm quyền ban hành of a Quyết định (ND30 Phụ lục III, mẫu 1.2): "Chủ tịch Ủy ban nhân dân tỉnh …", "Giám đốc Sở
     * …"; printed centred in capitals between the trích yếu and the căn cứ. Empty for other types.
     */
    competence: text('Thẩm quyền ban hành', 300).default(''),
    docType: z
      .string({ error: 'Thiếu tên loại văn bản.' })
      .transform((s) => s.normalize('NFC').trim())
      .refine((s) => findDocType(s) !== undefined, { error: 'Tên loại văn bản không có trong danh mục.' })
      .transform((s) => findDocType(s)!.code),
    /** Trích yếu: a mandatory part of every type (ND30 Điều 8, ô 5a/5b). */
    subject: required('Trích yếu', 500),
    /** Căn cứ ban hành, one per line, without the final ";" or "." (the renderer adds them). */
    bases: z.array(required('Căn cứ', 1000)).max(30).default([]),
    /** Kính gửi / Kính trình. */
    addressees: z.array(required('Nơi được kính gửi', 300)).max(30).default([]),
    body: z.array(block).max(5000, { error: 'Văn bản quá dài (tối đa 5.000 khối).' }).default([]),
    signature: signatureSchema,
    recipients: z.array(recipientEntry).max(200).default([]),
    /** The "Lưu" line's units, e.g. ["VT", "KHHT"] (State) or ["Văn phòng Đảng ủy"] (Party). */
    archive: z.array(required('Nơi lưu', 200)).max(10).default([]),
    /** Phụ lục, each on its own pages, numbered in Roman numerals when more than one (ND30 Phụ lục I, III.1). */
    appendices: z
      .array(z.object({ title: required('Tên phụ lục', 500), body: z.array(block).max(5000) }))
      .max(20, { error: 'Tối đa 20 phụ lục.' })
      .default([]),
    /** Ký hiệu người soạn thảo and số bản (ô 12). */
    drafterMark: text('Ký hiệu người soạn thảo', 20).default(''),
    copies: z.number().int().min(1).max(9999).nullable().default(null),
  })
  .superRefine((d, ctx) => {
    // Runs even when a field already failed: check only what parsed.
    const p = PROFILES[d.profile];
    if (!p || !d.signature) return;
    const other = d.profile === 'state' ? 'Đảng' : 'hành chính';
    const last = p.authorities[p.authorities.length - 1];
    const allowed = `${p.authorities.slice(0, -1).join(', ')} hoặc ${last}${last.endsWith('.') ? '' : '.'}`;
    if (d.signature.authority && !p.authorities.includes(d.signature.authority.toUpperCase())) {
      const foreign = foreignAuthority(d.signature.authority, p, ALL_AUTHORITIES);
      ctx.addIssue({
        code: 'custom',
        path: ['signature', 'authority'],
        message: foreign
          ? `Quyền hạn ký «${d.signature.authority}» thuộc thể thức văn bản ${other}; thể thức này dùng ${allowed}`
          : `Quyền hạn ký «${d.signature.authority}» không hợp lệ; dùng ${allowed}`,
      });
    }
    d.signature.title.split('\n').forEach((line) => {
      const foreign = foreignAuthority(line, p, ALL_AUTHORITIES);
      if (foreign) {
        ctx.addIssue({
          code: 'custom',
          path: ['signature', 'title'],
          message: `Chức vụ «${line}» dùng «${foreign}» của thể thức văn bản ${other}; thể thức này dùng ${allowed}`,
        });
      }
    });
    const t = docTypeByCode(d.docType);
    if (t && !(d.profile in t.abbr)) {
      ctx.addIssue({
        code: 'custom',
        path: ['docType'],
        message: `Loại «${t.name}» không có trong thể thức ${d.profile === 'state' ? 'văn bản hành chính (NĐ 30/2020)' : 'văn bản Đảng (HD 36)'}.`,
      });
    }
  });

export type DraftDocument = z.output<typeof draftSchema>;
export type DraftInput = z.input<typeof draftSchema>;
