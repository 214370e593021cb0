import { AppError } from '../../shared/api/result';
import type { MethodParsed } from '../../shared/api/contract';
import { todayInVietnam } from '../../shared/domain/dates';
import type { DashboardFigures, PlanBurn, TaskDashboard } from '../../shared/tasks/schemas';
import type { AppContext } from '../app/context';
import { outgoingVisible } from '../scope/repo';
import { viewerOf } from '../scope/viewer';
import * as dash from './dashboard-repo';
import * as repo from './repo';
import * as rules from './rules';

/**
 * Dashboards: per unit and per person, the tasks they lead — done on time, done late, open, overdue. The lãnh đạo
 * and the văn thư see the whole office, a unit's head their units and members, everyone else themselves. A plan's
 * burn chart: its open tasks day by day (week by week for a long plan) against the straight line to its last deadline.
 */

const ZERO: DashboardFigures = { total: 0, onTime: 0, late: 0, open: 0, overdue: 0 };
const sum = (a: DashboardFigures, b: DashboardFigures | undefined): DashboardFigures =>
  b ? { total: a.total + b.total, onTime: a.onTime + b.onTime, late: a.late + b.late, open: a.open + b.open, overdue: a.overdue + b.overdue } : a;
const figures = (r: (DashboardFigures & { id: number }) | undefined): DashboardFigures | undefined =>
  r && { total: r.total, onTime: r.onTime ?? 0, late: r.late ?? 0, open: r.open ?? 0, overdue: r.overdue ?? 0 };

export function dashboard(app: AppContext, input: MethodParsed<'tasks.dashboard'>): TaskDashboard {
  const a = rules.actorOf(app);
  const today = app.today();
  const year = input.year ?? null;
  const all = a.leader || a.clerk;
  const units = dash.unitsWithMembers(app.db);
  const peopleOf = (u: (typeof units)[number]) => [...new Set([...u.members, ...(u.head !== null ? [u.head] : [])])];
  let shownUnits: typeof units;
  let shownPeople: number[] | null;
  if (input.unitId !== undefined) {
    const u = units.find((x) => x.id === input.unitId);
    if (!u) throw new AppError('NOT_FOUND', `Không có đơn vị mã ${input.unitId}.`, { field: 'unitId' });
    if (!all && !a.units.headed.includes(u.id)) throw new AppError('FORBIDDEN', 'Chỉ lãnh đạo, văn thư và trưởng đơn vị xem được số liệu của đơn vị.', { field: 'unitId' });
    shownUnits = [u];
    shownPeople = peopleOf(u);
  } else if (input.userId !== undefined) {
    const headedPeople = units.filter((u) => a.units.headed.includes(u.id)).flatMap(peopleOf);
    if (!all && input.userId !== a.caller.id && !headedPeople.includes(input.userId)) {
      throw new AppError('FORBIDDEN', 'Bạn chỉ xem được số liệu của mình (trưởng đơn vị: của người trong đơn vị).', { field: 'userId' });
    }
    shownUnits = [];
    shownPeople = [input.userId];
  } else if (all) {
    shownUnits = units;
    shownPeople = null;
  } else {
    shownUnits = units.filter((u) => a.units.headed.includes(u.id));
    shownPeople = [...new Set([a.caller.id, ...shownUnits.flatMap(peopleOf)])];
  }
  const neededPeople = shownPeople ?? null;
  const byUser = new Map(dash.figuresByLeadUser(app.db, neededPeople === null ? null : [...new Set([...neededPeople, ...shownUnits.flatMap(peopleOf)])], year, today).map((r) => [r.id, r]));
  const byUnit = new Map(dash.figuresByLeadUnit(app.db, shownUnits.map((u) => u.id), year, today).map((r) => [r.id, r]));
  const unitRows = shownUnits.map((u) => ({ unitId: u.id, name: u.name, ...peopleOf(u).reduce((acc, p) => sum(acc, figures(byUser.get(p))), figures(byUnit.get(u.id)) ?? ZERO) }));
  const peopleIds = shownPeople ?? [...new Set([...units.flatMap(peopleOf), ...byUser.keys()])];
  const names = dash.peopleNames(app.db, peopleIds);
  const people = peopleIds
    .filter((id) => names.has(id))
    .map((id) => ({ userId: id, name: names.get(id)!, ...(figures(byUser.get(id)) ?? ZERO) }))
    .sort((x, y) => y.total - x.total || x.name.localeCompare(y.name, 'vi'));
  return { today, year, units: unitRows, people };
}

const DAY = 86_400_000;
const ms = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
const isoOf = (t: number) => new Date(t).toISOString().slice(0, 10);

export function planBurn(app: AppContext, input: MethodParsed<'tasks.planBurn'>): PlanBurn {
  rules.actorOf(app);
  const g = repo.planSource(app.db, input.outgoingId);
  if (!g || !outgoingVisible(app.db, input.outgoingId, viewerOf(app))) throw new AppError('NOT_FOUND', `Không có văn bản đi mã ${input.outgoingId}.`, { field: 'outgoingId' });
  const today = app.today();
  const tasks = dash.planTimeline(app.db, g.id).map((t) => ({
    from: todayInVietnam(new Date(t.created_at)),
    done: t.status === 'hoan-thanh' && t.finished_at ? todayInVietnam(new Date(t.finished_at)) : null,
    deadline: t.deadline,
  }));
  // From the day the plan's tasks were given (its date, before that).
  const start = tasks.map((t) => t.from).sort()[0] ?? g.doc_date;
  const lastDeadline = tasks.map((t) => t.deadline).filter((d): d is string => d !== null).sort().at(-1) ?? null;
  const lastDone = tasks.map((t) => t.done).filter((d): d is string => d !== null).sort().at(-1) ?? start;
  const anyOpen = tasks.some((t) => t.done === null);
  const end = [lastDeadline ?? start, anyOpen ? today : lastDone, start].sort().at(-1)!;
  const span = Math.round((ms(end) - ms(start)) / DAY);
  const step = span > 62 ? 'week' : 'day';
  const stride = step === 'week' ? 7 : 1;
  const idealEnd = ms(lastDeadline && lastDeadline > start ? lastDeadline : end);
  const total = tasks.length;
  const points: PlanBurn['points'] = [];
  for (let t = ms(start); ; t += stride * DAY) {
    const last = t >= ms(end);
    const day = isoOf(Math.min(t, ms(end)));
    const open = tasks.filter((x) => x.from <= day && (x.done === null || x.done > day)).length;
    const left = idealEnd > ms(start) ? Math.max(0, 1 - (ms(day) - ms(start)) / (idealEnd - ms(start))) : 0;
    points.push({ day, open, ideal: Math.round(total * left * 10) / 10 });
    if (last || points.length > 400) break;
  }
  return { outgoing: { id: g.id, ref: g.ref, date: g.doc_date }, step, total, points };
}
