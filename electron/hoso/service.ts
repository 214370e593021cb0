import { AppError } from '../../shared/api/result';
import type { MethodParsed } from '../../shared/api/contract';
import { hasRole, type Caller } from '../../shared/auth/roles';
import { fileCode, retentionLabel } from '../../shared/hoso/rules';
import { HOSO_DOC_KIND_LABELS, HOSO_STATUS_LABELS, type HosoDetail, type HosoSummary } from '../../shared/hoso/schemas';
import { foldVietnamese } from '../../shared/text/fold';
import type { AppContext } from '../app/context';
import { requireCaller } from '../app/caller';
import { immediate } from '../db/connection';
import { audit } from '../audit/record';
import { refuseIfChangedSince } from '../auth/edit-guard';
import { userById, userByName } from '../auth/repo';
import { organisation } from '../settings/organisation';
import { draftVisible, incomingVisible, outgoingVisible } from '../scope/repo';
import { viewerOf } from '../scope/viewer';
import * as docs from './docs-repo';
import { docLabel, documentsOf, publicDoc } from './documents';
import * as repo from './repo';
import { requireRetention } from './retention';

/**
 * Hồ sơ công việc (ND30 Điều 28–29): the danh mục per year, the documents of each in order, closing when the work is
 * done. Who sees one: its người lập, whoever created it, its unit, the văn thư and the lãnh đạo; who changes one: its
 * người lập, whoever created it, a văn thư. Its documents are shown only as far as the caller may read each.
 */

export const mayEdit = (c: Caller, r: Pick<repo.HosoRow, 'owner_id' | 'created_by'>): boolean => c.id === r.owner_id || c.id === r.created_by || hasRole(c, 'vanthu');

export function toSummary(app: AppContext, r: repo.HosoRow, c: Caller | null, organId = organisation(app.db).organId): HosoSummary {
  return {
    id: r.id,
    year: r.year,
    code: r.code,
    fileCode: fileCode(organId, r.year, r.code),
    title: r.title,
    retention: r.retention_id !== null ? { code: r.r_code ?? '', title: r.r_title ?? '', years: r.retention_years, label: retentionLabel(r.retention_years) } : null,
    owner: { id: r.owner_id, fullName: r.owner_name },
    unit: r.unit_id !== null ? { id: r.unit_id, name: r.unit_name ?? '' } : null,
    rights: r.rights,
    language: r.language,
    description: r.description,
    status: r.status,
    statusLabel: HOSO_STATUS_LABELS[r.status],
    docCount: r.doc_count,
    startDate: r.start_date,
    endDate: r.end_date,
    pageTotal: r.page_total,
    closedAt: r.closed_at,
    handedOverAt: r.handed_over_at,
    packageSha256: r.package_sha256,
    disposal:
      r.disposal_requested_at && r.disposal_requested_by !== null
        ? { requestedBy: { id: r.disposal_requested_by, fullName: r.requester_name ?? '' }, requestedAt: r.disposal_requested_at, reason: r.disposal_reason ?? '' }
        : null,
    destroyedAt: r.destroyed_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    mayEdit: !!c && r.status === 'mo' && mayEdit(c, r),
  };
}

/** The hồ sơ, if the caller may see it; NOT_FOUND otherwise, as for one that does not exist. */
export function requireHoso(app: AppContext, id: number): repo.HosoRow {
  const r = repo.getHoso(app.db, id, repo.hosoScope(viewerOf(app)));
  if (!r) throw new AppError('NOT_FOUND', `Không có hồ sơ mã ${id}.`, { field: 'id' });
  return r;
}

/** The hồ sơ for a change: seen, open (unless `open` is false) and the caller's to change. */
function requireEditable(app: AppContext, id: number, c: Caller, open = true): repo.HosoRow {
  const r = requireHoso(app, id);
  if (!mayEdit(c, r)) throw new AppError('FORBIDDEN', 'Chỉ người lập hồ sơ, người tạo hoặc văn thư được thay đổi hồ sơ này.');
  if (open && r.status !== 'mo') throw new AppError('CONFLICT', `Hồ sơ «${r.code}» ${HOSO_STATUS_LABELS[r.status].toLowerCase()}: không thay đổi được nữa.`);
  return r;
}

