import type { AuditEntry } from '../../shared/audit/schemas';
import type { LiveEvent, LiveTopic } from '../../shared/live/events';
import { hasRole } from '../../shared/auth/roles';
import type { AppContext } from '../app/context';
import { auditAfter, auditHead } from '../audit/repo';
import { draftRow } from '../drafting/repo';
import { getMeeting } from '../meetings/repo';
import { listUsers, userById } from '../auth/repo';
import { formatDateTimeVN } from '../../shared/domain/dates';
import { readsSecrets } from '../scope/secrecy';

/**
 * The audit log read as a stream of changes for the office server's clients. The log is the source (not the server's
 * memory): a change made by another process on the same data, or while a client was away, is delivered all the same.
 */

const TOPICS: Record<string, LiveTopic> = {
  draft: 'drafts',
  outgoing: 'outgoing',
  incoming: 'incoming',
  attachment: 'incoming',
  meeting: 'meetings',
  room: 'meetings',
  organization: 'directory',
  book: 'directory',
  recipient: 'directory',
  user: 'users',
  settings: 'settings',
  task: 'tasks',
  hoso: 'hoso',
};

export function lastSeq(app: AppContext): number {
  return auditHead(app.db).seq;
}

/** Who a change concerns, with the notice they get: the next person in the workflow, the people of a meeting. */
function audienceOf(app: AppContext, e: AuditEntry): { userIds: number[]; title: string; body: string } | null {
  const subjectOf = (id: number | null) => {
    const row = id === null ? undefined : draftRow(app.db, id);
    const model = row ? (JSON.parse(row.model) as { subject?: string; secrecy?: string }) : undefined;
    return row ? { row, subject: model?.subject ?? '', secret: (model?.secrecy ?? 'thuong') !== 'thuong' } : undefined;
  };
  switch (e.action) {
    case 'outgoing.submit': {
      const d = subjectOf(e.entityId);
      const who = e.userId === null ? e.username : (userById(app.db, e.userId)?.fullName ?? e.username);
      return d?.row.reviewer_id ? { userIds: [d.row.reviewer_id], title: `${who} trình văn bản chờ bạn duyệt`, body: d.subject } : null;
    }
    case 'outgoing.return':
    case 'outgoing.approve':
    case 'outgoing.sign': {
      const d = subjectOf(e.entityId);
      if (!d?.row.owner_id) return null;
      const title = { 'outgoing.return': 'Văn bản bị trả lại', 'outgoing.approve': 'Văn bản đã được duyệt', 'outgoing.sign': 'Văn bản đã được ký số, chờ phát hành' }[e.action];
      // A signed document waits for the văn thư too (a secret one only for the văn thư who keeps the secret register).
      const clerks =
        e.action === 'outgoing.sign' ? listUsers(app.db).filter((u) => u.active && hasRole(u, 'vanthu') && (!d.secret || readsSecrets(app.db, u))).map((u) => u.id) : [];
      return { userIds: [d.row.owner_id, ...clerks], title, body: d.subject };
    }
    case 'outgoing.issue': {
      const d = subjectOf(typeof e.detail.draft === 'number' ? e.detail.draft : null);
      return d?.row.owner_id ? { userIds: [d.row.owner_id, ...(d.row.reviewer_id ? [d.row.reviewer_id] : [])], title: `Văn bản đã phát hành, số ${String(e.detail.ref ?? '')}`, body: d.subject } : null;
    }
    case 'meeting.create':
    case 'meeting.update':
    case 'meeting.status': {
      const m = e.entityId === null ? undefined : getMeeting(app.db, e.entityId);
      if (!m) return null;
      const people = [m.chair?.userId ?? null, ...m.participants.filter((p) => p.kind === 'person').map((p) => p.refId)].filter((x): x is number => x !== null);
      const title = e.action === 'meeting.create' ? 'Lịch họp mới có bạn' : m.status === 'huy' ? 'Cuộc họp đã bị hủy' : m.status === 'hoan' ? 'Cuộc họp bị hoãn' : 'Lịch họp của bạn thay đổi';
      return { userIds: people, title, body: `${m.title} — ${formatDateTimeVN(m.start)}` };
    }
    default: {
      // Routing and tasks name the people they reach in the entry itself: `notify` (account ids) and `notice` (title).
      const ids = e.detail.notify;
      if (!Array.isArray(ids) || typeof e.detail.notice !== 'string') return null;
      return { userIds: ids.filter((x): x is number => typeof x === 'number'), title: e.detail.notice, body: typeof e.detail.noticeBody === 'string' ? e.detail.noticeBody : '' };
    }
  }
}

/** The events after `seq` (at most `limit`) as the given user sees them. */
export function eventsAfter(app: AppContext, seq: number, limit: number): { entry: AuditEntry; event: Omit<LiveEvent, 'notice'>; audience: ReturnType<typeof audienceOf> }[] {
  return auditAfter(app.db, seq, limit).map((entry) => ({
    entry,
    event: { seq: entry.seq, topic: TOPICS[entry.entity] ?? 'other', action: entry.action, entityId: entry.entityId, at: entry.at, by: entry.username },
    audience: audienceOf(app, entry),
  }));
}

/** The event a user receives: the notice only when it concerns them, and never their own action. */
export function eventFor(item: ReturnType<typeof eventsAfter>[number], userId: number): LiveEvent {
  const a = item.audience;
  if (!a || item.entry.userId === userId || !a.userIds.includes(userId)) return item.event;
  return { ...item.event, notice: { title: a.title, body: a.body } };
}
