import { randomUUID } from 'node:crypto';
import { AppError } from '../../shared/api/result';
import type { MethodParsed } from '../../shared/api/contract';
import { hasRole, type Caller } from '../../shared/auth/roles';
import type { Clash, DayClashes, Meeting, ParticipantInput, Reminder, SaveMeetingResult } from '../../shared/meetings/schemas';
import { BOOKING_STATUSES, MAX_MEETING_DAYS, MEETING_STATUS_LABELS } from '../../shared/meetings/schemas';
import { DAY_MS, addDays, dayStartMs, isoVN, vnParts } from '../../shared/meetings/time';
import type { AppContext } from '../app/context';
import { immediate, type DB } from '../db/connection';
import { audit } from '../audit/record';
import { requireCaller } from '../app/caller';
import { userById } from '../auth/repo';
import { refuseIfChangedSince } from '../auth/edit-guard';
import { getOrganization } from '../directory/repo';
import { findClashes, type Slot } from './conflicts';
import { clashMessage, clashPairs } from '../../shared/meetings/clashes';
import { describeRecurrence, occurrenceStarts } from './recurrence';
import { calendarExceptions } from '../calendar/repo';
import * as repo from './repo';

/**
 * Lịch họp: meetings are written one command per transaction (BEGIN IMMEDIATE), and the clash check runs inside it,
 * so two people booking the same room at once cannot both succeed unnoticed.
 */
const me = requireCaller;

/** The maker of a meeting, the văn thư (who keeps the schedule) and leaders change it. */
export function mayEdit(db: DB, id: number, c: Caller): boolean {
  return hasRole(c, 'vanthu', 'lanhdao') || repo.meetingCreator(db, id) === c.id;
}

function requireMayEdit(db: DB, id: number): void {
  if (!mayEdit(db, id, me())) throw new AppError('FORBIDDEN', 'Chỉ người tạo lịch, văn thư hoặc lãnh đạo mới sửa được cuộc họp này.');
}

export function resourceName(db: DB, resource: string): string {
  const id = Number(resource.slice(1));
  if (resource.startsWith('r')) return repo.getRoom(db, id)?.name ?? `Phòng ${id}`;
  return userById(db, id)?.fullName ?? `Người số ${id}`;
}

/**
 * Participants as stored: people and organisations must exist (a person already on the meeting may since have left);
 * their names are kept as they were at the time.
 */
function resolveParticipants(db: DB, list: ParticipantInput[], kept: repo.ParticipantRecord[]): repo.ParticipantRecord[] {
  return list.map((p, i) => {
    if (p.kind === 'person') {
      const u = userById(db, p.userId);
      const already = kept.some((k) => k.userId === p.userId);
      if (!u || (!u.active && !already)) throw new AppError('VALIDATION', `Không có người số ${p.userId} trong danh sách cán bộ.`, { field: `participants.${i}` });
      return { kind: 'person', userId: u.id, organizationId: null, name: u.fullName };
    }
    if (p.kind === 'organization') {
      const o = getOrganization(db, p.organizationId);
      if (!o) throw new AppError('VALIDATION', `Không có cơ quan, đơn vị số ${p.organizationId} trong danh bạ.`, { field: `participants.${i}` });
      return { kind: 'organization', userId: null, organizationId: o.id, name: o.name };
    }
    return { kind: 'text', userId: null, organizationId: null, name: p.name };
  });
}

/**
 * All-day meetings run from 00:00 of the first day to 00:00 after the last, in Vietnam. The end may be given as the
 * last day (any time on it) or as 00:00 of the day after it, as calendars write it.
 */
export function normaliseTimes(startMs: number, endMs: number, allDay: boolean): { startMs: number; endMs: number } {
  if (!allDay) return { startMs, endMs };
  const startDate = vnParts(startMs).date;
  const end = vnParts(endMs);
  const s = dayStartMs(startDate);
  const exclusive = end.hour === 0 && end.minute === 0 && endMs % 60_000 === 0 && end.date > startDate;
  return { startMs: s, endMs: exclusive ? dayStartMs(end.date) : dayStartMs(addDays(end.date, 1)) };
}

