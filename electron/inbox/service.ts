import type { MethodParsed } from '../../shared/api/contract';
import { hasRole, type Caller } from '../../shared/auth/roles';
import type { DraftSummary } from '../../shared/drafting/schemas';
import { INBOX_ACTION_LABELS, type InboxAction, type InboxCounts, type InboxItem, type InboxPage } from '../../shared/inbox/schemas';
import type { AppContext } from '../app/context';
import { currentActor, requireCaller } from '../app/caller';
import { delegatorsOf } from '../delegation/repo';
import { countDrafts, findDraftSummaries, type DraftCondition } from '../drafting/repo';
import { countInbox, inbox as draftsWaiting } from '../outgoing/repo';
import { draftScope, incomingScope, type Fragment, type Viewer } from '../scope/repo';
import { viewerFor } from '../scope/viewer';
import * as repo from './repo';

/**
 * "Chờ tôi xử lý": the open work items of the caller, of the units they belong to or head and of the leaders who
 * delegated to them today (with the units those leaders head), plus the drafts waiting for them (the outgoing
 * workflow's own query) and those submitted to a leader who delegated to them. An item on a document with độ mật is
 * listed only for whom the read rule lets read it.
 */

/** Drafts waiting for one person are few (to review, to revise, to issue); more than this are not listed. */
const DRAFT_CAP = 500;

/** Whose inbox a caller holds today, and how to read it. */
export interface InboxOwner {
  userId: number;
  viewer: Viewer;
  isClerk: boolean;
  today: string;
  sources: repo.Sources;
  delegators: number[];
  /** Units read because a delegator heads them (not the caller's own): unit → delegator. */
  delegatedUnits: Map<number, number>;
  /** The read rule for secret documents; null: reads them all. */
  scope: Fragment | null;
}

export function inboxOwner(app: AppContext, c: Caller, today = app.today()): InboxOwner {
  const db = app.db;
  const delegators = delegatorsOf(db, c.id, today);
  const own = repo.unitsOfUser(db, c.id);
  const ownSet = new Set(own);
  const delegatedUnits = new Map<number, number>();
  for (const d of delegators) for (const u of repo.unitsHeadedBy(db, d)) if (!ownSet.has(u) && !delegatedUnits.has(u)) delegatedUnits.set(u, d);
  const viewer = viewerFor(app, c);
  const scope = incomingScope(viewer, 'd');
  return {
    userId: c.id,
    viewer,
    isClerk: hasRole(c, 'vanthu'),
    today,
    sources: { users: [c.id, ...delegators], units: [...own, ...delegatedUnits.keys()] },
    delegators,
    delegatedUnits,
    scope: scope.sql === '1' ? null : scope,
  };
}

const delegatedConditions = (o: InboxOwner): DraftCondition[] => o.delegators.map((d) => ({ reviewerId: d, statuses: ['cho-duyet', 'da-duyet'] }));

function draftCount(app: AppContext, o: InboxOwner): number {
  const own = countInbox(app.db, o.userId, o.isClerk, draftScope(o.viewer));
  return o.delegators.length ? own + countDrafts(app.db, delegatedConditions(o), repo.delegatedDraftScope(o.viewer.secret)) : own;
}

export function countsOf(app: AppContext, o: InboxOwner): InboxCounts {
  const w = repo.openWorkCounts(app.db, o.sources, o.scope, o.today);
  const draft = draftCount(app, o);
  return { total: w.incoming + w.task + draft, incoming: w.incoming, task: w.task, draft, overdue: w.overdue };
}

const DRAFT_ACTIONS: Partial<Record<DraftSummary['status'], InboxAction>> = {
  'cho-duyet': 'draft-review',
  'da-duyet': 'draft-sign',
  'tra-lai': 'draft-revise',
  'da-ky': 'draft-issue',
};

interface Pending {
  sortDeadline: string | null;
  since: string;
  order: number;
  build: () => InboxItem;
}

function draftItems(app: AppContext, o: InboxOwner): Pending[] {
  const own = draftsWaiting(app.db, o.userId, o.isClerk, DRAFT_CAP, draftScope(o.viewer));
  const seen = new Set(own.map((d) => d.id));
  const delegated = o.delegators.length
    ? findDraftSummaries(app.db, delegatedConditions(o), DRAFT_CAP, repo.delegatedDraftScope(o.viewer.secret)).filter((d) => !seen.has(d.id))
    : [];
  const item = (d: DraftSummary, onBehalfOf: string | null): Pending => ({
    sortDeadline: null,
    since: d.updatedAt,
    order: d.id,
    build: () => {
      const action = DRAFT_ACTIONS[d.status] ?? 'draft-review';
      return {
        key: `d${d.id}`,
        kind: 'draft',
        refId: d.id,
        action,
        actionLabel: INBOX_ACTION_LABELS[action],
        title: d.subject || '(chưa có trích yếu)',
        detail: d.ownerName,
        unitName: null,
        deadline: null,
        overdue: false,
        since: d.updatedAt,
        onBehalfOf,
        href: `#/drafting/${d.id}`,
      };
    },
  });
  return [...own.map((d) => item(d, null)), ...delegated.map((d) => item(d, d.reviewerName))];
}

