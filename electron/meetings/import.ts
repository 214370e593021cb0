import { AppError } from '../../shared/api/result';
import type { MethodParsed } from '../../shared/api/contract';
import type { Clash, IcsImportReport } from '../../shared/meetings/schemas';
import { BOOKING_STATUSES, MAX_MEETING_DAYS } from '../../shared/meetings/schemas';
import { DAY_MS, addDays, dateVN, dayStartMs, isoVN } from '../../shared/meetings/time';
import type { AppContext } from '../app/context';
import { immediate, type DB } from '../db/connection';
import { audit } from '../audit/record';
import { currentActor } from '../app/caller';
import { findClashes } from './conflicts';
import type { CalendarEvent, IcsParseResult } from './ics-event';
import { parseOrRefuse } from '../parsing/untrusted';
import * as repo from './repo';
import { mayEdit, resourceName } from './service';

/** How far ahead an endless series (RRULE without UNTIL or COUNT) is expanded. */
const EXPAND_YEARS = 2;

class DryRun extends Error {
  constructor(readonly report: IcsImportReport) {
    super('dry run');
  }
}

/** A name matches one active account (full name or username) or one organisation; otherwise it stays as written. */
function matchPerson(db: DB, name: string): number | null {
  const users = repo.usersNamed(db, name);
  return users.length === 1 ? users[0].id : null;
}

function toRecord(db: DB, ev: CalendarEvent, unmatched: Set<string>): { record: repo.MeetingRecord; people: repo.ParticipantRecord[] } {
  const roomName = ev.room ?? ev.location;
  const room = roomName ? repo.roomByName(db, roomName) : undefined;
  let chairUserId: number | null = null;
  if (ev.chair) {
    chairUserId = matchPerson(db, ev.chair);
    if (chairUserId === null) unmatched.add(ev.chair);
  }
  const people: repo.ParticipantRecord[] = ev.participants.map((name) => {
    const userId = matchPerson(db, name);
    if (userId !== null) return { kind: 'person', userId, organizationId: null, name };
    const org = repo.organizationByFoldedName(db, name);
    if (org) return { kind: 'organization', userId: null, organizationId: org.id, name: org.name };
    unmatched.add(name);
    return { kind: 'text', userId: null, organizationId: null, name };
  });
  return {
    record: {
      uid: ev.uid,
      recurrenceId: ev.recurrenceId,
      recurrence: null,
      title: ev.title,
      content: ev.content,
      startMs: ev.startMs,
      endMs: ev.endMs,
      allDay: ev.allDay,
      roomId: room && room.active ? room.id : null,
      location: room && room.active ? '' : ev.location,
      chairUserId,
      chairName: ev.chair,
      prepareUnit: ev.prepareUnit ?? '',
      status: ev.status,
      statusReason: null,
      reminderMinutes: 15,
      conflictReason: null,
      sequence: ev.sequence,
    },
    people,
  };
}

const SAME_FIELDS = ['title', 'content', 'startMs', 'endMs', 'allDay', 'roomId', 'location', 'chairUserId', 'chairName', 'prepareUnit', 'status'] as const;

function sameMeeting(a: repo.MeetingRecord & { participants: repo.ParticipantRecord[] }, b: repo.MeetingRecord, people: repo.ParticipantRecord[]): boolean {
  return SAME_FIELDS.every((k) => a[k] === b[k]) && JSON.stringify(a.participants.map((p) => p.name)) === JSON.stringify(people.map((p) => p.name));
}

interface Plan {
  uid: string;
  record: repo.MeetingRecord;
  people: repo.ParticipantRecord[];
  existingId?: number;
  /** An occurrence the file's series no longer has: cancelled, kept with the reason. */
  cancel?: boolean;
}

type Shaped = ReturnType<typeof toRecord>;

const occurrenceKey = (uid: string, recurrenceId: number | null) => `${uid}\u0000${recurrenceId ?? ''}`;