type SaveInput = MethodParsed<'meetings.save'>;
type StoredMeeting = NonNullable<ReturnType<typeof repo.meetingRecord>>;

/** The record a save writes: the input over the stored meeting (a field left out keeps its value). */
function recordFrom(db: DB, input: SaveInput, old: StoredMeeting | undefined, base: { uid: string; recurrenceId: number | null; sequence: number }): repo.MeetingRecord {
  const roomId = input.roomId === undefined ? old?.roomId ?? null : input.roomId;
  if (roomId !== null && roomId !== old?.roomId) {
    const room = repo.getRoom(db, roomId);
    if (!room) throw new AppError('VALIDATION', `Không có phòng họp số ${roomId}.`, { field: 'roomId' });
    if (!room.active) throw new AppError('VALIDATION', `Phòng «${room.name}» đã ngừng sử dụng.`, { field: 'roomId' });
  }
  const chairUserId = input.chairId === undefined ? old?.chairUserId ?? null : input.chairId;
  let chairName = input.chairId === undefined ? old?.chairName ?? null : null;
  if (chairUserId !== null && chairUserId !== old?.chairUserId) {
    const u = userById(db, chairUserId);
    if (!u || !u.active) throw new AppError('VALIDATION', `Không có người chủ trì số ${chairUserId} trong danh sách cán bộ.`, { field: 'chairId' });
    chairName = u.fullName;
  }
  input.links?.forEach((l, i) => {
    if (!repo.linkTargetExists(db, l.kind, l.id)) throw new AppError('VALIDATION', `Không có văn bản liên quan (${l.kind} số ${l.id}).`, { field: `links.${i}` });
  });
  const allDay = input.allDay ?? old?.allDay ?? false;
  const t = normaliseTimes(input.start, input.end, allDay);
  if (t.endMs <= t.startMs) throw new AppError('VALIDATION', 'Thời gian kết thúc phải sau thời gian bắt đầu.', { field: 'end' });
  if (t.endMs - t.startMs > MAX_MEETING_DAYS * DAY_MS) throw new AppError('VALIDATION', `Một cuộc họp kéo dài tối đa ${MAX_MEETING_DAYS} ngày.`, { field: 'end' });
  const status = input.status ?? old?.status ?? 'du-kien';
  if (old && status !== old.status && !BOOKING_STATUSES.includes(status)) {
    throw new AppError('VALIDATION', 'Hoãn hoặc hủy cuộc họp bằng nút Hoãn/Hủy, có ghi lý do.', { field: 'status' });
  }
  return {
    uid: base.uid,
    recurrenceId: base.recurrenceId,
    recurrence: old ? old.recurrence : input.recurrence ?? null,
    title: input.title,
    content: input.content ?? old?.content ?? '',
    startMs: t.startMs,
    endMs: t.endMs,
    allDay,
    roomId,
    location: roomId !== null ? '' : input.location ?? old?.location ?? '',
    chairUserId,
    chairName,
    prepareUnit: input.prepareUnit ?? old?.prepareUnit ?? '',
    status,
    statusReason: old && status === old.status ? old.statusReason : null,
    reminderMinutes: input.reminderMinutes === undefined ? (old ? old.reminderMinutes : 15) : input.reminderMinutes,
    conflictReason: old?.conflictReason ?? null,
    sequence: base.sequence,
  };
}

/** Refuses clashes unless overridden with a reason; returns the clashes accepted. */
function checkClashes(db: DB, slots: Slot[], exclude: number[], allow: boolean): Clash[] {
  const clashes = findClashes(db, slots, exclude, (r) => resourceName(db, r));
  if (clashes.length && !allow) throw new AppError('CONFLICT', clashMessage(clashes), { field: 'start', details: { clashes } });
  return clashes;
}