/** Overdue first (their deadlines are the earliest), then by deadline, none last; then the longest waiting. */
function compare(a: Pending, b: Pending): number {
  if (a.sortDeadline !== b.sortDeadline) {
    if (a.sortDeadline === null) return 1;
    if (b.sortDeadline === null) return -1;
    return a.sortDeadline < b.sortDeadline ? -1 : 1;
  }
  if (a.since !== b.since) return a.since < b.since ? -1 : 1;
  return a.order - b.order;
}

/** A page of the inbox with titles read for that page only. */
export function pageOf(app: AppContext, o: InboxOwner, input: { limit: number; offset: number; kind?: 'incoming' | 'task' | 'draft' }): InboxItem[] {
  const db = app.db;
  const need = input.offset + input.limit;
  const work = input.kind === 'draft' ? [] : repo.openWorkPage(db, o.sources, { kind: input.kind, scope: o.scope, limit: need });
  const drafts = input.kind && input.kind !== 'draft' ? [] : draftItems(app, o);
  let titles: {
    incoming: Map<number, repo.IncomingTitle>;
    tasks: Map<number, string>;
    units: Map<number, string>;
    people: Map<number, string>;
  } | null = null;
  const pending: Pending[] = work.map((w) => ({
    sortDeadline: w.deadline,
    since: w.since,
    order: w.id,
    build: () => {
      const t = titles!;
      const delegator = w.userId !== null ? (w.userId === o.userId ? null : w.userId) : (o.delegatedUnits.get(w.unitId!) ?? null);
      const doc = w.kind === 'incoming' ? t.incoming.get(w.refId) : undefined;
      return {
        key: `w${w.id}`,
        kind: w.kind,
        refId: w.refId,
        action: w.action,
        actionLabel: INBOX_ACTION_LABELS[w.action],
        title:
          w.kind === 'incoming'
            ? doc
              ? `Số đến ${doc.arrivalNumber} — ${doc.subject}`
              : `Văn bản đến #${w.refId}`
            : (t.tasks.get(w.refId) ?? `Công việc #${w.refId}`),
        detail: doc?.sender ?? null,
        unitName: w.unitId !== null ? (t.units.get(w.unitId) ?? null) : null,
        deadline: w.deadline,
        overdue: w.deadline !== null && w.deadline < o.today,
        since: w.since,
        onBehalfOf: delegator === null ? null : (t.people.get(delegator) ?? null),
        href: w.kind === 'incoming' ? `#/incoming/${w.refId}` : `#/tasks/${w.refId}`,
      };
    },
  }));
  const page = [...pending, ...drafts].sort(compare).slice(input.offset, need);
  const shown = new Set(page);
  const onPage = work.filter((_, i) => shown.has(pending[i]));
  titles = {
    incoming: repo.incomingTitles(db, [...new Set(onPage.filter((w) => w.kind === 'incoming').map((w) => w.refId))]),
    tasks: repo.taskTitles(db, [...new Set(onPage.filter((w) => w.kind === 'task').map((w) => w.refId))]),
    units: repo.unitNames(db, [...new Set(onPage.flatMap((w) => (w.unitId === null ? [] : [w.unitId])))]),
    people: repo.userNames(db, o.delegators),
  };
  return page.map((p) => p.build());
}

export function mine(app: AppContext, input: MethodParsed<'inbox.mine'>): InboxPage {
  const o = inboxOwner(app, requireCaller());
  const counts = countsOf(app, o);
  return { items: pageOf(app, o, input), total: input.kind ? counts[input.kind] : counts.total, counts };
}

export function count(app: AppContext): InboxCounts {
  return countsOf(app, inboxOwner(app, requireCaller()));
}

/** What waits for the caller of the API call in progress, in all (the dashboard's "Chờ tôi xử lý"); 0 without one. */
export function waitingForCaller(app: AppContext): number {
  const c = currentActor();
  return c ? countsOf(app, inboxOwner(app, c)).total : 0;
}

/** The weekly digest's figures for one inbox: what waits, what is overdue, what falls due by `weekEnd`. */
export function digestCounts(app: AppContext, o: InboxOwner, weekEnd: string): { open: number; overdue: number; dueThisWeek: number } {
  const w = repo.openWorkCounts(app.db, o.sources, o.scope, o.today, weekEnd);
  return { open: w.incoming + w.task + draftCount(app, o), overdue: w.overdue, dueThisWeek: w.dueSoon };
}
