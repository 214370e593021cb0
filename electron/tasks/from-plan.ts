import { AppError } from '../../shared/api/result';
import type { MethodParsed } from '../../shared/api/contract';
import { formatDateVN } from '../../shared/domain/dates';
import { docTypeByCode } from '../../shared/domain/doc-types';
import { draftSchema, type DraftDocument } from '../../shared/drafting/model';
import { readDeadline } from '../../shared/tasks/deadline-text';
import { planActivities } from '../../shared/tasks/plan-rows';
import type { PlanPreview, PlanProposal, TaskHandler } from '../../shared/tasks/schemas';
import type { AppContext } from '../app/context';
import { immediate } from '../db/connection';
import { audit } from '../audit/record';
import { resolveHandler } from '../incoming/routing';
import { outgoingVisible } from '../scope/repo';
import { viewerOf } from '../scope/viewer';
import * as repo from './repo';
import * as rules from './rules';
import { createTask } from './steps';

/**
 * An issued Kế hoạch or Chương trình turned into tasks in one step: its activities are proposed (content → title,
 * đơn vị chủ trì → lead, phối hợp → co-handlers, thời gian → deadline, each with the text it came from), the user
 * confirms or corrects the mapping, and the confirmed rows become tasks in one transaction. A row already a task is
 * not made twice (the unique index of migration 015 keeps it so, whatever the caller sends).
 */

const PLAN_TYPES = new Set(['ke-hoach', 'chuong-trinh']);

export interface IssuedPlan {
  source: repo.PlanSource;
  model: DraftDocument;
}

export function issuedPlan(app: AppContext, outgoingId: number): IssuedPlan {
  const g = repo.planSource(app.db, outgoingId);
  if (!g || !outgoingVisible(app.db, outgoingId, viewerOf(app))) throw new AppError('NOT_FOUND', `Không có văn bản đi mã ${outgoingId}.`, { field: 'outgoingId' });
  if (g.status !== 'issued') throw new AppError('CONFLICT', `Văn bản ${g.ref} chưa phát hành (hoặc đã hủy): chỉ kế hoạch đã ban hành mới giao việc được.`, { field: 'outgoingId' });
  if (!g.doc_type || !PLAN_TYPES.has(g.doc_type)) {
    const name = (g.doc_type && docTypeByCode(g.doc_type)?.name) || 'không rõ loại';
    throw new AppError('VALIDATION', `Văn bản ${g.ref} là ${name}: chỉ Kế hoạch, Chương trình mới chuyển thành công việc.`, { field: 'outgoingId' });
  }
  if (!g.model) throw new AppError('VALIDATION', `Văn bản ${g.ref} không soạn trong ứng dụng: không có bảng hoạt động để đọc.`, { field: 'outgoingId' });
  return { source: g, model: draftSchema.parse(JSON.parse(g.model)) };
}

const asHandler = (h: { userId: number | null; unitId: number | null; name: string }, role: 'lead' | 'co'): TaskHandler => ({
  role,
  kind: h.unitId !== null ? 'unit' : h.userId !== null ? 'user' : 'text',
  userId: h.userId,
  unitId: h.unitId,
  name: h.name,
});

const clean = (s: string) => s.replace(/^và\s+/i, '').replace(/[.;,:\s]+$/, '').trim();

/**
 * Co-handlers named in one text ("Văn phòng, Ban Kinh tế và Đầu tư; Liên minh HTX cấp tỉnh"): each part separated by
 * ";" as the office knows it; a part that is no unit or account whole is tried in its pieces (by "," and "và"), the
 * pieces that are one kept as such and the rest as the outside organisations they name.
 */
export function resolveCo(app: AppContext, text: string): TaskHandler[] {
  const out: TaskHandler[] = [];
  const seen = new Set<string>();
  const add = (h: TaskHandler) => {
    const k = h.unitId !== null ? `u${h.unitId}` : h.userId !== null ? `a${h.userId}` : `t${h.name.toLocaleLowerCase('vi')}`;
    if (!seen.has(k)) (seen.add(k), out.push(h));
  };
  for (const part of text.split(';').map(clean).filter(Boolean)) {
    const whole = resolveHandler(app, part, 'co');
    if (whole.unitId !== null || whole.userId !== null) {
      add(asHandler(whole, 'co'));
      continue;
    }
    const pieces = part.split(/,|\s+và\s+/).map(clean).filter(Boolean).map((p) => ({ p, h: resolveHandler(app, p, 'co') }));
    const known = (x: (typeof pieces)[number]) => x.h.unitId !== null || x.h.userId !== null;
    for (const x of pieces.filter(known)) add(asHandler(x.h, 'co'));
    const rest = pieces.some(known) ? pieces.filter((x) => !known(x)).map((x) => x.p).join(', ') : part;
    if (rest) add(asHandler({ userId: null, unitId: null, name: rest.slice(0, 300) }, 'co'));
  }
  return out;
}