/**
 * Occurrences stored here of a series whose master the file holds, that its expansion no longer gives (the series
 * was moved as a whole, shortened by UNTIL or an EXDATE, or an occurrence deleted): they are cancelled with a reason,
 * never deleted. Only what the file speaks for: inside its calendar's span (X-VANPHONG-RANGE — both the original start
 * and the start now; a calendar that states none speaks for the whole series), as far as the series was read, not
 * changed here after the file's master (a higher SEQUENCE), and never from a file of one person's or one room's
 * meetings, which leaves out what is not theirs.
 */
function ghostsOf(app: AppContext, parsed: IcsParseResult, inFile: Set<string>, fileName: string | null, report: IcsImportReport): Plan[] {
  const db = app.db;
  const who = currentActor();
  const reason = `Không còn trong chuỗi lịch của tệp${fileName ? ` «${fileName}»` : ' .ics'} nhập ngày ${dateVN(app.today())}.`;
  const out: Plan[] = [];
  for (const series of parsed.series) {
    if (series.partial) continue;
    const from = series.range ? dayStartMs(series.range.from) : -Infinity;
    const to = series.range ? dayStartMs(addDays(series.range.to, 1)) : Infinity;
    const inside = (ms: number) => ms >= from && ms < to;
    const heldBack = new Set(series.heldBack);
    for (const o of repo.seriesOccurrences(db, series.uid)) {
      if (o.status === 'huy' || inFile.has(occurrenceKey(series.uid, o.recurrenceId)) || heldBack.has(o.recurrenceId)) continue;
      if (!inside(o.recurrenceId) || !inside(o.startMs) || (series.expandedToMs !== null && o.recurrenceId > series.expandedToMs)) continue;
      const old = repo.meetingRecord(db, o.id)!;
      if (o.sequence > series.sequence) {
        report.skipped.push({ uid: old.uid, title: old.title, reason: `Tệp không còn buổi họp này, nhưng bản trong máy đã sửa sau tệp (lần sửa ${o.sequence} > ${series.sequence}): giữ nguyên.` });
        continue;
      }
      if (!who || !mayEdit(db, o.id, who)) {
        report.skipped.push({ uid: old.uid, title: old.title, reason: 'Tệp không còn buổi họp này, nhưng chỉ người tạo lịch, văn thư hoặc lãnh đạo mới hủy được; giữ nguyên.' });
        continue;
      }
      // The file's SEQUENCE, so that a later file of the series that brings the occurrence back is not refused.
      const record = { ...old, status: 'huy' as const, statusReason: reason, sequence: Math.max(old.sequence, series.sequence) };
      out.push({ uid: old.uid, record, people: old.participants, existingId: o.id, cancel: true });
    }
  }
  return out;
}

/**
 * RANGE=THISANDFUTURE on occurrences of a series whose master is not in the file (an update sent for one occurrence):
 * each later occurrence stored here takes the nearest such override before it — moved by the same offset from its
 * original start, lasting as long, with its details. A cancelled occurrence stays as it was; one the file carries
 * itself is the file's. One pass over each series' stored occurrences, whatever the number of overrides.
 */
function futurePlans(db: DB, parsed: IcsParseResult, inFile: Set<string>, mastersInFile: Set<string>, plan: (ev: CalendarEvent, shaped: Shaped, existingId: number) => Plan | false, shapedOf: (ev: CalendarEvent) => Shaped): Plan[] {
  const byUid = new Map<string, CalendarEvent[]>();
  for (const ev of parsed.events) {
    if (!ev.thisAndFuture || ev.recurrenceId === null || mastersInFile.has(ev.uid)) continue;
    const list = byUid.get(ev.uid);
    if (list) list.push(ev);
    else byUid.set(ev.uid, [ev]);
  }
  const out: Plan[] = [];
  for (const [uid, futures] of byUid) {
    futures.sort((a, b) => (a.recurrenceId as number) - (b.recurrenceId as number));
    const shaped = new Map<CalendarEvent, Shaped>();
    let k = -1;
    for (const o of repo.seriesOccurrences(db, uid)) {
      while (k + 1 < futures.length && (futures[k + 1].recurrenceId as number) < o.recurrenceId) k++;
      if (k < 0 || o.status === 'huy' || inFile.has(occurrenceKey(uid, o.recurrenceId))) continue;
      const ev = futures[k];
      const rid = ev.recurrenceId as number;
      let s = shaped.get(ev);
      if (!s) shaped.set(ev, (s = shapedOf(ev)));
      const startMs = o.recurrenceId + ev.startMs - rid;
      const keepsStatus = !BOOKING_STATUSES.includes(o.status); // hoãn stays hoãn
      const record = { ...s.record, recurrenceId: o.recurrenceId, startMs, endMs: startMs + ev.endMs - ev.startMs, ...(keepsStatus ? { status: o.status } : {}) };
      const p = plan({ ...ev, recurrenceId: o.recurrenceId, startMs, endMs: record.endMs }, { record, people: s.people }, o.id);
      if (p) out.push(p);
    }
  }
  return out;
}

