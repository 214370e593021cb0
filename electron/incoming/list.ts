import { z } from 'zod';
import type { MethodParsed } from '../../shared/api/contract';
import { AppError } from '../../shared/api/result';
import { SORT_FIELDS, type IncomingList } from '../../shared/incoming/schemas';
import type { DashboardSummary } from '../../shared/incoming/api';
import { INCOMING_STATUSES, type IncomingStatus } from '../../shared/domain/marks';
import type { AppContext } from '../app/context';
import { currentActor } from '../app/caller';
import { issuedPerMonth } from '../outgoing/repo';
import { waitingForCaller } from '../inbox/service';
import { requireBook } from '../directory/service';
import { buildMatch } from '../search/query';
import { toRow } from './repo';
import * as lists from './list-repo';
import { tallyCounts, tallySeek, tallyTotal, type DayFilter, type IncomingCounts } from './tally-repo';
import { both, incomingScope, pagedIncoming, readableIncoming, type Fragment, type Viewer } from '../scope/repo';
import { viewerOf } from '../scope/viewer';


/** Position in the register as the list hands it out: the sort it belongs to and the row's key in that sort. */
const cursorShape = z.tuple([z.enum(SORT_FIELDS), z.enum(['asc', 'desc'])]).rest(z.union([z.string(), z.number()]));

function encodeCursor(sort: lists.SortField, order: 'asc' | 'desc', key: lists.SortKey): string {
  return Buffer.from(JSON.stringify([sort, order, ...key])).toString('base64url');
}

function decodeCursor(text: string, sort: lists.SortField, order: 'asc' | 'desc', field: string): lists.SortKey {
  let parsed: z.infer<typeof cursorShape> | undefined;
  try {
    const r = cursorShape.safeParse(JSON.parse(Buffer.from(text, 'base64url').toString('utf8')));
    if (r.success) parsed = r.data;
  } catch {
    parsed = undefined;
  }
  if (!parsed || parsed.length !== 2 + lists.sortKeyLength(sort)) throw new AppError('VALIDATION', 'Con trỏ trang không hợp lệ.', { field });
  if (parsed[0] !== sort || parsed[1] !== order) {
    throw new AppError('VALIDATION', 'Con trỏ trang thuộc một cách sắp xếp khác: tải lại danh sách từ đầu.', { field });
  }
  return parsed.slice(2) as lists.SortKey;
}

/** The day tally answers for this filter: no filter it does not keep, and a viewer who reads the whole register. */
function dayFilter(f: lists.ListFilter, v: Viewer | null): DayFilter | null {
  if (f.senderId !== undefined || f.docType || f.urgency || f.overdueBefore || f.ftsMatch) return null;
  if (v && !(v.registers && v.secret)) return null;
  return { bookId: f.bookId, from: f.from, to: f.to, status: f.status };
}

/**
 * The register view's rows. A page is found by keyset (after/before a cursor); a page asked for by position in
 * arrival-date order (the virtual list's scrollbar dragged far down) starts at the day the tallies place it on, so no
 * request walks more than a day's rows; other sorts and filters skip through their index.
 */
export function list(app: AppContext, input: MethodParsed<'incoming.list'>): IncomingList {
  const today = app.today();
  let from = input.from;
  let to = input.to;
  if (input.year !== undefined) {
    const y0 = `${input.year}-01-01`;
    const y1 = `${input.year}-12-31`;
    from = from && from > y0 ? from : y0;
    to = to && to < y1 ? to : y1;
  }
  const v = viewerOf(app);
  const filter: lists.ListFilter = {
    bookId: input.book ? requireBook(app, 'incoming', input.book).id : undefined,
    from,
    to,
    senderId: input.senderId,
    docType: input.docType,
    status: input.status,
    urgency: input.urgency,
    overdueBefore: input.overdue ? today : undefined,
    ftsMatch: input.query ? (buildMatch(input.query) ?? undefined) : undefined,
    scope: readableIncoming(v),
  };
  if (input.query && !filter.ftsMatch) return { total: 0, rows: [], nextCursor: null, prevCursor: null };
  const after = input.after !== undefined ? decodeCursor(input.after, input.sort, input.order, 'after') : undefined;
  const before = input.before !== undefined ? decodeCursor(input.before, input.sort, input.order, 'before') : undefined;
  const tally = dayFilter(filter, v);
  const total = input.withTotal ? (tally ? tallyTotal(app.db, tally) : lists.countRows(app.db, filter)) : null;

  let page = { offset: input.offset, limit: input.limit, after, before };
  let pageFilter = filter;
  if (!after && !before && input.offset > input.limit && input.sort === 'arrivalDate' && tally) {
    const seek = tallySeek(app.db, tally, input.order, input.offset);
    if (!seek) return { total, rows: [], nextCursor: null, prevCursor: null };
    pageFilter = input.order === 'desc' ? { ...filter, to: seek.day } : { ...filter, from: seek.day };
    page = { ...page, offset: seek.skip };
  }
  // A full-text query narrows through its own index; a page in an index order takes the read rule that walks it.
  if (!filter.ftsMatch) {
    const { walk, ...scope } = pagedIncoming(app.db, v);
    pageFilter = { ...pageFilter, scope, walk };
  }
  const dbRows = lists.listRows(app.db, pageFilter, input.sort, input.order, page);
  const cursor = (i: number) => encodeCursor(input.sort, input.order, lists.sortKeyOf(dbRows[i], input.sort));
  return {
    total,
    rows: dbRows.map((r) => toRow(r, today)),
    nextCursor: dbRows.length === input.limit || (before && dbRows.length) ? cursor(dbRows.length - 1) : null,
    prevCursor: dbRows.length ? cursor(0) : null,
  };
}

