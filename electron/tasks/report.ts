import { AppError } from '../../shared/api/result';
import type { MethodParsed } from '../../shared/api/contract';
import { workingDaysBetween } from '../../shared/calendar/workdays';
import { formatDateVN, todayInVietnam } from '../../shared/domain/dates';
import { docTypeByCode } from '../../shared/domain/doc-types';
import { draftSchema, type Block, type DraftInput } from '../../shared/drafting/model';
import type { TaskRow } from '../../shared/tasks/schemas';
import type { AppContext } from '../app/context';
import { audit } from '../audit/record';
import { calendarExceptions } from '../calendar/repo';
import { immediate } from '../db/connection';
import * as drafts from '../drafting/repo';
import { secretContentAllowed } from '../scope/secrecy';
import { statusText } from './export';
import { issuedPlan } from './from-plan';
import * as repo from './repo';
import * as rules from './rules';

/**
 * Báo cáo kết quả thực hiện Kế hoạch: a new draft (the drafting engine's model, opened in Soạn thảo) with the plan's
 * header and signer, the figures, and the results table — nội dung, đơn vị chủ trì, thời hạn, kết quả, ghi chú — one
 * row per task of the plan; the parts only people can write (tồn tại, kiến nghị) are left as "…" to fill in.
 */

const lowerFirst = (s: string) => (s.length > 1 && s[1] === s[1].toLocaleLowerCase('vi') ? s.charAt(0).toLocaleLowerCase('vi') + s.slice(1) : s);

export function reportDraft(app: AppContext, outgoingId: number): DraftInput {
  const { source: g, model } = issuedPlan(app, outgoingId);
  const today = app.today();
  const cal = calendarExceptions(app.db);
  const rows: TaskRow[] = repo.toTaskRows(app.db, repo.planTasks(app.db, g.id), today);
  const lastNote = (id: number) =>
    repo
      .updatesOf(app.db, id)
      .filter((u) => u.note && (u.kind === 'submit' || u.kind === 'approve' || u.kind === 'done' || u.kind === 'progress'))
      .at(-1)?.note ?? '';
  const vnDay = (iso: string) => todayInVietnam(new Date(iso));
  const table = [['TT', 'Nội dung', 'Đơn vị chủ trì', 'Thời hạn', 'Kết quả', 'Ghi chú']];
  rows.forEach((r, i) => {
    const result = [statusText(r), r.status === 'hoan-thanh' || r.status === 'huy' ? '' : `tiến độ ${r.progress}%`, lastNote(r.id)].filter(Boolean).join('; ');
    const note =
      r.late && r.deadline && r.finishedAt
        ? `Trễ ${workingDaysBetween(r.deadline, vnDay(r.finishedAt), cal)} ngày làm việc`
        : r.overdue && r.deadline
          ? `Quá hạn ${workingDaysBetween(r.deadline, today, cal)} ngày làm việc`
          : '';
    table.push([String(i + 1), r.title, r.lead?.name ?? '', r.deadline ? formatDateVN(r.deadline) : 'Thường xuyên', result, note]);
  });
  const done = rows.filter((r) => r.status === 'hoan-thanh');
  const late = done.filter((r) => r.late).length;
  const open = rows.filter((r) => r.status === 'dang-lam' || r.status === 'cho-duyet');
  const overdue = open.filter((r) => r.overdue).length;
  const type = docTypeByCode(g.doc_type ?? '')?.name ?? 'Kế hoạch';
  const planName = `${type} số ${g.ref} ngày ${formatDateVN(g.doc_date)}`;
  const organ = (model.organ.split('\n').pop() ?? model.organ).trim();
  const body: Block[] = [
    { kind: 'paragraph', text: `Thực hiện ${planName} về ${lowerFirst(g.subject)}, ${organ} báo cáo kết quả thực hiện như sau:` },
    { kind: 'heading', level: 'section', number: 'I', text: 'Kết quả thực hiện' },
    {
      kind: 'paragraph',
      text: `${type} có ${rows.length} nhiệm vụ: đã hoàn thành ${done.length} (đúng hạn ${done.length - late}, trễ hạn ${late}); đang thực hiện ${open.length}${open.length ? `, trong đó quá hạn ${overdue}` : ''}. Kết quả từng nhiệm vụ (đến ngày ${formatDateVN(today)}):`,
    },
    { kind: 'table', rows: table, header: true, widths: [1, 8, 4, 3, 6, 4] },
    { kind: 'heading', level: 'section', number: 'II', text: 'Tồn tại, hạn chế và nguyên nhân' },
    { kind: 'paragraph', text: '…' },
    { kind: 'heading', level: 'section', number: 'III', text: 'Nhiệm vụ thời gian tới và kiến nghị' },
    { kind: 'paragraph', text: '…' },
    { kind: 'paragraph', text: `Trên đây là báo cáo kết quả thực hiện ${planName} của ${organ}.` },
  ];
  return {
    profile: model.profile,
    parentOrgan: model.parentOrgan,
    organ: model.organ,
    organAbbr: model.organAbbr,
    unitAbbr: model.unitAbbr,
    number: null,
    place: model.place,
    date: null,
    secrecy: model.secrecy,
    docType: 'bao-cao',
    subject: `Kết quả thực hiện ${planName} về ${lowerFirst(g.subject)}`.slice(0, 500),
    body,
    signature: model.signature,
    recipients: [],
    archive: model.archive,
  };
}

export function createReport(app: AppContext, input: MethodParsed<'tasks.report'>, opts: { networked?: boolean } = {}): { draftId: number } {
  const a = rules.actorOf(app);
  const draft = draftSchema.parse(reportDraft(app, input.outgoingId));
  if (draft.secrecy !== 'thuong' && !secretContentAllowed(app.db, opts.networked === true)) {
    throw new AppError('VALIDATION', 'Kế hoạch này có độ mật: báo cáo của nó được soạn trên máy không nối mạng.', { field: 'outgoingId' });
  }
  const draftId = immediate(app.db, () => {
    const id = drafts.insertDraft(app.db, draft, app.nowIso(), a.caller.id);
    audit(app, 'draft.create', 'draft', id, { subject: draft.subject, docType: draft.docType });
    audit(app, 'task.report', 'outgoing', input.outgoingId, { draftId: id });
    return id;
  });
  app.indexer.kick();
  return { draftId };
}
