import { z } from 'zod';
import { expectedUpdatedAt, id, optionalText, positiveInt, requiredText } from '../api/fields';
import { HOSO_CODE } from './rules';

/**
 * Hồ sơ công việc (ND30 Điều 28–31, Phụ lục V) and the table of thời hạn bảo quản (Thông tư 10/2022/TT-BNV): what the
 * API takes and gives.
 */
export const HOSO_STATUSES = ['mo', 'dong', 'nop-luu', 'huy'] as const;
export type HosoStatus = (typeof HOSO_STATUSES)[number];
export const HOSO_STATUS_LABELS: Record<HosoStatus, string> = { mo: 'Đang lập', dong: 'Đã kết thúc', 'nop-luu': 'Đã nộp lưu', huy: 'Đã tiêu hủy' };

/** Chế độ sử dụng (Rights, ND30 Phụ lục VI; Thông tư 02/2019/TT-BNV). */
export const HOSO_RIGHTS = ['cong-khai', 'han-che', 'mat'] as const;
export type HosoRights = (typeof HOSO_RIGHTS)[number];
export const HOSO_RIGHTS_LABELS: Record<HosoRights, string> = { 'cong-khai': 'Công khai', 'han-che': 'Hạn chế sử dụng', mat: 'Mật' };

export const HOSO_DOC_KINDS = ['incoming', 'outgoing', 'draft'] as const;
export type HosoDocKind = (typeof HOSO_DOC_KINDS)[number];
export const HOSO_DOC_KIND_LABELS: Record<HosoDocKind, string> = { incoming: 'Văn bản đến', outgoing: 'Văn bản đi', draft: 'Dự thảo đã ký' };

const year = positiveInt('năm', 2200).refine((y) => y >= 1900, { error: 'Năm phải từ 1900 đến 2200.' });
const code = requiredText('số và ký hiệu hồ sơ', 20).refine((s) => HOSO_CODE.test(s), {
  error: 'Số và ký hiệu hồ sơ viết liền, không dấu cách, tối đa 20 ký tự (chữ, số và . - / ( ) _), ví dụ 01.TH hoặc HS-05.',
});
const retentionCode = requiredText('mã thời hạn bảo quản', 20);
const rights = z.enum(HOSO_RIGHTS, { error: 'Chế độ sử dụng phải là cong-khai, han-che hoặc mat.' });
const kind = z.enum(HOSO_DOC_KINDS, { error: 'Loại văn bản phải là incoming, outgoing hoặc draft.' });

export const addHosoInput = z.object({
  /** Năm hình thành hồ sơ (FileCatalog); absent: this year. */
  year: year.optional(),
  code,
  title: requiredText('tiêu đề hồ sơ', 500),
  /** A row of the retention table, by its code; may be chosen later, before the hồ sơ is closed. */
  retention: retentionCode.optional(),
  /** Người lập hồ sơ (an account name); absent: the caller. */
  owner: optionalText('người lập hồ sơ', 100),
  /** The unit the hồ sơ belongs to; absent: the người lập's unit. */
  unitId: id('mã đơn vị').optional(),
  rights: rights.default('cong-khai'),
  description: optionalText('ghi chú', 500),
});

export const updateHosoInput = z.object({
  id: id('mã hồ sơ'),
  code: code.optional(),
  title: requiredText('tiêu đề hồ sơ', 500).optional(),
  retention: retentionCode.optional(),
  owner: optionalText('người lập hồ sơ', 100),
  unitId: id('mã đơn vị').nullable().optional(),
  rights: rights.optional(),
  description: optionalText('ghi chú', 500),
  expectedUpdatedAt: expectedUpdatedAt(),
});

export const listHosoInput = z.object({
  year: year.optional(),
  status: z.enum(HOSO_STATUSES, { error: 'Trạng thái không hợp lệ.' }).optional(),
  limit: positiveInt('số hồ sơ', 5000).default(1000),
});

export const hosoIdInput = z.object({ id: id('mã hồ sơ') });

export const hosoDocInput = z.object({ id: id('mã hồ sơ'), kind, refId: id('mã văn bản') });

export const reorderInput = z.object({
  id: id('mã hồ sơ'),
  /** Every document of the hồ sơ, in the new order. */
  order: z.array(z.object({ kind, refId: id('mã văn bản') })).max(5000, { error: 'Tối đa 5.000 văn bản một hồ sơ.' }),
});

export const reopenInput = z.object({ id: id('mã hồ sơ'), reason: requiredText('lý do mở lại', 500) });

export const dueInput = z.object({ year });

export const handoverInput = z.object({
  ids: z.array(id('mã hồ sơ')).min(1, { error: 'Chọn ít nhất một hồ sơ.' }).max(50, { error: 'Tối đa 50 hồ sơ một lần.' }),
});

/** The largest package read back (the reader's 32-bit ZIP offsets end at 4 GiB; 2 GiB is far above any hồ sơ's files). */
export const PACKAGE_MAX_BYTES = 2 * 1024 * 1024 * 1024;

export const verifyPackageInput = z.object({
  name: optionalText('tên tệp', 255),
  data: z
    .custom<Uint8Array>((v) => v instanceof Uint8Array && v.byteLength > 0, { error: 'Thiếu tệp gói nộp lưu.' })
    .refine((v) => v.byteLength <= PACKAGE_MAX_BYTES, { error: 'Tệp gói nộp lưu quá lớn (tối đa 2 GB).' }),
});

