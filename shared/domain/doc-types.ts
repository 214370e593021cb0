/**
 * Document types and their abbreviations, one table for both formats.
 * State: ND30 Điều 7 and Phụ lục III (Công văn and Thư công have no abbreviation).
 * Party: Hướng dẫn 36-HD/VPTW as reported in domain.md §2.2 (secondary sources: keep as data).
 */
export type FormatProfileId = 'state' | 'party';

export interface DocType {
  /** Stable code used in storage and the API. */
  code: string;
  name: string;
  /** Abbreviation per profile; null = the type exists in that profile but has no abbreviation; absent = not a type there. */
  abbr: Partial<Record<FormatProfileId, string | null>>;
}

export const DOC_TYPES: readonly DocType[] = [
  { code: 'nghi-quyet', name: 'Nghị quyết', abbr: { state: 'NQ', party: 'NQ' } },
  { code: 'quyet-dinh', name: 'Quyết định', abbr: { state: 'QĐ', party: 'QĐ' } },
  { code: 'chi-thi', name: 'Chỉ thị', abbr: { state: 'CT', party: 'CT' } },
  { code: 'quy-che', name: 'Quy chế', abbr: { state: 'QC', party: 'QC' } },
  { code: 'quy-dinh', name: 'Quy định', abbr: { state: 'QyĐ', party: 'QĐi' } },
  { code: 'thong-cao', name: 'Thông cáo', abbr: { state: 'TC' } },
  { code: 'thong-bao', name: 'Thông báo', abbr: { state: 'TB', party: 'TB' } },
  { code: 'huong-dan', name: 'Hướng dẫn', abbr: { state: 'HD', party: 'HD' } },
  { code: 'chuong-trinh', name: 'Chương trình', abbr: { state: 'CTr', party: 'CTr' } },
  { code: 'ke-hoach', name: 'Kế hoạch', abbr: { state: 'KH', party: 'KH' } },
  { code: 'phuong-an', name: 'Phương án', abbr: { state: 'PA', party: 'PA' } },
  { code: 'de-an', name: 'Đề án', abbr: { state: 'ĐA', party: 'ĐA' } },
  { code: 'du-an', name: 'Dự án', abbr: { state: 'DA' } },
  { code: 'bao-cao', name: 'Báo cáo', abbr: { state: 'BC', party: 'BC' } },
  { code: 'bien-ban', name: 'Biên bản', abbr: { state: 'BB', party: 'BB' } },
  { code: 'to-trinh', name: 'Tờ trình', abbr: { state: 'TTr', party: 'TTr' } },
  { code: 'hop-dong', name: 'Hợp đồng', abbr: { state: 'HĐ' } },
  { code: 'cong-van', name: 'Công văn', abbr: { state: null, party: 'CV' } },
  { code: 'cong-dien', name: 'Công điện', abbr: { state: 'CĐ' } },
  { code: 'ban-ghi-nho', name: 'Bản ghi nhớ', abbr: { state: 'BGN' } },
  { code: 'ban-thoa-thuan', name: 'Bản thỏa thuận', abbr: { state: 'BTT' } },
  { code: 'giay-uy-quyen', name: 'Giấy ủy quyền', abbr: { state: 'GUQ' } },
  { code: 'giay-moi', name: 'Giấy mời', abbr: { state: 'GM' } },
  { code: 'giay-gioi-thieu', name: 'Giấy giới thiệu', abbr: { state: 'GGT' } },
  { code: 'giay-nghi-phep', name: 'Giấy nghỉ phép', abbr: { state: 'GNP' } },
  { code: 'phieu-gui', name: 'Phiếu gửi', abbr: { state: 'PG' } },
  { code: 'phieu-chuyen', name: 'Phiếu chuyển', abbr: { state: 'PC' } },
  { code: 'phieu-bao', name: 'Phiếu báo', abbr: { state: 'PB' } },
  { code: 'thu-cong', name: 'Thư công', abbr: { state: null } },
  { code: 'ket-luan', name: 'Kết luận', abbr: { party: 'KL' } },
  { code: 'thong-tri', name: 'Thông tri', abbr: { party: 'TT' } },
  { code: 'quy-trinh', name: 'Quy trình', abbr: { party: 'QTr' } },
];

const byCode = new Map(DOC_TYPES.map((t) => [t.code, t]));

export function docTypeByCode(code: string): DocType | undefined {
  return byCode.get(code);
}

const fold = (s: string) =>
  s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase().trim();

/** Finds a type by code, Vietnamese name (with or without diacritics) or abbreviation (exact, Đ matters). */
export function findDocType(input: string): DocType | undefined {
  const s = input.normalize('NFC').trim();
  const exact = byCode.get(s) ?? DOC_TYPES.find((t) => t.name === s);
  if (exact) return exact;
  const abbr = DOC_TYPES.find((t) => Object.values(t.abbr).some((a) => a === s));
  if (abbr) return abbr;
  const f = fold(s);
  return DOC_TYPES.find((t) => fold(t.name) === f || t.code === f.replace(/\s+/g, '-'));
}

/** Counts used by tests: ND30 Điều 7 lists exactly 29 administrative types. */
export const STATE_TYPE_COUNT = DOC_TYPES.filter((t) => 'state' in t.abbr).length;
