import type { Migration } from './registry';

/**
 * Issues 13 and 14: failed logins per (account, client address), kept in the database so that every host and every
 * process (the CLI, the desktop, the office server) applies the same throttle and a restart does not reset it.
 */
export const m007LoginThrottle: Migration = {
  version: 7,
  name: 'login throttle',
  up(db) {
    db.exec(`
      CREATE TABLE login_failures (
        username_folded TEXT NOT NULL,
        address TEXT NOT NULL,
        failures INTEGER NOT NULL CHECK (failures > 0),
        last_at_ms INTEGER NOT NULL,
        locked_until_ms INTEGER,
        PRIMARY KEY (username_folded, address)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
