import { draftScope, draftVisible, incomingScope, incomingVisible, outgoingScope, outgoingVisible } from '../scope/repo';
import { currentViewer } from '../scope/viewer';
import { stmt, type DB } from '../db/connection';
import { nextUpdatedAt } from '../db/stamps';
import type { LinkKind, Meeting, MeetingLink, MeetingParticipant, MeetingStatus, Recurrence, Room } from '../../shared/meetings/schemas';
import { BOOKING_STATUSES, MAX_MEETING_DAYS } from '../../shared/meetings/schemas';
import { DAY_MS, isoVN } from '../../shared/meetings/time';
import { foldVietnamese } from '../../shared/text/fold';

/** SQL for rooms, meetings, their participants, related documents and bookings. */
const MAX_SPAN_MS = MAX_MEETING_DAYS * DAY_MS;

export const folded = (s: string) => foldVietnamese(s).replace(/\s+/g, ' ').trim();

interface RoomRow {
  id: number;
  name: string;
  capacity: number | null;
  location: string;
  active: number;
}
const toRoom = (r: RoomRow): Room => ({ id: r.id, name: r.name, capacity: r.capacity, location: r.location, active: r.active === 1 });

export function listRooms(db: DB): Room[] {
  return (stmt(db, 'SELECT * FROM rooms ORDER BY active DESC, name').all() as RoomRow[]).map(toRoom);
}

export function getRoom(db: DB, id: number): Room | undefined {
  const r = stmt(db, 'SELECT * FROM rooms WHERE id = ?').get(id) as RoomRow | undefined;
  return r && toRoom(r);
}

export function roomByName(db: DB, name: string): Room | undefined {
  const r = stmt(db, 'SELECT * FROM rooms WHERE name_folded = ?').get(folded(name)) as RoomRow | undefined;
  return r && toRoom(r);
}

export function insertRoom(db: DB, r: { name: string; capacity: number | null; location: string; active: boolean }, now: string): number {
  const info = stmt(db, 'INSERT INTO rooms (name, name_folded, capacity, location, active, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(
    r.name,
    folded(r.name),
    r.capacity,
    r.location,
    r.active ? 1 : 0,
    now,
  );
  return Number(info.lastInsertRowid);
}

export function updateRoom(db: DB, id: number, r: { name: string; capacity: number | null; location: string; active: boolean }): void {
  stmt(db, 'UPDATE rooms SET name = ?, name_folded = ?, capacity = ?, location = ?, active = ? WHERE id = ?').run(r.name, folded(r.name), r.capacity, r.location, r.active ? 1 : 0, id);
}

/** What a meeting row holds; participants, links and bookings are written beside it. */
export interface MeetingRecord {
  uid: string;
  recurrenceId: number | null;
  recurrence: Recurrence | null;
  title: string;
  content: string;
  startMs: number;
  endMs: number;
  allDay: boolean;
  roomId: number | null;
  location: string;
  chairUserId: number | null;
  chairName: string | null;
  prepareUnit: string;
  status: MeetingStatus;
  statusReason: string | null;
  reminderMinutes: number | null;
  conflictReason: string | null;
  sequence: number;
}

export interface ParticipantRecord {
  kind: MeetingParticipant['kind'];
  userId: number | null;
  organizationId: number | null;
  name: string;
}

interface MeetingRowDb {
  id: number;
  uid: string;
  recurrence_id: number;
  recurrence: string | null;
  title: string;
  content: string;
  start_ms: number;
  end_ms: number;
  all_day: number;
  room_id: number | null;
  room_name: string | null;
  location: string;
  chair_user_id: number | null;
  chair_name: string | null;
  chair_full_name: string | null;
  chair_title: string | null;
  prepare_unit: string;
  status: MeetingStatus;
  status_reason: string | null;
  reminder_minutes: number | null;
  conflict_reason: string | null;
  sequence: number;
  created_by_name: string | null;
  created_by: number | null;
  updated_at: string;
}