export function listHoso(app: AppContext, input: MethodParsed<'hoso.list'>): HosoSummary[] {
  const c = requireCaller();
  const organId = organisation(app.db).organId;
  return repo.listHoso(app.db, { ...input, scope: repo.hosoScope(viewerOf(app)) }).map((r) => toSummary(app, r, c, organId));
}

export function getHoso(app: AppContext, input: { id: number }): HosoDetail {
  const c = requireCaller();
  const r = requireHoso(app, input.id);
  const all = documentsOf(app, repo.docsOf(app.db, r.id), viewerOf(app));
  const seen = all.filter((d) => d.visible);
  return { ...toSummary(app, r, c), documents: seen.map(publicDoc), hiddenCount: all.length - seen.length };
}

function ownerAndUnit(app: AppContext, c: Caller, owner: string | undefined, unitId: number | null | undefined, current?: repo.HosoRow): { ownerId: number; unitId: number | null } {
  let ownerId = current?.owner_id ?? c.id;
  if (owner !== undefined && owner !== '') {
    const u = userByName(app.db, owner.trim());
    if (!u || !u.active) throw new AppError('VALIDATION', `Không có tài khoản «${owner}».`, { field: 'owner' });
    ownerId = u.id;
  }
  if (ownerId !== (current?.owner_id ?? c.id) && ownerId !== c.id && !hasRole(c, 'vanthu', 'lanhdao'))
    throw new AppError('FORBIDDEN', 'Chỉ văn thư hoặc lãnh đạo giao hồ sơ cho người khác lập.', { field: 'owner' });
  let unit: number | null;
  if (unitId === undefined) unit = current && ownerId === current.owner_id ? current.unit_id : (repo.unitOfUser(app.db, ownerId) ?? null);
  else unit = unitId;
  // A hồ sơ keeps the unit it has (even one removed since); a new one is given only a unit of the office's list.
  if (unit !== null && unit !== current?.unit_id && !repo.unitExists(app.db, unit)) throw new AppError('VALIDATION', `Không có đơn vị mã ${unit}.`, { field: 'unitId' });
  return { ownerId, unitId: unit };
}

function refuseTakenCode(app: AppContext, year: number, codeFolded: string, code: string, self?: number): void {
  const other = repo.hosoIdByCode(app.db, year, codeFolded);
  if (other !== undefined && other !== self) throw new AppError('DUPLICATE', `Danh mục hồ sơ năm ${year} đã có hồ sơ số «${code}».`, { field: 'code' });
}

export function addHoso(app: AppContext, input: MethodParsed<'hoso.add'>): HosoDetail {
  const c = requireCaller();
  const year = input.year ?? Number(app.today().slice(0, 4));
  const id = immediate(app.db, () => {
    const { ownerId, unitId } = ownerAndUnit(app, c, input.owner, input.unitId);
    const retention = input.retention === undefined ? null : requireRetention(app, input.retention);
    const codeFolded = foldVietnamese(input.code);
    refuseTakenCode(app, year, codeFolded, input.code);
    const id = repo.insertHoso(
      app.db,
      { year, code: input.code, codeFolded, title: input.title, retentionId: retention?.id ?? null, retentionYears: retention?.years ?? null, ownerId, unitId, rights: input.rights, description: input.description ?? null },
      c.id,
      app.nowIso(),
    );
    audit(app, 'hoso.create', 'hoso', id, { ref: input.code, name: input.title, year, ...(retention ? { retention: retention.code } : {}), owner: ownerId });
    return id;
  });
  return getHoso(app, { id });
}