const format = z.enum(['pdf', 'docx'], { error: 'Định dạng phải là pdf hoặc docx.' });
export const catalogueInput = z.object({ year, format });
export const contentsInput = z.object({ id: id('mã hồ sơ'), format });

export const requestDisposalInput = z.object({ id: id('mã hồ sơ'), reason: requiredText('lý do tiêu hủy', 500) });
export const approveDisposalInput = z.object({ id: id('mã hồ sơ'), note: optionalText('ghi chú', 500) });

const years = z.union([positiveInt('số năm', 200), z.null()], { error: 'Thời hạn là số năm (1–200) hoặc null (Vĩnh viễn).' });

export const addRetentionInput = z.object({
  /** Absent: CQ.<n>. */
  code: requiredText('mã', 20)
    .refine((s) => /^[\p{L}\p{N}][\p{L}\p{N}.\-_]*$/u.test(s), { error: 'Mã viết liền, không dấu cách (ví dụ CQ.1).' })
    .optional(),
  title: requiredText('tên nhóm hồ sơ, tài liệu', 500),
  /** The circular's row this one refines (its period is the minimum); absent: a kind of the office's own, kept at least the circular's shortest period (5 năm). */
  base: retentionCode.optional(),
  /** Nhóm; absent: the base row's, else 14 (chuyên môn, nghiệp vụ). */
  group: positiveInt('nhóm', 99).optional(),
  years,
});

export const updateRetentionInput = z.object({
  id: id('mã dòng'),
  title: requiredText('tên nhóm hồ sơ, tài liệu', 500).optional(),
  years: years.optional(),
});

// ---- outputs ----

export interface RetentionRow {
  id: number;
  code: string;
  group: number;
  groupName: string;
  title: string;
  /** null: Vĩnh viễn. */
  years: number | null;
  label: string;
  source: 'TT10/2022' | 'Cơ quan bổ sung';
  /** The circular's row an office row refines. */
  baseCode: string | null;
  /** The shortest period allowed ("5 năm", "Vĩnh viễn"); null: none. */
  minimum: string | null;
}

export interface PersonRef {
  id: number;
  fullName: string;
}

export interface HosoSummary {
  id: number;
  year: number;
  code: string;
  /** Mã hồ sơ: OrganId.year.code (the organisation's mã định danh when set). */
  fileCode: string;
  title: string;
  retention: { code: string; title: string; years: number | null; label: string } | null;
  owner: PersonRef;
  unit: { id: number; name: string } | null;
  rights: HosoRights;
  language: string;
  description: string | null;
  status: HosoStatus;
  statusLabel: string;
  /** Documents in the hồ sơ now (DocTotal once closed). */
  docCount: number;
  startDate: string | null;
  endDate: string | null;
  pageTotal: number | null;
  closedAt: string | null;
  handedOverAt: string | null;
  packageSha256: string | null;
  disposal: { requestedBy: PersonRef; requestedAt: string; reason: string } | null;
  destroyedAt: string | null;
  createdAt: string;
  updatedAt: string;
  /** The caller may add documents, order, close, reopen and edit it (the người lập, whoever created it, a văn thư). */
  mayEdit: boolean;
}

export interface HosoFile {
  name: string;
  sha256: string;
  size: number;
  mime: string;
  /** The signed PDF of an outgoing document or a signed draft (not an attachment). */
  main: boolean;
}

export interface HosoDocument {
  ordinal: number;
  kind: HosoDocKind;
  refId: number;
  /** Số, ký hiệu ("70/KH-UBND"); empty for a signed draft not issued. */
  ref: string;
  /** Ngày tháng năm văn bản. */
  date: string | null;
  /** Tác giả văn bản: the sender (incoming), the office (outgoing, drafts). */
  author: string;
  typeName: string | null;
  subject: string;
  secrecy: string;
  pages: number | null;
  /** Tờ số/Trang số in the hồ sơ ("1–3"). */
  pageRange: string;
  /** Open work on it that keeps the hồ sơ from closing ("Chưa hoàn thành", "Nhiệm vụ #4 đang làm"). */
  openWork: string[];
  files: HosoFile[];
  /** #/incoming/12, #/outgoing?id=3, #/drafting/7. */
  link: string;
}

export interface HosoDetail extends HosoSummary {
  documents: HosoDocument[];
  /** Documents of the hồ sơ the caller may not read: neither listed nor counted in `documents`. */
  hiddenCount: number;
}

export interface DueForHandover extends HosoSummary {
  /** ND30 Điều 30: within one year from the closing day. */
  dueBy: string;
  overdue: boolean;
}

export interface HandoverPackage {
  id: number;
  fileName: string;
  /** SHA-256 of the whole package, kept with the hồ sơ. */
  sha256: string;
  size: number;
  data: Uint8Array;
  files: number;
}

export interface PackageProblem {
  /** The file of the package the problem is in ("files/001-ke-hoach.pdf", "metadata.xml", "manifest-sha256.txt"). */
  file: string;
  problem: string;
}

export interface PackageReport {
  ok: boolean;
  sha256: string;
  fileCode: string | null;
  title: string | null;
  docTotal: number | null;
  files: number;
  problems: PackageProblem[];
  /** The hồ sơ of this database the package was made for (its SHA-256 is the one kept at handover), if any. */
  matches: { id: number; code: string; handedOverAt: string } | null;
}
