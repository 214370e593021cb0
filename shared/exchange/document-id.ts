/**
 * The edXML DocumentId (mã định danh văn bản, QCVN 102:2016 MessageHeader 14): "<OrganId>,<yyyy/MM/dd>,<Số>/<Ký hiệu>",
 * e.g. "000.00.00.H30,2026/03/05,05/KH-SNV" — the issuing office's mã định danh, the date of issue and the số/ký hiệu.
 */
export function documentIdOf(organId: string, isoDate: string, ref: string): string {
  return `${organId.trim()},${isoDate.slice(0, 10).replace(/-/g, '/')},${ref.trim()}`;
}

/** The parts of a DocumentId (null when it is not of that form). */
export function parseDocumentId(id: string): { organId: string; date: string; ref: string } | null {
  const m = /^([^,]+),(\d{4})\/(\d{2})\/(\d{2}),(.+)$/.exec(id.trim());
  return m ? { organId: m[1], date: `${m[2]}-${m[3]}-${m[4]}`, ref: m[5] } : null;
}