/**
 * Imports an .ics file (ours, Outlook's, Google's) all or nothing in one transaction, creating or updating meetings
 * by UID (and RECURRENCE-ID for an occurrence). A clash with the schedule refuses the file unless overridden with a
 * reason; a dry run reports exactly what the import would do and writes nothing.
 */
export async function importCalendar(app: AppContext, input: MethodParsed<'meetings.import'>): Promise<IcsImportReport> {
  const now = app.clock();
  // The file comes from outside: parsed in the parse worker, under its time and memory limits (electron/parsing/;
  // the task, in electron/hosts/parse-worker.ts, turns an IcsError into the AppError below). ical.js and the time
  // zone tables load there, and only for an import.
  const expandUntilMs = now.getTime() + EXPAND_YEARS * 366 * DAY_MS;
  const parsed = await parseOrRefuse<IcsParseResult>('meetings.ics', { data: input.data, expandUntilMs }, {
    name: input.fileName ?? 'lịch',
    field: 'data',
    local: async () => {
      const { IcsError, parseIcs } = await import('./ics-import');
      try {
        return parseIcs(input.data, { expandUntilMs });
      } catch (e) {
        if (e instanceof IcsError) throw new AppError('FILE_INVALID', e.message, { field: 'data', details: e.line !== undefined ? { line: e.line } : undefined });
        throw e;
      }
    },
  });
  const who = currentActor();
  const at = app.nowIso();
  try {
    return immediate(app.db, () => {
      const db = app.db;
      const report: IcsImportReport = {
        fileName: input.fileName ?? null,
        calendarName: parsed.calendarName,
        created: 0,
        updated: 0,
        cancelled: 0,
        unchanged: 0,
        changes: [],
        skipped: [...parsed.skipped],
        clashes: [],
        unmatched: [],
        dryRun: input.dryRun,
      };
      const unmatched = new Set<string>();
      const clashes: Clash[] = [];
      // First decide what each event does, then free the bookings of every meeting the file changes, then write: two
      // meetings swapping rooms in one file are not a clash.
      const plans: Plan[] = [];
      const inFile = new Set(parsed.events.map((e) => occurrenceKey(e.uid, e.recurrenceId)));
      const mastersInFile = new Set([...parsed.series.map((x) => x.uid), ...parsed.events.filter((e) => e.recurrenceId === null).map((e) => e.uid)]);
      /** What an event of the file does to the meeting stored under `existingId` (if any); false: nothing. */
      const plan = (ev: CalendarEvent, shaped: Shaped, existingId: number | undefined): Plan | false => {
        const { record, people } = shaped;
        const label = { uid: ev.uid, title: ev.title };
        const old = existingId !== undefined ? repo.meetingRecord(db, existingId) : undefined;
        if (!old || existingId === undefined) return { uid: ev.uid, record, people };
        if (old.sequence > record.sequence) {
          report.skipped.push({ ...label, reason: `Bản trong máy đã sửa sau bản trong tệp (lần sửa ${old.sequence} > ${record.sequence}), giữ bản trong máy.` });
          return false;
        }
        if (sameMeeting(old, record, people)) {
          report.unchanged++;
          return false;
        }
        if (!who || !mayEdit(db, existingId, who)) {
          report.skipped.push({ ...label, reason: 'Cuộc họp đã có trong lịch; chỉ người tạo lịch, văn thư hoặc lãnh đạo mới sửa được.' });
          return false;
        }
        // What the file cannot say stays as it was here.
        record.recurrence = old.recurrence;
        record.reminderMinutes = old.reminderMinutes;
        record.statusReason = record.status === old.status ? old.statusReason : 'Cập nhật từ tệp .ics';
        return { uid: ev.uid, record, people, existingId };
      };
      for (const ev of parsed.events) {
        const label = { uid: ev.uid, title: ev.title };
        if (ev.endMs - ev.startMs > MAX_MEETING_DAYS * DAY_MS) {
          report.skipped.push({ ...label, reason: `Kéo dài quá ${MAX_MEETING_DAYS} ngày, không phải một cuộc họp.` });
          continue;
        }
        if (ev.title.length > 500 || ev.content.length > 5000) {
          report.skipped.push({ ...label, reason: 'Tên (tối đa 500 ký tự) hoặc nội dung (tối đa 5.000 ký tự) quá dài.' });
          continue;
        }
        const p = plan(ev, toRecord(db, ev, unmatched), repo.meetingIdByUid(db, ev.uid, ev.recurrenceId));
        if (p) plans.push(p);
      }
      plans.push(...futurePlans(db, parsed, inFile, mastersInFile, plan, (ev) => toRecord(db, ev, unmatched)));
      plans.push(...ghostsOf(app, parsed, inFile, input.fileName ?? null, report));
      for (const p of plans) if (p.existingId !== undefined) repo.replaceBookings(db, p.existingId, { ...p.record, status: 'huy' }, []);
      for (const { uid, record, people, existingId, cancel } of plans) {
        const resources = repo.resourcesOf(record, people);
        const own = BOOKING_STATUSES.includes(record.status)
          ? findClashes(db, [{ startMs: record.startMs, endMs: record.endMs, resources }], existingId !== undefined ? [existingId] : [], (r) => resourceName(db, r))
          : [];
        clashes.push(...own);
        const withReason = { ...record, conflictReason: own.length ? input.conflictReason ?? null : null };
        let id: number;
        if (existingId !== undefined) {
          repo.updateMeeting(db, existingId, withReason, at);
          id = existingId;
          if (cancel) report.cancelled++;
          else report.updated++;
        } else {
          id = repo.insertMeeting(db, withReason, who?.id ?? null, at);
          report.created++;
        }
        report.changes.push({ action: cancel ? 'cancel' : existingId !== undefined ? 'update' : 'create', uid, title: record.title, start: isoVN(record.startMs), allDay: record.allDay, ...(existingId !== undefined ? { meetingId: existingId } : {}), ...(cancel ? { reason: record.statusReason ?? '' } : {}) });
        if (!cancel) repo.replaceParticipants(db, id, people);
        repo.replaceBookings(db, id, record, resources);
      }
      report.clashes = clashes;
      report.unmatched = [...unmatched];
      if (input.dryRun) throw new DryRun(report);
      if (clashes.length && !input.allowConflict) {
        throw new AppError('CONFLICT', `Tệp có ${clashes.length} chỗ trùng lịch với lịch đã có; chưa nhập gì. Xem lại, hoặc nhập kèm lý do.`, { field: 'data', details: { report } });
      }
      audit(app, 'meeting.import', 'meeting', null, {
        file: input.fileName ?? null,
        created: report.created,
        updated: report.updated,
        ...(report.cancelled ? { cancelled: report.cancelled } : {}),
        unchanged: report.unchanged,
        skipped: report.skipped.length,
        ...(clashes.length ? { clashes: clashes.length, reason: input.conflictReason } : {}),
      });
      return report;
    });
  } catch (e) {
    if (e instanceof DryRun) return e.report;
    throw e;
  }
}