const SELECT_MEETING = `SELECT m.*, r.name AS room_name, u.full_name AS chair_full_name, u.title AS chair_title, c.full_name AS created_by_name
  FROM meetings m LEFT JOIN rooms r ON r.id = m.room_id LEFT JOIN users u ON u.id = m.chair_user_id LEFT JOIN users c ON c.id = m.created_by`;

/** The columns insert and update share, in the order both statements list them. */
function recordValues(m: MeetingRecord): unknown[] {
  return [
    m.recurrence ? JSON.stringify(m.recurrence) : null,
    m.title,
    m.content,
    m.startMs,
    m.endMs,
    m.allDay ? 1 : 0,
    m.roomId,
    m.location,
    m.chairUserId,
    m.chairName,
    m.prepareUnit,
    m.status,
    m.statusReason,
    m.reminderMinutes,
    m.conflictReason,
    m.sequence,
  ];
}

export function insertMeeting(db: DB, m: MeetingRecord, who: number | null, now: string): number {
  const info = stmt(
    db,
    `INSERT INTO meetings (uid, recurrence_id, recurrence, title, content, start_ms, end_ms, all_day, room_id, location, chair_user_id,
       chair_name, prepare_unit, status, status_reason, reminder_minutes, conflict_reason, sequence, created_by, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(m.uid, m.recurrenceId ?? 0, ...recordValues(m), who, now, now);
  return Number(info.lastInsertRowid);
}

export function updateMeeting(db: DB, id: number, m: MeetingRecord, now: string): void {
  stmt(
    db,
    `UPDATE meetings SET recurrence = ?, title = ?, content = ?, start_ms = ?, end_ms = ?, all_day = ?, room_id = ?, location = ?,
       chair_user_id = ?, chair_name = ?, prepare_unit = ?, status = ?, status_reason = ?, reminder_minutes = ?, conflict_reason = ?,
       sequence = ?, updated_at = ${nextUpdatedAt()} WHERE id = ?`,
  ).run(...recordValues(m), now, id);
}

export function setStatus(db: DB, id: number, status: MeetingStatus, reason: string | null, now: string): void {
  stmt(db, `UPDATE meetings SET status = ?, status_reason = ?, sequence = sequence + 1, updated_at = ${nextUpdatedAt()} WHERE id = ?`).run(status, reason, now, id);
}

export function replaceParticipants(db: DB, meetingId: number, people: ParticipantRecord[]): void {
  stmt(db, 'DELETE FROM meeting_participants WHERE meeting_id = ?').run(meetingId);
  const ins = stmt(db, 'INSERT INTO meeting_participants (meeting_id, pos, kind, user_id, organization_id, name) VALUES (?, ?, ?, ?, ?, ?)');
  people.forEach((p, i) => ins.run(meetingId, i, p.kind, p.userId, p.organizationId, p.name));
}

export function replaceLinks(db: DB, meetingId: number, links: { kind: LinkKind; id: number }[]): void {
  stmt(db, 'DELETE FROM meeting_links WHERE meeting_id = ?').run(meetingId);
  const ins = stmt(db, 'INSERT OR IGNORE INTO meeting_links (meeting_id, kind, ref_id) VALUES (?, ?, ?)');
  for (const l of links) ins.run(meetingId, l.kind, l.id);
}

/** 'r12' for room 12, 'u3' for user 3. */
export const roomResource = (id: number) => `r${id}`;
export const personResource = (id: number) => `u${id}`;

export function resourcesOf(m: Pick<MeetingRecord, 'roomId' | 'chairUserId'>, people: Pick<ParticipantRecord, 'userId'>[]): string[] {
  const out = new Set<string>();
  if (m.roomId !== null) out.add(roomResource(m.roomId));
  if (m.chairUserId !== null) out.add(personResource(m.chairUserId));
  for (const p of people) if (p.userId !== null) out.add(personResource(p.userId));
  return [...out];
}

/** Rewrites what a meeting occupies: nothing unless it is dự kiến or chính thức. */
export function replaceBookings(db: DB, meetingId: number, m: Pick<MeetingRecord, 'status' | 'startMs' | 'endMs'>, resources: string[]): void {
  stmt(db, 'DELETE FROM meeting_bookings WHERE meeting_id = ?').run(meetingId);
  if (!BOOKING_STATUSES.includes(m.status)) return;
  const ins = stmt(db, 'INSERT INTO meeting_bookings (resource, start_ms, end_ms, meeting_id) VALUES (?, ?, ?, ?)');
  for (const r of resources) ins.run(r, m.startMs, m.endMs, meetingId);
}

/**
 * Other meetings holding a resource at an overlapping time. The primary key (resource, start) bounds the search:
 * a meeting lasts at most MAX_MEETING_DAYS, so nothing starting earlier than that can still be running.
 */
export function clashingBookings(db: DB, resource: string, startMs: number, endMs: number, exclude: number[]): { meetingId: number }[] {
  const rows = stmt(
    db,
    `SELECT meeting_id AS meetingId FROM meeting_bookings
     WHERE resource = ? AND start_ms > ? AND start_ms < ? AND end_ms > ?`,
  ).all(resource, startMs - MAX_SPAN_MS, endMs, startMs) as { meetingId: number }[];
  return exclude.length ? rows.filter((r) => !exclude.includes(r.meetingId)) : rows;
}

export function meetingIdByUid(db: DB, uid: string, recurrenceId: number | null): number | undefined {
  return stmt(db, 'SELECT id FROM meetings WHERE uid = ? AND recurrence_id = ?').pluck().get(uid, recurrenceId ?? 0) as number | undefined;
}

/** Occurrences of a series from one onwards (by original start, whatever has been moved since), in order. */
export function seriesFrom(db: DB, uid: string, fromRecurrenceId: number): number[] {
  return stmt(db, 'SELECT id FROM meetings WHERE uid = ? AND recurrence_id <> 0 AND recurrence_id >= ? ORDER BY recurrence_id').pluck().all(uid, fromRecurrenceId) as number[];
}

/** Every occurrence of a series, light: what an import needs to find those its file no longer has. */
export interface OccurrenceRow {
  id: number;
  recurrenceId: number;
  startMs: number;
  status: MeetingStatus;
  sequence: number;
}
export function seriesOccurrences(db: DB, uid: string): OccurrenceRow[] {
  return stmt(db, 'SELECT id, recurrence_id AS recurrenceId, start_ms AS startMs, status, sequence FROM meetings WHERE uid = ? AND recurrence_id <> 0 ORDER BY recurrence_id').all(uid) as OccurrenceRow[];
}

export function setConflictReason(db: DB, id: number, reason: string | null): void {
  stmt(db, 'UPDATE meetings SET conflict_reason = ? WHERE id = ?').run(reason, id);
}

export function addLink(db: DB, meetingId: number, kind: LinkKind, refId: number): void {
  stmt(db, 'INSERT OR IGNORE INTO meeting_links (meeting_id, kind, ref_id) VALUES (?, ?, ?)').run(meetingId, kind, refId);
}

/** Meetings overlapping [fromMs, toMs), optionally of one person (chair or participant) or one room, by start. */
export function meetingIdsInRange(db: DB, fromMs: number, toMs: number, o: { userId?: number; roomId?: number; includeCancelled?: boolean } = {}): number[] {
  const where = ['m.start_ms < ?', 'm.end_ms > ?', 'm.start_ms > ?'];
  const args: unknown[] = [toMs, fromMs, fromMs - MAX_SPAN_MS];
  if (o.includeCancelled === false) where.push(`m.status IN ('du-kien', 'chinh-thuc')`);
  if (o.roomId !== undefined) {
    where.push('m.room_id = ?');
    args.push(o.roomId);
  }
  if (o.userId !== undefined) {
    where.push('(m.chair_user_id = ? OR EXISTS (SELECT 1 FROM meeting_participants p WHERE p.meeting_id = m.id AND p.user_id = ?))');
    args.push(o.userId, o.userId);
  }
  return stmt(db, `SELECT m.id FROM meetings m WHERE ${where.join(' AND ')} ORDER BY m.start_ms, m.end_ms, m.id`).pluck().all(...args) as number[];
}

interface ParticipantDb {
  meeting_id: number;
  kind: MeetingParticipant['kind'];
  user_id: number | null;
  organization_id: number | null;
  name: string;
  u_name: string | null;
  u_title: string | null;
  u_unit: string | null;
  o_name: string | null;
  parent_name: string | null;
}

interface LinkDb {
  meeting_id: number;
  kind: LinkKind;
  ref_id: number;
  label: string | null;
}

/** Whole meetings for a list of ids, in the order given: three queries whatever the count. */
export function meetingsByIds(db: DB, ids: number[]): Meeting[] {
  if (ids.length === 0) return [];
  const json = JSON.stringify(ids);
  const rows = stmt(db, `${SELECT_MEETING} WHERE m.id IN (SELECT value FROM json_each(?))`).all(json) as MeetingRowDb[];
  const people = stmt(
    db,
    `SELECT p.*, u.full_name AS u_name, u.title AS u_title, u.unit AS u_unit, o.name AS o_name, op.name AS parent_name
     FROM meeting_participants p LEFT JOIN users u ON u.id = p.user_id LEFT JOIN organizations o ON o.id = p.organization_id
       LEFT JOIN organizations op ON op.id = o.parent_id
     WHERE p.meeting_id IN (SELECT value FROM json_each(?)) ORDER BY p.meeting_id, p.pos`,
  ).all(json) as ParticipantDb[];
  // A linked document is named only to whoever may read it (scope/repo.ts); to anyone else the link says so.
  const v = currentViewer(db);
  const [i, o, d] = [incomingScope(v, 'd'), outgoingScope(v, 'g'), draftScope(v, 'x')];
  const links = stmt(
    db,
    `SELECT l.*, coalesce(CASE l.kind
        WHEN 'incoming' THEN (SELECT 'Văn bản đến số ' || d.arrival_number || ': ' || d.ref || ' — ' || d.subject FROM incoming_docs d WHERE d.id = l.ref_id AND ${i.sql})
        WHEN 'outgoing' THEN (SELECT 'Văn bản đi ' || g.ref || ' — ' || g.subject FROM outgoing_docs g WHERE g.id = l.ref_id AND ${o.sql})
        ELSE (SELECT 'Dự thảo: ' || x.subject FROM drafts x WHERE x.id = l.ref_id AND ${d.sql}) END, 'Văn bản (bạn không được xem)') AS label
     FROM meeting_links l WHERE l.meeting_id IN (SELECT value FROM json_each(?)) ORDER BY l.meeting_id, l.kind, l.ref_id`,
  ).all(...i.params, ...o.params, ...d.params, json) as LinkDb[];
  const peopleBy = groupBy(people, (p) => p.meeting_id);
  const linksBy = groupBy(links, (l) => l.meeting_id);
  const byId = new Map(rows.map((r) => [r.id, toMeeting(r, peopleBy.get(r.id) ?? [], linksBy.get(r.id) ?? [])]));
  return ids.map((id) => byId.get(id)).filter((m): m is Meeting => m !== undefined);
}

export function getMeeting(db: DB, id: number): Meeting | undefined {
  return meetingsByIds(db, [id])[0];
}

function groupBy<T>(xs: T[], key: (x: T) => number): Map<number, T[]> {
  const m = new Map<number, T[]>();
  for (const x of xs) {
    const k = key(x);
    const list = m.get(k);
    if (list) list.push(x);
    else m.set(k, [x]);
  }
  return m;
}

/** A single meeting has recurrence_id 0 in the table (so UNIQUE works) and null in code. */
const seriesOf = (r: MeetingRowDb) => ({
  recurrenceId: r.recurrence_id === 0 ? null : r.recurrence_id,
  recurrence: r.recurrence ? (JSON.parse(r.recurrence) as Recurrence) : null,
});

function toMeeting(r: MeetingRowDb, people: ParticipantDb[], links: LinkDb[]): Meeting {
  const participants: MeetingParticipant[] = people.map((p) => ({
    kind: p.kind,
    refId: p.user_id ?? p.organization_id,
    name: p.u_name ?? p.o_name ?? p.name,
    detail: p.kind === 'person' ? [p.u_title, p.u_unit].filter(Boolean).join(', ') || null : p.kind === 'organization' ? p.parent_name : null,
  }));
  const chairName = r.chair_full_name ?? r.chair_name;
  return {
    id: r.id,
    uid: r.uid,
    ...seriesOf(r),
    title: r.title,
    content: r.content,
    start: isoVN(r.start_ms),
    end: isoVN(r.end_ms),
    startMs: r.start_ms,
    endMs: r.end_ms,
    allDay: r.all_day === 1,
    room: r.room_id !== null ? { id: r.room_id, name: r.room_name ?? '' } : null,
    location: r.location,
    chair: chairName ? { userId: r.chair_user_id, name: chairName, title: r.chair_title ?? '' } : null,
    participants,
    prepareUnit: r.prepare_unit,
    links: links.map((l): MeetingLink => ({ kind: l.kind, refId: l.ref_id, label: l.label ?? `#${l.ref_id}` })),
    status: r.status,
    statusReason: r.status_reason,
    reminderMinutes: r.reminder_minutes,
    conflictReason: r.conflict_reason,
    sequence: r.sequence,
    createdBy: r.created_by_name,
    createdById: r.created_by,
    updatedAt: r.updated_at,
  };
}