export function saveMeeting(app: AppContext, input: SaveInput): SaveMeetingResult {
  const c = me();
  const now = app.nowIso();
  return immediate(app.db, () => {
    const db = app.db;
    if (input.id === undefined) {
      const people = resolveParticipants(db, input.participants ?? [], []);
      const links = input.links ?? [];
      const uid = `${randomUUID()}@vanphong`;
      const first = recordFrom(db, input, undefined, { uid, recurrenceId: null, sequence: 0 });
      const duration = first.endMs - first.startMs;
      const starts = input.recurrence ? occurrenceStarts(first.startMs, input.recurrence, calendarExceptions(db)) : [first.startMs];
      const records = starts.map((s) => ({ ...first, startMs: s, endMs: s + duration, recurrenceId: input.recurrence ? s : null }));
      const resources = repo.resourcesOf(first, people);
      const active = BOOKING_STATUSES.includes(first.status);
      const clashes = active ? checkClashes(db, records.map((r) => ({ startMs: r.startMs, endMs: r.endMs, resources })), [], input.allowConflict) : [];
      const clashed = new Set(clashes.map((x) => x.occurrenceStart));
      let firstId = 0;
      for (const r of records) {
        const own = clashes.length > 0 && (records.length === 1 || clashed.has(isoVN(r.startMs)));
        const id = repo.insertMeeting(db, { ...r, conflictReason: own ? input.conflictReason ?? null : null }, c.id, now);
        repo.replaceParticipants(db, id, people);
        repo.replaceLinks(db, id, links);
        repo.replaceBookings(db, id, r, resources);
        firstId ||= id;
      }
      audit(app, 'meeting.create', 'meeting', firstId, {
        title: first.title,
        start: new Date(first.startMs).toISOString(),
        ...(input.recurrence ? { series: describeRecurrence(first.startMs, input.recurrence), occurrences: records.length } : {}),
        ...(clashes.length ? { clashes: clashes.length, reason: input.conflictReason } : {}),
      });
      return { meeting: repo.getMeeting(db, firstId)!, created: records.length, clashes };
    }

    const old = repo.meetingRecord(db, input.id);
    if (!old) throw new AppError('NOT_FOUND', `Không có cuộc họp số ${input.id}.`);
    requireMayEdit(db, input.id);
    refuseIfChangedSince(app, { entity: 'meeting', id: input.id, updatedAt: old.updatedAt, noun: 'Cuộc họp' }, input.expectedUpdatedAt);
    const people = input.participants === undefined ? old.participants : resolveParticipants(db, input.participants, old.participants);
    const next = recordFrom(db, input, old, { uid: old.uid, recurrenceId: old.recurrenceId, sequence: old.sequence + 1 });
    // A series changed "from this one on": every later occurrence moves by the same amount and takes the new details;
    // one already postponed or cancelled keeps that status.
    const ids = input.scope === 'following' && old.recurrenceId !== null ? repo.seriesFrom(db, old.uid, old.recurrenceId) : [input.id];
    const delta = next.startMs - old.startMs;
    const duration = next.endMs - next.startMs;
    const targets = ids.map((id) => {
      const o = id === input.id ? old : repo.meetingRecord(db, id)!;
      const startMs = o.startMs + delta;
      const keepsStatus = id !== input.id && !BOOKING_STATUSES.includes(o.status);
      return {
        id,
        record: {
          ...next,
          recurrenceId: o.recurrenceId,
          startMs,
          endMs: startMs + duration,
          sequence: o.sequence + 1,
          status: keepsStatus ? o.status : next.status,
          statusReason: keepsStatus ? o.statusReason : next.statusReason,
          conflictReason: o.conflictReason,
        },
      };
    });
    const resources = repo.resourcesOf(next, people);
    const slots = targets.filter((t) => BOOKING_STATUSES.includes(t.record.status)).map((t) => ({ startMs: t.record.startMs, endMs: t.record.endMs, resources }));
    const clashes = checkClashes(db, slots, ids, input.allowConflict);
    for (const t of targets) {
      repo.updateMeeting(db, t.id, { ...t.record, conflictReason: clashes.length ? input.conflictReason ?? null : null }, now);
      if (input.participants !== undefined) repo.replaceParticipants(db, t.id, people);
      if (input.links !== undefined) repo.replaceLinks(db, t.id, input.links);
      repo.replaceBookings(db, t.id, t.record, resources);
    }
    audit(app, 'meeting.update', 'meeting', input.id, {
      title: next.title,
      start: new Date(next.startMs).toISOString(),
      ...(ids.length > 1 ? { occurrences: ids } : {}),
      ...(clashes.length ? { clashes: clashes.length, reason: input.conflictReason } : {}),
    });
    return { meeting: repo.getMeeting(db, input.id)!, created: 0, clashes };
  });
}

