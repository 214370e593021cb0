import type { Migration } from './registry';

/**
 * Issue 13: browser and desktop-client logins to an HTTP host live in the database, not in the server's memory, so an
 * administrator can list and end them, a restart keeps people logged in, and a later PostgreSQL server (several
 * processes) sees the same sessions. The cookie's value is never stored: only its SHA-256.
 */
export const m009Sessions: Migration = {
  version: 9,
  name: 'sessions',
  up(db) {
    db.exec(`
      CREATE TABLE sessions (
        id INTEGER PRIMARY KEY,
        token_sha256 TEXT NOT NULL UNIQUE,
        csrf TEXT NOT NULL,
        user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        stamp TEXT,
        address TEXT NOT NULL,
        client TEXT NOT NULL,
        created_ms INTEGER NOT NULL,
        seen_ms INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX sessions_seen ON sessions (seen_ms);
      CREATE INDEX sessions_user ON sessions (user_id);
    `);
  },
};
