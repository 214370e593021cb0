import type { Migration } from './registry';

/**
 * Issue 15: the office's own seal and its people's signature images belong to the office and its accounts, not to a
 * directory entry (the seal used to need the office typed into the directory first). At most one seal; one signature
 * image per account, gone with the account. A signature image kept for a directory person whose name is exactly one
 * account's full name is copied to that account (two accounts of the same name get none: nobody guesses which).
 */
export const m011OfficeStamps: Migration = {
  version: 11,
  name: 'office seal and account signatures',
  up(db) {
    db.exec(`
      CREATE TABLE account_stamps (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('signature', 'seal')),
        user_id INTEGER UNIQUE REFERENCES users(id) ON DELETE CASCADE,
        png BLOB NOT NULL,
        width_px INTEGER NOT NULL CHECK (width_px > 0),
        height_px INTEGER NOT NULL CHECK (height_px > 0),
        width_mm REAL NOT NULL CHECK (width_mm > 0 AND width_mm <= 120),
        updated_at TEXT NOT NULL,
        CHECK ((kind = 'signature' AND user_id IS NOT NULL) OR (kind = 'seal' AND user_id IS NULL))
      ) STRICT;
      CREATE UNIQUE INDEX account_stamps_one_seal ON account_stamps (kind) WHERE kind = 'seal';

      INSERT INTO account_stamps (kind, user_id, png, width_px, height_px, width_mm, updated_at)
        SELECT 'signature', u.id, s.png, s.width_px, s.height_px, s.width_mm, s.updated_at
        FROM users u JOIN people p ON p.full_name = u.full_name JOIN stamp_images s ON s.person_id = p.id
        WHERE p.id = (SELECT min(p2.id) FROM people p2 JOIN stamp_images s2 ON s2.person_id = p2.id WHERE p2.full_name = u.full_name)
          AND (SELECT count(*) FROM users u2 WHERE u2.full_name = u.full_name) = 1;
    `);
  },
};
