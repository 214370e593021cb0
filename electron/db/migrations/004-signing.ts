import type { Migration } from './registry';

/**
 * Signing: people who sign (with their signature image), organisations' seal images, the trust store the user manages,
 * and what the verifier found in each stored PDF (the registers show it as a badge without re-verifying every row).
 */
export const m004Signing: Migration = {
  version: 4,
  name: 'signers, signature and seal images, trust store, verification results',
  up(db) {
    db.exec(`
      CREATE TABLE people (
        id INTEGER PRIMARY KEY,
        full_name TEXT NOT NULL,
        position TEXT NOT NULL DEFAULT '',
        organization_id INTEGER REFERENCES organizations(id),
        sort_key TEXT NOT NULL,
        created_at TEXT NOT NULL,
        UNIQUE (full_name, position)
      ) STRICT;

      -- One image per person (their handwritten signature, blue) and per organisation (its seal, red), PNG as given.
      CREATE TABLE stamp_images (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('signature', 'seal')),
        person_id INTEGER UNIQUE REFERENCES people(id) ON DELETE CASCADE,
        organization_id INTEGER UNIQUE REFERENCES organizations(id) ON DELETE CASCADE,
        png BLOB NOT NULL,
        width_px INTEGER NOT NULL CHECK (width_px > 0),
        height_px INTEGER NOT NULL CHECK (height_px > 0),
        width_mm REAL NOT NULL CHECK (width_mm > 0 AND width_mm <= 120),
        updated_at TEXT NOT NULL,
        CHECK ((kind = 'signature' AND person_id IS NOT NULL AND organization_id IS NULL)
            OR (kind = 'seal' AND organization_id IS NOT NULL AND person_id IS NULL))
      ) STRICT;

      CREATE TABLE trusted_certificates (
        id INTEGER PRIMARY KEY,
        sha256 TEXT NOT NULL UNIQUE,
        subject TEXT NOT NULL,
        issuer TEXT NOT NULL,
        not_before TEXT NOT NULL,
        not_after TEXT NOT NULL,
        is_ca INTEGER NOT NULL CHECK (is_ca IN (0, 1)),
        der BLOB NOT NULL,
        added_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE blob_signatures (
        sha256 TEXT PRIMARY KEY REFERENCES blobs(sha256),
        status TEXT NOT NULL CHECK (status IN ('valid', 'untrusted', 'invalid')),
        count INTEGER NOT NULL CHECK (count > 0),
        report TEXT NOT NULL,
        checked_at TEXT NOT NULL
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