export function updateHoso(app: AppContext, input: MethodParsed<'hoso.update'>): HosoDetail {
  const c = requireCaller();
  immediate(app.db, () => {
    const r = requireEditable(app, input.id, c);
    refuseIfChangedSince(app, { entity: 'hoso', id: r.id, updatedAt: r.updated_at, noun: 'Hồ sơ' }, input.expectedUpdatedAt);
    const { ownerId, unitId } = ownerAndUnit(app, c, input.owner, input.unitId, r);
    const retention = input.retention === undefined ? null : requireRetention(app, input.retention);
    const code = input.code ?? r.code;
    const codeFolded = foldVietnamese(code);
    refuseTakenCode(app, r.year, codeFolded, code, r.id);
    repo.updateHoso(
      app.db,
      r.id,
      {
        code,
        codeFolded,
        title: input.title ?? r.title,
        retentionId: retention ? retention.id : r.retention_id,
        retentionYears: retention ? retention.years : r.retention_years,
        ownerId,
        unitId,
        rights: input.rights ?? r.rights,
        description: input.description === undefined ? r.description : input.description || null,
      },
      app.nowIso(),
    );
    const changed = Object.keys(input).filter((k) => k !== 'id' && k !== 'expectedUpdatedAt');
    audit(app, 'hoso.update', 'hoso', r.id, { ref: code, fields: changed });
  });
  return getHoso(app, { id: input.id });
}

/** Refuses a document the hồ sơ cannot take: one the caller may not read (as if absent), cancelled, not issued or signed. */
function checkDocument(app: AppContext, kind: 'incoming' | 'outgoing' | 'draft', refId: number): void {
  const v = viewerOf(app);
  const missing = () => new AppError('NOT_FOUND', `Không có ${docLabel(kind, refId)}.`, { field: 'refId' });
  if (kind === 'incoming') {
    const m = incomingVisible(app.db, refId, v) ? docs.incomingMeta(app.db, refId) : undefined;
    if (!m) throw missing();
    if (m.status === 'da-huy') throw new AppError('VALIDATION', `Văn bản đến số ${m.arrival_number}/${m.year} đã bị hủy: không đưa vào hồ sơ.`, { field: 'refId' });
  } else if (kind === 'outgoing') {
    const m = outgoingVisible(app.db, refId, v) ? docs.outgoingMeta(app.db, refId) : undefined;
    if (!m) throw missing();
    if (m.status !== 'issued') throw new AppError('VALIDATION', `Số ${m.ref} chưa phát hành (số hủy, bỏ hoặc giữ): chỉ văn bản đã phát hành vào hồ sơ.`, { field: 'refId' });
  } else {
    const m = draftVisible(app.db, refId, v) ? docs.draftMeta(app.db, refId) : undefined;
    if (!m) throw missing();
    if (m.issued_id !== null) throw new AppError('VALIDATION', `Dự thảo này đã phát hành thành văn bản đi số ${m.issued_ref} (mã ${m.issued_id}): đưa văn bản đi vào hồ sơ.`, { field: 'refId' });
    if (!m.signed_sha256) throw new AppError('VALIDATION', 'Dự thảo chưa được ký: chỉ bản cuối cùng đã ký của dự thảo vào hồ sơ.', { field: 'refId' });
  }
}

export function addDoc(app: AppContext, input: MethodParsed<'hoso.addDoc'>): HosoDetail {
  const c = requireCaller();
  immediate(app.db, () => {
    const r = requireEditable(app, input.id, c);
    checkDocument(app, input.kind, input.refId);
    const other = repo.hosoOfDoc(app.db, input.kind, input.refId);
    if (other !== undefined) {
      const o = repo.getHoso(app.db, other, repo.hosoScope(viewerOf(app)));
      const where = other === r.id ? 'hồ sơ này' : o ? `hồ sơ số ${o.code} năm ${o.year} «${o.title}»` : 'một hồ sơ khác';
      throw new AppError('DUPLICATE', `Văn bản đã thuộc ${where}: mỗi văn bản chỉ thuộc một hồ sơ (Nghị định 30/2020/NĐ-CP).`, { field: 'refId' });
    }
    const now = app.nowIso();
    repo.insertDoc(app.db, r.id, input, c.id, now);
    repo.touch(app.db, r.id, now);
    audit(app, 'hoso.addDoc', 'hoso', r.id, { ref: r.code, doc: `${HOSO_DOC_KIND_LABELS[input.kind]} #${input.refId}` });
  });
  return getHoso(app, { id: input.id });
}