/** The lead as the office knows it: the whole text, else its first part ("Ban X, Ban Y" → Ban X), else unmatched. */
function resolveLead(app: AppContext, text: string): TaskHandler | null {
  for (const candidate of [text, ...text.split(/;|,|\s+và\s+|\s+chủ trì/).slice(0, 1)].map(clean).filter(Boolean)) {
    const h = resolveHandler(app, candidate, 'lead');
    if (h.unitId !== null || h.userId !== null) return asHandler(h, 'lead');
  }
  return null;
}

export function fromPlanPreview(app: AppContext, input: MethodParsed<'tasks.fromPlanPreview'>): PlanPreview {
  const { source: g, model } = issuedPlan(app, input.outgoingId);
  const year = Number(g.doc_date.slice(0, 4));
  const existing = repo.planRowTasks(app.db, g.id);
  const rows: PlanProposal[] = planActivities(model).map((act) => {
    const reading = readDeadline(act.time, year);
    const early = reading.deadline !== null && reading.deadline < g.doc_date;
    return {
      row: act.row,
      title: act.title,
      source: { kind: act.kind, lead: act.lead, co: act.co, time: act.time, where: act.where },
      lead: act.lead ? (resolveLead(app, act.lead) as PlanProposal['lead']) : null,
      co: resolveCo(app, act.co),
      deadline: early ? null : reading.deadline,
      deadlineWarning: early ? `«${act.time}» là trước ngày ban hành ${formatDateVN(g.doc_date)}: hãy nhập thời hạn.` : null,
      note: act.note || null,
      taskId: existing.get(act.row) ?? null,
    };
  });
  return { outgoing: { id: g.id, ref: g.ref, date: g.doc_date, subject: g.subject, docType: g.doc_type ?? '' }, rows };
}

export function fromPlan(app: AppContext, input: MethodParsed<'tasks.fromPlan'>): { created: number[]; skipped: number[] } {
  const a = rules.actorOf(app);
  const { source: g } = issuedPlan(app, input.outgoingId);
  const seenRows = new Set<number>();
  const prepared = input.rows.map((r, i) => {
    const at = (e: unknown) => {
      if (e instanceof AppError) return new AppError(e.code, `Dòng ${r.row}: ${e.message} Chưa có việc nào được tạo.`, { field: `rows.${i}.${e.field ?? 'lead'}` });
      return e;
    };
    if (seenRows.has(r.row)) throw new AppError('VALIDATION', `Dòng ${r.row} được gửi hai lần.`, { field: `rows.${i}.row` });
    seenRows.add(r.row);
    try {
      const handlers = rules.resolveHandlers(app, r.lead, r.co);
      rules.checkMayAssign(app, a, handlers, null);
      rules.checkDeadline(r.deadline, { date: g.doc_date, what: `văn bản ${g.ref}` });
      return { ...r, handlers };
    } catch (e) {
      throw at(e);
    }
  });
  return immediate(app.db, () => {
    const now = app.nowIso();
    const existing = repo.planRowTasks(app.db, g.id);
    const created: number[] = [];
    const skipped: number[] = [];
    for (const r of prepared) {
      if (existing.has(r.row)) {
        skipped.push(r.row);
        continue;
      }
      created.push(
        createTask(
          app,
          {
            parentId: null,
            title: r.title,
            sourceKind: 'plan',
            incomingId: null,
            outgoingId: g.id,
            planRow: r.row,
            meetingId: null,
            note: r.note ?? null,
            deadline: r.deadline,
            createdBy: a.caller.id,
            handlers: r.handlers,
            secret: g.secrecy !== 'thuong',
          },
          now,
          { plan: g.ref, row: r.row },
        ),
      );
    }
    audit(app, 'task.fromPlan', 'outgoing', g.id, { ref: g.ref, created: created.length, skipped });
    return { created, skipped };
  });
}
