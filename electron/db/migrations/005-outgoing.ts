import type { Migration } from './registry';

/**
 * Issue 5: local accounts and roles, the hash-chained audit log, the outgoing workflow (versions, steps), the outgoing
 * register with its number series per book and period, sending records, and the recipients directory (units, groups,
 * saved lists).
 */
export const m005Outgoing: Migration = {
  version: 5,
  name: 'accounts, audit log, outgoing workflow and register, recipients directory',
  up(db) {
    db.exec(`
      CREATE TABLE users (
        id INTEGER PRIMARY KEY,
        username TEXT NOT NULL UNIQUE COLLATE NOCASE,
        full_name TEXT NOT NULL,
        title TEXT NOT NULL DEFAULT '',
        unit TEXT NOT NULL DEFAULT '',
        roles TEXT NOT NULL CHECK (json_valid(roles) AND json_array_length(roles) > 0),
        password_hash TEXT NOT NULL,
        active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;

      -- Append-only: each row carries the hash of the one before it, so a deleted or edited row breaks the chain.
      -- The triggers stop the app (and a careless shell) from changing history; the chain catches whoever drops them.
      CREATE TABLE audit_log (
        seq INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        user_id INTEGER,
        username TEXT NOT NULL,
        action TEXT NOT NULL,
        entity TEXT NOT NULL,
        entity_id INTEGER,
        detail TEXT NOT NULL CHECK (json_valid(detail)),
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL UNIQUE
      ) STRICT;
      CREATE INDEX audit_by_entity ON audit_log (entity, entity_id, seq);
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

      -- Numbering period of a book: State books per calendar year (ND30 Điều 15); Party books per nhiệm kỳ, and per
      -- document type within it (HD 36).
      ALTER TABLE register_books ADD COLUMN numbering TEXT NOT NULL DEFAULT 'year' CHECK (numbering IN ('year', 'term'));
      ALTER TABLE register_books ADD COLUMN term_start TEXT;
      ALTER TABLE register_books ADD COLUMN term_end TEXT;
      ALTER TABLE register_books ADD COLUMN per_type INTEGER NOT NULL DEFAULT 0 CHECK (per_type IN (0, 1));
      INSERT INTO register_books (kind, name, secret, is_default, created_at) VALUES
        ('outgoing', 'Sổ văn bản đi', 0, 1, strftime('%Y-%m-%dT%H:%M:%fZ')),
        ('outgoing', 'Sổ văn bản mật đi', 1, 0, strftime('%Y-%m-%dT%H:%M:%fZ'));

      -- Units are organisations with a parent (đơn vị trực thuộc).
      ALTER TABLE organizations ADD COLUMN parent_id INTEGER REFERENCES organizations(id);

      ALTER TABLE drafts ADD COLUMN status TEXT NOT NULL DEFAULT 'du-thao'
        CHECK (status IN ('du-thao', 'cho-duyet', 'tra-lai', 'da-duyet', 'da-ky', 'dang-phat-hanh', 'da-phat-hanh'));
      ALTER TABLE drafts ADD COLUMN owner_id INTEGER REFERENCES users(id);
      ALTER TABLE drafts ADD COLUMN reviewer_id INTEGER REFERENCES users(id);
      ALTER TABLE drafts ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
      ALTER TABLE drafts ADD COLUMN signed_sha256 TEXT REFERENCES blobs(sha256);
      ALTER TABLE drafts ADD COLUMN corrects_id INTEGER REFERENCES outgoing_docs(id);
      ALTER TABLE drafts ADD COLUMN correction TEXT CHECK (correction IN ('dinh-chinh', 'thay-the', 'thu-hoi'));
      CREATE INDEX drafts_by_reviewer ON drafts (reviewer_id, status);
      CREATE INDEX drafts_by_owner ON drafts (owner_id, status);

      -- Every version a drafter submitted, as it was submitted (ND30 Điều 10–12: the leader's comments refer to one).
      CREATE TABLE draft_versions (
        id INTEGER PRIMARY KEY,
        draft_id INTEGER NOT NULL REFERENCES drafts(id),
        version INTEGER NOT NULL,
        model TEXT NOT NULL CHECK (json_valid(model)),
        saved_at TEXT NOT NULL,
        user_id INTEGER REFERENCES users(id),
        UNIQUE (draft_id, version)
      ) STRICT;

      CREATE TABLE workflow_steps (
        id INTEGER PRIMARY KEY,
        draft_id INTEGER NOT NULL REFERENCES drafts(id),
        at TEXT NOT NULL,
        user_id INTEGER NOT NULL REFERENCES users(id),
        action TEXT NOT NULL CHECK (action IN ('submit', 'return', 'approve', 'sign', 'issue', 'issue-failed')),
        to_user_id INTEGER REFERENCES users(id),
        version INTEGER NOT NULL,
        comment TEXT
      ) STRICT;
      CREATE INDEX steps_by_draft ON workflow_steps (draft_id, id);

      -- The outgoing register. A number, once taken, has a row here forever: issued, or cancelled / skipped / reserved
      -- with the reason. (số + ký hiệu) is unique within the book's period.
      CREATE TABLE outgoing_docs (
        id INTEGER PRIMARY KEY,
        book_id INTEGER NOT NULL REFERENCES register_books(id),
        period TEXT NOT NULL,
        number INTEGER NOT NULL CHECK (number > 0),
        status TEXT NOT NULL CHECK (status IN ('issuing', 'issued', 'cancelled', 'skipped', 'reserved')),
        ref TEXT NOT NULL,
        ref_folded TEXT NOT NULL,
        doc_date TEXT NOT NULL,
        doc_type TEXT,
        subject TEXT NOT NULL DEFAULT '',
        signer TEXT NOT NULL DEFAULT '',
        secrecy TEXT NOT NULL DEFAULT 'thuong',
        urgency TEXT NOT NULL DEFAULT 'thuong',
        recipients TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(recipients)),
        archive TEXT NOT NULL DEFAULT '',
        copies INTEGER,
        draft_id INTEGER REFERENCES drafts(id),
        sha256 TEXT REFERENCES blobs(sha256),
        page_count INTEGER,
        note TEXT,
        corrects_id INTEGER REFERENCES outgoing_docs(id),
        correction TEXT CHECK (correction IN ('dinh-chinh', 'thay-the', 'thu-hoi')),
        issued_by INTEGER NOT NULL REFERENCES users(id),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (book_id, period, number)
      ) STRICT;
      CREATE UNIQUE INDEX outgoing_ref_unique ON outgoing_docs (book_id, period, ref_folded) WHERE status IN ('issuing', 'issued');
      CREATE UNIQUE INDEX outgoing_one_per_draft ON outgoing_docs (draft_id) WHERE status IN ('issuing', 'issued');
      CREATE INDEX outgoing_by_date ON outgoing_docs (doc_date, id);

      CREATE TABLE outgoing_sends (
        id INTEGER PRIMARY KEY,
        outgoing_id INTEGER NOT NULL REFERENCES outgoing_docs(id),
        recipient TEXT NOT NULL,
        organization_id INTEGER REFERENCES organizations(id),
        method TEXT NOT NULL CHECK (method IN ('edxml', 'email', 'paper')),
        sent_at TEXT NOT NULL,
        user_id INTEGER NOT NULL REFERENCES users(id),
        note TEXT
      ) STRICT;
      CREATE INDEX sends_by_doc ON outgoing_sends (outgoing_id);

      CREATE TABLE recipient_groups (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        name_folded TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE TABLE recipient_group_members (
        group_id INTEGER NOT NULL REFERENCES recipient_groups(id) ON DELETE CASCADE,
        organization_id INTEGER NOT NULL REFERENCES organizations(id),
        PRIMARY KEY (group_id, organization_id)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE recipient_lists (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        name_folded TEXT NOT NULL UNIQUE,
        entries TEXT NOT NULL CHECK (json_valid(entries)),
        created_by INTEGER REFERENCES users(id),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
