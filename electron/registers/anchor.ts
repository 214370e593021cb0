import type { AppContext } from '../app/context';
import { auditHead } from '../audit/repo';

/**
 * The audit chain's outside anchor (issue 14), printed under the last row of every register book: the number and hash
 * of the log's last row when the book was printed. Whoever rewrites the whole chain cannot change the paper; comparing
 * it with `vanphong audit head` (or a backup's manifest) shows the rewrite.
 */
export function auditAnchorLine(app: AppContext): string {
  const h = auditHead(app.db);
  return h.hash
    ? `Nhật ký thay đổi đến bản ghi số ${h.seq}, mã kiểm tra SHA-256: ${h.hash} (đối chiếu bằng «vanphong audit head»).`
    : 'Nhật ký thay đổi chưa có bản ghi nào.';
}
