import { stmt, type DB } from '../db/connection';

/**
 * The one thing the ĐẾN mark and the Phiếu giải quyết read outside the incoming tables: the Số và ký hiệu hồ sơ of the
 * hồ sơ công việc the document is filed in (migration 016 hoso_docs: a document is in one hồ sơ at most). Read here
 * rather than through electron/hoso, which may come to read the incoming register (folders import one way only).
 */
export function hosoCodeOf(db: DB, docId: number): string | null {
  const code = stmt(db, "SELECT h.code FROM hoso_docs x JOIN hoso h ON h.id = x.hoso_id WHERE x.kind = 'incoming' AND x.ref_id = ?").pluck().get(docId) as
    | string
    | undefined;
  return code ?? null;
}
