import type { MethodParsed } from '../../shared/api/contract';
import type { IncomingList } from '../../shared/incoming/schemas';
import type { DashboardSummary } from '../../shared/incoming/api';
import { INCOMING_STATUSES, type IncomingStatus } from '../../shared/domain/marks';
import type { AppContext } from '../app/context';
import { currentActor } from '../app/caller';
import { countInbox, issuedPerMonth } from '../outgoing/repo';
import { requireBook } from '../directory/service';
import { buildMatch } from '../search/query';
import { toRow } from './repo';
import * as lists from './list-repo';
import { draftScope, incomingScope } from '../scope/repo';
import { viewerOf } from '../scope/viewer';

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
    scope: incomingScope(viewerOf(app)),
  };
  if (input.query && !filter.ftsMatch) return { total: 0, rows: [] };
  const rows = lists.listRows(app.db, filter, input.sort, input.order, input.offset, input.limit).map((r) => toRow(r, today));
  const total = input.withTotal ? lists.countRows(app.db, filter) : null;
  return { total, rows };
}

export function dashboard(app: AppContext): DashboardSummary {
  const today = app.today();
  const year = Number(today.slice(0, 4));
  const scope = incomingScope(viewerOf(app));
  const counts = lists.statusCounts(app.db, scope);
  const who = currentActor();
  const byStatus = Object.fromEntries(INCOMING_STATUSES.map((s) => [s, counts[s] ?? 0])) as Record<IncomingStatus, number>;
  return {
    byStatus,
    overdue: lists.countOverdue(app.db, today, scope),
    registeredToday: lists.countArrivedBetween(app.db, today, today, scope),
    thisYear: lists.countArrivedBetween(app.db, `${year}-01-01`, `${year}-12-31`, scope),
    perMonth: lists.perMonth(app.db, year, scope),
    outgoingPerMonth: issuedPerMonth(app.db, year),
    overdueByUnit: lists.overdueByLead(app.db, today, 10, scope),
    waitingForMe: who ? countInbox(app.db, who.id, who.roles.includes('vanthu'), draftScope(viewerOf(app))) : 0,
    urgentPending: lists.countUrgentPending(app.db, scope),
  };
}