/** The record of a stored meeting, for a change that keeps the rest. */
export function meetingRecord(db: DB, id: number): (MeetingRecord & { id: number; participants: ParticipantRecord[]; updatedAt: string }) | undefined {
  const r = stmt(db, 'SELECT * FROM meetings WHERE id = ?').get(id) as MeetingRowDb | undefined;
  if (!r) return undefined;
  const participants = (stmt(db, 'SELECT kind, user_id AS userId, organization_id AS organizationId, name FROM meeting_participants WHERE meeting_id = ? ORDER BY pos').all(id) as ParticipantRecord[]);
  return {
    id: r.id,
    uid: r.uid,
    ...seriesOf(r),
    title: r.title,
    content: r.content,
    startMs: r.start_ms,
    endMs: r.end_ms,
    allDay: r.all_day === 1,
    roomId: r.room_id,
    location: r.location,
    chairUserId: r.chair_user_id,
    chairName: r.chair_name,
    prepareUnit: r.prepare_unit,
    status: r.status,
    statusReason: r.status_reason,
    reminderMinutes: r.reminder_minutes,
    conflictReason: r.conflict_reason,
    sequence: r.sequence,
    participants,
    updatedAt: r.updated_at,
  };
}

export function meetingCreator(db: DB, id: number): number | null {
  return (stmt(db, 'SELECT created_by FROM meetings WHERE id = ?').pluck().get(id) as number | null | undefined) ?? null;
}

/** A document a meeting may link to: one the caller may read (scope/repo.ts). */
export function linkTargetExists(db: DB, kind: LinkKind, id: number): boolean {
  const v = currentViewer(db);
  return kind === 'incoming' ? incomingVisible(db, id, v) : kind === 'outgoing' ? outgoingVisible(db, id, v) : draftVisible(db, id, v);
}

/** Active users whose folded full name or username is this name. */
export function usersNamed(db: DB, name: string): { id: number; fullName: string }[] {
  const f = folded(name);
  const all = stmt(db, 'SELECT id, full_name AS fullName, username FROM users WHERE active = 1').all() as { id: number; fullName: string; username: string }[];
  return all.filter((u) => folded(u.fullName) === f || u.username.toLowerCase() === name.trim().toLowerCase()).map(({ id, fullName }) => ({ id, fullName }));
}

export function organizationByFoldedName(db: DB, name: string): { id: number; name: string } | undefined {
  return stmt(db, 'SELECT id, name FROM organizations WHERE name_folded = ?').get(folded(name)) as { id: number; name: string } | undefined;
}
