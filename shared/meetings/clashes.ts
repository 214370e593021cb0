import { BOOKING_STATUSES, type Clash, type Meeting } from './schemas';
import { dateVN, hm } from './time';

/**
 * The clash rule, for the server and the screens alike: two active meetings (dự kiến, chính thức) clash when their
 * times overlap and they share a room or a person (the chair or a participant who is an account). The server refuses
 * such a save unless a reason is given; the screens mark what is shown.
 */

export const isActive = (m: Pick<Meeting, 'status'>) => BOOKING_STATUSES.includes(m.status);

export const overlaps = (a: { startMs: number; endMs: number }, b: { startMs: number; endMs: number }) => a.startMs < b.endMs && b.startMs < a.endMs;

/** What a meeting holds, by key (room "r<id>", person "p<id>"), with the names the meeting shows. */
function heldBy(m: Meeting): Map<string, string> {
  const out = new Map<string, string>();
  if (m.room) out.set(`r${m.room.id}`, m.room.name);
  if (m.chair?.userId != null) out.set(`p${m.chair.userId}`, m.chair.name);
  for (const p of m.participants) if (p.kind === 'person' && p.refId !== null && !out.has(`p${p.refId}`)) out.set(`p${p.refId}`, p.name);
  return out;
}

export interface ClashPair {
  a: Meeting;
  b: Meeting;
  /** The rooms and people both hold, by name. */
  over: string[];
}

/** Every clashing pair among these meetings, earlier start first; `only` keeps the pairs that share that person or room. */
export function clashPairs(meetings: Meeting[], only: { personId?: number; roomId?: number } = {}): ClashPair[] {
  const wanted = only.personId !== undefined ? `p${only.personId}` : only.roomId !== undefined ? `r${only.roomId}` : null;
  const active = meetings.filter(isActive).sort((x, y) => x.startMs - y.startMs);
  const held = new Map(active.map((m) => [m.id, heldBy(m)]));
  const pairs: ClashPair[] = [];
  for (let i = 0; i < active.length; i++) {
    const a = active[i];
    for (let j = i + 1; j < active.length && active[j].startMs < a.endMs; j++) {
      const b = active[j];
      if (!overlaps(a, b)) continue;
      const hb = held.get(b.id)!;
      const shared = [...held.get(a.id)!].filter(([key]) => hb.has(key));
      if (!shared.length || (wanted !== null && !shared.some(([key]) => key === wanted))) continue;
      pairs.push({ a, b, over: shared.map(([, name]) => name) });
    }
  }
  return pairs;
}

/** "Phòng họp số 1 đã có «Giao ban» 08:00–10:00 ngày 23/11/2026 (buổi 30/11/2026)". */
export function clashLine(c: Clash): string {
  return `${c.name} đã có «${c.title}» ${hm(c.start)}–${hm(c.end)} ngày ${dateVN(c.start.slice(0, 10))}${c.occurrenceStart ? ` (buổi ${dateVN(c.occurrenceStart.slice(0, 10))})` : ''}`;
}

/** The first few clashes in one sentence, then how many more, and what the user can do. */
export function clashMessage(clashes: Clash[]): string {
  const more = clashes.length > 3 ? `; và ${clashes.length - 3} chỗ trùng khác` : '';
  return `Trùng lịch: ${clashes.slice(0, 3).map(clashLine).join('; ')}${more}. Đổi giờ, phòng hoặc người, hoặc chọn «Vẫn xếp lịch» và ghi lý do.`;
}