export function setStatus(app: AppContext, input: MethodParsed<'meetings.setStatus'>): Meeting {
  const now = app.nowIso();
  return immediate(app.db, () => {
    const db = app.db;
    const old = repo.meetingRecord(db, input.id);
    if (!old) throw new AppError('NOT_FOUND', `Không có cuộc họp số ${input.id}.`);
    requireMayEdit(db, input.id);
    const resources = repo.resourcesOf(old, old.participants);
    const next = { ...old, status: input.status };
    let clashes: Clash[] = [];
    if (BOOKING_STATUSES.includes(input.status) && !BOOKING_STATUSES.includes(old.status)) {
      clashes = checkClashes(db, [{ startMs: old.startMs, endMs: old.endMs, resources }], [old.id], input.allowConflict);
    }
    repo.setStatus(db, input.id, input.status, input.reason ?? null, now);
    if (clashes.length) repo.setConflictReason(db, input.id, input.reason ?? null);
    repo.replaceBookings(db, input.id, next, resources);
    audit(app, 'meeting.status', 'meeting', input.id, {
      title: old.title,
      from: MEETING_STATUS_LABELS[old.status],
      to: MEETING_STATUS_LABELS[input.status],
      reason: input.reason ?? null,
      ...(clashes.length ? { clashes: clashes.length } : {}),
    });
    return repo.getMeeting(db, input.id)!;
  });
}

export function getMeeting(app: AppContext, id: number): Meeting {
  const m = repo.getMeeting(app.db, id);
  if (!m) throw new AppError('NOT_FOUND', `Không có cuộc họp số ${id}.`);
  return m;
}

export function listMeetings(app: AppContext, input: MethodParsed<'meetings.list'>): Meeting[] {
  const ids = repo.meetingIdsInRange(app.db, dayStartMs(input.from), dayStartMs(addDays(input.to, 1)), input);
  return repo.meetingsByIds(app.db, ids);
}

/**
 * A day's double bookings (a leader's day shows them): pairs of active meetings sharing a person or a room; of one
 * person's or one room's day, only the pairs that share that person or that room.
 */
export function dayClashes(app: AppContext, input: MethodParsed<'meetings.clashes'>): DayClashes {
  const from = dayStartMs(input.date);
  const only = input.userId !== undefined ? { userId: input.userId } : input.roomId !== undefined ? { roomId: input.roomId } : {};
  const ids = repo.meetingIdsInRange(app.db, from, from + DAY_MS, { ...only, includeCancelled: false });
  return { date: input.date, pairs: clashPairs(repo.meetingsByIds(app.db, ids), { personId: input.userId, roomId: input.userId === undefined ? input.roomId : undefined }) };
}

/** The caller's coming meetings that ask for a reminder, for the desktop notification. */
export function upcoming(app: AppContext, input: MethodParsed<'meetings.upcoming'>): Reminder[] {
  const c = me();
  const now = app.clock().getTime();
  const ids = repo.meetingIdsInRange(app.db, now, now + input.withinMinutes * 60_000 + 1440 * 60_000, { userId: c.id, includeCancelled: false });
  return repo
    .meetingsByIds(app.db, ids)
    .filter((m) => m.reminderMinutes !== null && m.startMs > now && m.startMs - m.reminderMinutes * 60_000 <= now + input.withinMinutes * 60_000)
    .map((m) => ({
      meetingId: m.id,
      title: m.title,
      start: m.start,
      startMs: m.startMs,
      location: m.room?.name ?? m.location,
      remindAtMs: m.startMs - (m.reminderMinutes ?? 0) * 60_000,
    }));
}
