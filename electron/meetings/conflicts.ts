import type { DB } from '../db/connection';
import type { Clash } from '../../shared/meetings/schemas';
import { isoVN } from '../../shared/meetings/time';
import * as repo from './repo';

/** A slot a meeting is about to occupy: its time and what it holds (room, chair, people). */
export interface Slot {
  startMs: number;
  endMs: number;
  resources: string[];
}

/**
 * Every booking that overlaps one of the slots on the same room or person, ignoring the meetings being rewritten.
 * Runs inside the writing transaction, so what it reports is what the write would collide with.
 */
export function findClashes(db: DB, slots: Slot[], exclude: number[], names: (resource: string) => string): Clash[] {
  const hits: { meetingId: number; resource: string; slot: Slot }[] = [];
  for (const slot of slots) {
    for (const resource of slot.resources) {
      for (const b of repo.clashingBookings(db, resource, slot.startMs, slot.endMs, exclude)) hits.push({ meetingId: b.meetingId, resource, slot });
    }
  }
  if (hits.length === 0) return [];
  const meetings = new Map(repo.meetingsByIds(db, [...new Set(hits.map((h) => h.meetingId))]).map((m) => [m.id, m]));
  return hits.map((h) => {
    const m = meetings.get(h.meetingId)!;
    return {
      meetingId: m.id,
      title: m.title,
      start: m.start,
      end: m.end,
      resource: h.resource.startsWith('r') ? 'room' : 'person',
      resourceId: Number(h.resource.slice(1)),
      name: names(h.resource),
      ...(slots.length > 1 ? { occurrenceStart: isoVN(h.slot.startMs) } : {}),
    } satisfies Clash;
  });
}
