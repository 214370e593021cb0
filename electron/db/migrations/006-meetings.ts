import type { Migration } from './registry';

/**
 * Issue 6: rooms, meetings (single or occurrences of a series sharing one UID), their participants and related
 * documents, and the bookings that make double-booking a room or a person visible at entry.
 */
export const m006Meetings: Migration = {
  version: 6,
  name: 'meetings, rooms and bookings',
  up(db) {
    db.exec(`
      CREATE TABLE rooms (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        name_folded TEXT NOT NULL UNIQUE,
        capacity INTEGER,
        location TEXT NOT NULL DEFAULT '',
        active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
        created_at TEXT NOT NULL
      ) STRICT;

      -- One row per meeting, or per occurrence of a regular meeting: occurrences share the series UID and carry
      -- their original start as recurrence_id (0 for a single meeting), as iCalendar does (RFC 5545 §3.8.4.4).
      CREATE TABLE meetings (
        id INTEGER PRIMARY KEY,
        uid TEXT NOT NULL,
        recurrence_id INTEGER NOT NULL DEFAULT 0,
        recurrence TEXT CHECK (recurrence IS NULL OR json_valid(recurrence)),
        title TEXT NOT NULL,
        content TEXT NOT NULL DEFAULT '',
        start_ms INTEGER NOT NULL,
        end_ms INTEGER NOT NULL,
        all_day INTEGER NOT NULL DEFAULT 0 CHECK (all_day IN (0, 1)),
        room_id INTEGER REFERENCES rooms(id),
        location TEXT NOT NULL DEFAULT '',
        chair_user_id INTEGER REFERENCES users(id),
        chair_name TEXT,
        prepare_unit TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL CHECK (status IN ('du-kien', 'chinh-thuc', 'hoan', 'huy')),
        status_reason TEXT,
        reminder_minutes INTEGER,
        conflict_reason TEXT,
        sequence INTEGER NOT NULL DEFAULT 0,
        created_by INTEGER REFERENCES users(id),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        -- At most 31 days (MAX_MEETING_DAYS): the clash and range queries rely on it.
        CHECK (end_ms > start_ms AND end_ms - start_ms <= 2678400000),
        UNIQUE (uid, recurrence_id)
      ) STRICT;
      CREATE INDEX meetings_by_start ON meetings (start_ms);

      CREATE TABLE meeting_participants (
        meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        pos INTEGER NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('person', 'organization', 'text')),
        user_id INTEGER REFERENCES users(id),
        organization_id INTEGER REFERENCES organizations(id),
        name TEXT NOT NULL,
        PRIMARY KEY (meeting_id, pos)
      ) STRICT;
      CREATE INDEX meeting_participants_by_user ON meeting_participants (user_id) WHERE user_id IS NOT NULL;

      CREATE TABLE meeting_links (
        meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('incoming', 'outgoing', 'draft')),
        ref_id INTEGER NOT NULL,
        PRIMARY KEY (meeting_id, kind, ref_id)
      ) STRICT;

      -- What a meeting occupies while it is dự kiến or chính thức: 'r<room id>' and 'u<user id>' (chair and people).
      -- A clash is another booking of the same resource overlapping in time; the primary key is the search index.
      CREATE TABLE meeting_bookings (
        resource TEXT NOT NULL,
        start_ms INTEGER NOT NULL,
        end_ms INTEGER NOT NULL,
        meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        PRIMARY KEY (resource, start_ms, meeting_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX meeting_bookings_by_meeting ON meeting_bookings (meeting_id);
    `);
  },
};
