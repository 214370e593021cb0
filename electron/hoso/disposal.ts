import { AppError } from '../../shared/api/result';
import type { MethodParsed } from '../../shared/api/contract';
import { disposalFromYear, periodEnded, retentionLabel } from '../../shared/hoso/rules';
import type { HosoDetail } from '../../shared/hoso/schemas';
import type { AppContext } from '../app/context';
import { requireCaller } from '../app/caller';
import { immediate } from '../db/connection';
import { audit } from '../audit/record';
import { notify } from '../notifications/repo';
import { todayInVietnam } from '../../shared/domain/dates';
import * as repo from './repo';
import { getHoso, nameOf, requireHoso } from './service';

/**
 * Tiêu hủy a hồ sơ whose thời hạn bảo quản has ended — never before, never one kept Vĩnh viễn — by two accounts: the
 * văn thư (lưu trữ) proposes it, a lãnh đạo who is not the proposer approves it. The hồ sơ is marked destroyed; its
 * row, its documents' list and the audit trail stay, and no other hồ sơ is touched.
 */
function refuseBeforeEnd(app: AppContext, r: repo.HosoRow): void {
  if (r.status !== 'dong' && r.status !== 'nop-luu')
    throw new AppError('CONFLICT', r.status === 'huy' ? `Hồ sơ «${r.code}» đã được tiêu hủy.` : `Hồ sơ «${r.code}» chưa kết thúc: không tiêu hủy được.`);
  if (r.retention_years === null) throw new AppError('VALIDATION', `Hồ sơ «${r.code}» bảo quản Vĩnh viễn: không bao giờ được tiêu hủy.`);
  const closedYear = Number(todayInVietnam(new Date(r.closed_at!)).slice(0, 4));
  const year = Number(app.today().slice(0, 4));
  if (!periodEnded(closedYear, r.retention_years, year))
    throw new AppError(
      'VALIDATION',
      `Hồ sơ «${r.code}» kết thúc năm ${closedYear}, bảo quản ${retentionLabel(r.retention_years)}: chưa hết thời hạn, chỉ tiêu hủy được từ năm ${disposalFromYear(closedYear, r.retention_years)}.`,
    );
}

export function requestDisposal(app: AppContext, input: MethodParsed<'hoso.requestDisposal'>): HosoDetail {
  const c = requireCaller();
  immediate(app.db, () => {
    const r = requireHoso(app, input.id);
    refuseBeforeEnd(app, r);
    if (r.disposal_requested_at) throw new AppError('CONFLICT', `Hồ sơ «${r.code}» đã được đề nghị tiêu hủy, đang chờ lãnh đạo duyệt.`);
    const now = app.nowIso();
    repo.setDisposalRequested(app.db, r.id, c.id, input.reason, now);
    const leaders = repo.activeWithRole(app.db, 'lanhdao').filter((id) => id !== c.id);
    const text = `${c.fullName} đề nghị tiêu hủy hồ sơ ${r.code} (năm ${r.year}): ${r.title}`;
    notify(app.db, leaders, { kind: 'hoso.disposal', entity: 'hoso', entityId: r.id, text }, now);
    audit(app, 'hoso.requestDisposal', 'hoso', r.id, { ref: r.code, reason: input.reason, notify: leaders, notice: 'Đề nghị tiêu hủy hồ sơ chờ bạn duyệt', noticeBody: text });
  });
  return getHoso(app, { id: input.id });
}

export function approveDisposal(app: AppContext, input: MethodParsed<'hoso.approveDisposal'>): HosoDetail {
  const c = requireCaller();
  immediate(app.db, () => {
    const r = requireHoso(app, input.id);
    if (!r.disposal_requested_at || r.disposal_requested_by === null)
      throw new AppError('CONFLICT', `Hồ sơ «${r.code}» chưa được văn thư đề nghị tiêu hủy: tiêu hủy cần hai người (văn thư đề nghị, lãnh đạo duyệt).`);
    if (r.disposal_requested_by === c.id) throw new AppError('FORBIDDEN', 'Người đề nghị tiêu hủy không tự duyệt được: một lãnh đạo khác duyệt.');
    refuseBeforeEnd(app, r);
    const now = app.nowIso();
    repo.setDestroyed(app.db, r.id, c.id, now);
    notify(app.db, [r.disposal_requested_by], { kind: 'hoso.destroyed', entity: 'hoso', entityId: r.id, text: `${c.fullName} đã duyệt tiêu hủy hồ sơ ${r.code} (năm ${r.year})` }, now);
    audit(app, 'hoso.destroy', 'hoso', r.id, {
      ref: r.code,
      requestedBy: nameOf(app, r.disposal_requested_by),
      ...(input.note ? { note: input.note } : {}),
      notify: [r.disposal_requested_by],
      notice: `Hồ sơ ${r.code} đã được duyệt tiêu hủy`,
    });
  });
  return getHoso(app, { id: input.id });
}
