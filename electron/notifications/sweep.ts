import { addWorkingDays, firstWorkingDayOfWeek } from '../../shared/calendar/workdays';
import { formatDateVN } from '../../shared/domain/dates';
import { addDays, weekOf } from '../../shared/meetings/time';
import { REMINDER_LABELS, type ReminderKind, type SweepReport } from '../../shared/notifications/schemas';
import type { AppContext } from '../app/context';
import { getSetting, setSetting } from '../app/settings';
import { listUsers } from '../auth/repo';
import { calendarExceptions } from '../calendar/repo';
import { immediate } from '../db/connection';
import { delegationsInForce } from '../delegation/repo';
import { incomingTitles, secretSources, taskTitles, unitPeople } from '../inbox/repo';
import { digestCounts, inboxOwner } from '../inbox/service';
import { incomingVisible } from '../scope/repo';
import { viewerFor } from '../scope/viewer';
import { notify, type NewNotification } from './repo';
import * as repo from './repo';

/**
 * Reminders (issue 17): for every open work item with a deadline, the accounts concerned (the account of a personal
 * row; the head and the members of a unit's row) are told "Sắp đến hạn" within 2 working days of it (the office's
 * calendar counted), "Đến hạn hôm nay" on the day and "Quá hạn" once it has passed — each once (a dedupe key per
 * record, phase and deadline, so a moved deadline is reminded again). On the first working day of each ISO week
 * (or the first sweep after it), every person with something waiting gets the week's digest. A deputy is told on the
 * day an ủy quyền takes effect. Run by the long-running hosts at start and every hour (schedule.ts), and on demand;
 * running it again adds nothing.
 */

/** How far back an overdue item is still announced: a server stopped for a week catches up, older ones stay quiet. */
const OVERDUE_LOOKBACK_DAYS = 7;
const DIGEST_KEY = 'notifications.digestWeek';

export function sweep(app: AppContext): SweepReport {
  const db = app.db;
  const today = app.today();
  const now = app.nowIso();
  const cal = calendarExceptions(db);
  const report: SweepReport = { added: 0, reminders: 0, digests: 0 };
  const first = firstWorkingDayOfWeek(today, cal);
  const week = weekOf(today);
  const digestDue = first !== null && today >= first && getSetting(db, DIGEST_KEY) !== week.week;
  // What to send is worked out before the write transaction (the digest: one inbox count per person, once a week);
  // the transaction only adds what is not there yet.
  const due = reminders(app, today, addWorkingDays(today, 2, cal));
  const weekly = digestDue ? digests(app, today, addDays(week.monday, 6), week.week) : [];
  immediate(db, () => {
    for (const r of due) report.reminders += notify(db, r.to, r.n, now);
    if (digestDue && getSetting(db, DIGEST_KEY) !== week.week) {
      for (const d of weekly) report.digests += notify(db, [d.userId], { kind: 'tong-hop-tuan', entity: 'inbox', entityId: null, text: d.text, dedupe: `digest:${week.week}` }, now);
      setSetting(db, DIGEST_KEY, week.week);
    }
    for (const d of delegationsInForce(db, today)) {
      const text = `${d.fromName} ủy quyền xử lý cho bạn đến hết ngày ${formatDateVN(d.toDay)}: văn bản, công việc chờ ${d.fromName} xử lý có trong «Chờ tôi xử lý» của bạn.`;
      report.added += notify(db, [d.toUserId], { kind: 'uy-quyen', entity: 'delegation', entityId: d.id, text, dedupe: `delegation:${d.id}` }, now);
    }
  });
  report.added += report.reminders + report.digests;
  return report;
}

function phaseOf(deadline: string, today: string): ReminderKind {
  return deadline < today ? 'qua-han' : deadline === today ? 'den-han' : 'sap-den-han';
}

function reminders(app: AppContext, today: string, soonEnd: string): { to: number[]; n: NewNotification }[] {
  const db = app.db;
  const due = repo.dueWork(db, addDays(today, -OVERDUE_LOOKBACK_DAYS), soonEnd);
  if (!due.length) return [];
  const ids = (k: 'incoming' | 'task') => [...new Set(due.filter((w) => w.kind === k).map((w) => w.refId))];
  const docs = incomingTitles(db, ids('incoming'));
  const tasks = taskTitles(db, ids('task'));
  const secret = { incoming: secretSources(db, 'incoming', ids('incoming')), task: secretSources(db, 'task', ids('task')) };
  const users = new Map(listUsers(db).map((u) => [u.id, u]));
  const people = new Map<number, number[]>();
  const out: { to: number[]; n: NewNotification }[] = [];
  for (const w of due) {
    let to = w.userId !== null ? [w.userId] : (people.get(w.unitId!) ?? people.set(w.unitId!, unitPeople(db, w.unitId!)).get(w.unitId!)!);
    to = to.filter((id) => users.get(id)?.active);
    // A reminder names the record: a document with độ mật (or a task taken from one) only to who may read it.
    const secretDoc = secret[w.kind].get(w.refId);
    if (secretDoc !== undefined) to = to.filter((id) => incomingVisible(db, secretDoc, viewerFor(app, users.get(id)!)));
    if (!to.length) continue;
    const phase = phaseOf(w.deadline, today);
    const doc = docs.get(w.refId);
    const what = w.kind === 'incoming' ? (doc ? `Văn bản đến số ${doc.arrivalNumber} — ${doc.subject}` : `Văn bản đến #${w.refId}`) : `Công việc: ${tasks.get(w.refId) ?? `#${w.refId}`}`;
    const text = `${REMINDER_LABELS[phase]} (hạn ${formatDateVN(w.deadline)}): ${what}`;
    out.push({ to, n: { kind: phase, entity: w.kind, entityId: w.refId, text, dedupe: `${w.kind}:${w.refId}:${phase}:${w.deadline}` } });
  }
  return out;
}

function digests(app: AppContext, today: string, sunday: string, week: string): { userId: number; text: string }[] {
  const out: { userId: number; text: string }[] = [];
  for (const u of listUsers(app.db)) {
    if (!u.active) continue;
    const c = digestCounts(app, inboxOwner(app, u, today), sunday);
    if (c.open === 0) continue;
    const parts = [`${c.open} việc đang chờ xử lý`, ...(c.overdue ? [`${c.overdue} quá hạn`] : []), ...(c.dueThisWeek ? [`${c.dueThisWeek} đến hạn trong tuần`] : [])];
    out.push({ userId: u.id, text: `Tổng hợp tuần ${week.slice(6)}/${week.slice(0, 4)}: ${parts.join(', ')}.` });
  }
  return out;
}