/** The whole register's counts, for whoever reads all of it. */
function incomingCounts(app: AppContext, v: Viewer | null, today: string, year: number): IncomingCounts {
  if (!v || (v.registers && v.secret)) return tallyCounts(app.db, today, year, false);
  if (v.registers) {
    // The tallies of the documents without độ mật, and the few secret ones this reader is named on, counted.
    const wide = 1000;
    const plain = tallyCounts(app.db, today, year, true, wide);
    return addCounts(plain, scanCounts(app, today, year, both(lists.SECRET_ONLY, incomingScope(v)), wide));
  }
  return scanCounts(app, today, year, readableIncoming(v), 10);
}

function scanCounts(app: AppContext, today: string, year: number, scope: Fragment, unitLimit: number): IncomingCounts {
  const perMonth = lists.perMonth(app.db, year, scope);
  return {
    byStatus: lists.statusCounts(app.db, scope),
    overdue: lists.countOverdue(app.db, today, scope),
    registeredToday: lists.countArrivedBetween(app.db, today, today, scope),
    thisYear: perMonth.reduce((a, b) => a + b, 0),
    perMonth,
    overdueByUnit: lists.overdueByLead(app.db, today, unitLimit, scope),
    urgentPending: lists.countUrgentPending(app.db, scope),
  };
}

function addCounts(a: IncomingCounts, b: IncomingCounts): IncomingCounts {
  const byStatus = { ...a.byStatus };
  for (const [s, n] of Object.entries(b.byStatus)) byStatus[s] = (byStatus[s] ?? 0) + n;
  const units = new Map(a.overdueByUnit.map((u) => [u.unit, u.count]));
  for (const u of b.overdueByUnit) units.set(u.unit, (units.get(u.unit) ?? 0) + u.count);
  return {
    byStatus,
    overdue: a.overdue + b.overdue,
    registeredToday: a.registeredToday + b.registeredToday,
    thisYear: a.thisYear + b.thisYear,
    perMonth: a.perMonth.map((n, i) => n + b.perMonth[i]),
    overdueByUnit: [...units]
      .map(([unit, count]) => ({ unit, count }))
      .sort((x, y) => y.count - x.count || (x.unit < y.unit ? -1 : x.unit > y.unit ? 1 : 0))
      .slice(0, 10),
    urgentPending: a.urgentPending + b.urgentPending,
  };
}

/**
 * The home dashboard. Counts come from the tallies kept with every write (migration 012), not from counting the
 * register: for whoever reads all of it, entirely; see incomingCounts for the others.
 */
export function dashboard(app: AppContext): DashboardSummary {
  const today = app.today();
  const year = Number(today.slice(0, 4));
  const v = viewerOf(app);
  const counts = incomingCounts(app, v, today, year);
  const who = currentActor();
  const byStatus = Object.fromEntries(INCOMING_STATUSES.map((s) => [s, counts.byStatus[s] ?? 0])) as Record<IncomingStatus, number>;
  return {
    byStatus,
    overdue: counts.overdue,
    registeredToday: counts.registeredToday,
    thisYear: counts.thisYear,
    perMonth: counts.perMonth,
    outgoingPerMonth: issuedPerMonth(app.db, year),
    overdueByUnit: counts.overdueByUnit,
    waitingForMe: who ? waitingForCaller(app) : 0,
    urgentPending: counts.urgentPending,
  };
}