export function removeDoc(app: AppContext, input: MethodParsed<'hoso.removeDoc'>): HosoDetail {
  const c = requireCaller();
  immediate(app.db, () => {
    const r = requireEditable(app, input.id, c);
    if (!repo.deleteDoc(app.db, r.id, input)) throw new AppError('NOT_FOUND', `Hồ sơ không có ${docLabel(input.kind, input.refId)}.`, { field: 'refId' });
    const now = app.nowIso();
    repo.setOrder(app.db, r.id, repo.docsOf(app.db, r.id));
    repo.touch(app.db, r.id, now);
    audit(app, 'hoso.removeDoc', 'hoso', r.id, { ref: r.code, doc: `${HOSO_DOC_KIND_LABELS[input.kind]} #${input.refId}` });
  });
  return getHoso(app, { id: input.id });
}

export function reorder(app: AppContext, input: MethodParsed<'hoso.reorder'>): HosoDetail {
  const c = requireCaller();
  immediate(app.db, () => {
    const r = requireEditable(app, input.id, c);
    const key = (d: { kind: string; refId: number }) => `${d.kind}:${d.refId}`;
    const now = repo.docsOf(app.db, r.id).map(key).sort();
    const given = input.order.map(key);
    if (new Set(given).size !== given.length || given.slice().sort().join() !== now.join())
      throw new AppError('VALIDATION', 'Thứ tự mới phải gồm đúng mọi văn bản của hồ sơ, mỗi văn bản một lần.', { field: 'order' });
    repo.setOrder(app.db, r.id, input.order);
    repo.touch(app.db, r.id, app.nowIso());
    audit(app, 'hoso.reorder', 'hoso', r.id, { ref: r.code, docs: given.length });
  });
  return getHoso(app, { id: input.id });
}

/**
 * Kết thúc hồ sơ: refused while work on its documents is open (an incoming document not finished, an open task whose
 * source is one of them), without a retention period or without documents. Stamps StartDate and EndDate (its
 * documents' earliest and latest dates), DocTotal and PageTotal.
 */
export function closeHoso(app: AppContext, input: { id: number }): HosoDetail {
  const c = requireCaller();
  immediate(app.db, () => {
    const r = requireEditable(app, input.id, c);
    if (r.retention_id === null) throw new AppError('VALIDATION', 'Chọn thời hạn bảo quản của hồ sơ trước khi kết thúc hồ sơ.', { field: 'retention' });
    const all = documentsOf(app, repo.docsOf(app.db, r.id), null);
    if (!all.length) throw new AppError('VALIDATION', 'Hồ sơ chưa có văn bản nào: không kết thúc được.', { field: 'id' });
    const open = all.flatMap((d) => d.openWork);
    if (open.length) throw new AppError('CONFLICT', `Hồ sơ còn việc chưa xong, chưa kết thúc được: ${open.join('; ')}.`, { field: 'id', details: { openWork: open } });
    const dates = all.map((d) => d.date).filter((d): d is string => !!d).sort();
    repo.setClosed(app.db, r.id, { startDate: dates[0] ?? null, endDate: dates[dates.length - 1] ?? null, docTotal: all.length, pageTotal: all.reduce((s, d) => s + (d.pages ?? 0), 0) }, c.id, app.nowIso());
    audit(app, 'hoso.close', 'hoso', r.id, { ref: r.code, docs: all.length });
  });
  return getHoso(app, input);
}

export function reopenHoso(app: AppContext, input: MethodParsed<'hoso.reopen'>): HosoDetail {
  const c = requireCaller();
  immediate(app.db, () => {
    const r = requireEditable(app, input.id, c, false);
    if (r.status !== 'dong') throw new AppError('CONFLICT', `Hồ sơ «${r.code}» ${HOSO_STATUS_LABELS[r.status].toLowerCase()}: chỉ mở lại được hồ sơ đã kết thúc mà chưa nộp lưu.`);
    repo.setReopened(app.db, r.id, app.nowIso());
    audit(app, 'hoso.reopen', 'hoso', r.id, { ref: r.code, reason: input.reason });
  });
  return getHoso(app, { id: input.id });
}

/** Full names for the audit and notices. */
export const nameOf = (app: AppContext, id: number): string => userById(app.db, id)?.fullName ?? `tài khoản ${id}`;
