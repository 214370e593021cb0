import type { Migration } from './registry';

/** Directory, register books with per-year series, incoming documents, routing, history, attachments, search. */
export const m001Initial: Migration = {
  version: 1,
  name: 'initial schema: directory, books, incoming register, attachments, search',
  up(db) {
    db.exec(`
      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;

      CREATE TABLE organizations (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        name_folded TEXT NOT NULL UNIQUE,
        sort_key TEXT NOT NULL,
        short_name TEXT,
        organ_id TEXT UNIQUE,
        address TEXT,
        email TEXT,
        created_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE register_books (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('incoming', 'outgoing')),
        name TEXT NOT NULL,
        secret INTEGER NOT NULL DEFAULT 0 CHECK (secret IN (0, 1)),
        is_default INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1)),
        created_at TEXT NOT NULL,
        UNIQUE (kind, name)
      ) STRICT;

      -- The last number issued per book and period. Numbers are taken from here inside BEGIN IMMEDIATE,
      -- so a number is never handed out twice, and never reused even if a row were removed.
      CREATE TABLE number_series (
        book_id INTEGER NOT NULL REFERENCES register_books(id),
        period TEXT NOT NULL,
        last_number INTEGER NOT NULL CHECK (last_number >= 0),
        PRIMARY KEY (book_id, period)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE incoming_docs (
        id INTEGER PRIMARY KEY,
        book_id INTEGER NOT NULL REFERENCES register_books(id),
        year INTEGER NOT NULL,
        arrival_number INTEGER NOT NULL CHECK (arrival_number > 0),
        arrival_date TEXT NOT NULL,
        sender_id INTEGER NOT NULL REFERENCES organizations(id),
        ref TEXT NOT NULL,
        ref_folded TEXT NOT NULL,
        doc_date TEXT NOT NULL,
        doc_type TEXT,
        subject TEXT NOT NULL,
        urgency TEXT NOT NULL CHECK (urgency IN ('thuong', 'khan', 'thuong-khan', 'hoa-toc')),
        secrecy TEXT NOT NULL CHECK (secrecy IN ('thuong', 'mat', 'toi-mat', 'tuyet-mat')),
        page_count INTEGER,
        recipient TEXT,
        note TEXT,
        status TEXT NOT NULL DEFAULT 'cho-xu-ly' CHECK (status IN ('cho-xu-ly', 'dang-xu-ly', 'hoan-thanh', 'da-huy')),
        lead TEXT,
        deadline TEXT,
        routed_at TEXT,
        cancel_reason TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (book_id, year, arrival_number)
      ) STRICT;
      CREATE INDEX incoming_by_date ON incoming_docs (arrival_date, id);
      CREATE INDEX incoming_by_book_date ON incoming_docs (book_id, arrival_date, id);
      CREATE INDEX incoming_by_status ON incoming_docs (status, deadline);
      CREATE INDEX incoming_by_sender ON incoming_docs (sender_id, arrival_date);
      CREATE INDEX incoming_by_doc_date ON incoming_docs (doc_date, id);
      CREATE INDEX incoming_by_number ON incoming_docs (year, arrival_number);
      CREATE INDEX incoming_duplicate ON incoming_docs (sender_id, ref_folded, doc_date);

      CREATE TABLE incoming_routing (
        id INTEGER PRIMARY KEY,
        doc_id INTEGER NOT NULL REFERENCES incoming_docs(id),
        at TEXT NOT NULL,
        actor TEXT,
        lead TEXT NOT NULL,
        co_units TEXT NOT NULL DEFAULT '[]',
        instruction TEXT,
        deadline TEXT
      ) STRICT;
      CREATE INDEX routing_by_doc ON incoming_routing (doc_id);

      CREATE TABLE incoming_status_history (
        id INTEGER PRIMARY KEY,
        doc_id INTEGER NOT NULL REFERENCES incoming_docs(id),
        at TEXT NOT NULL,
        actor TEXT,
        from_status TEXT,
        to_status TEXT NOT NULL,
        note TEXT
      ) STRICT;
      CREATE INDEX history_by_doc ON incoming_status_history (doc_id);

      -- Files are stored once by SHA-256 in the data folder; this table says what we know of each blob.
      CREATE TABLE blobs (
        sha256 TEXT PRIMARY KEY,
        size INTEGER NOT NULL,
        mime TEXT NOT NULL,
        page_count INTEGER,
        text_status TEXT NOT NULL CHECK (text_status IN ('pending', 'done', 'failed', 'none')),
        text TEXT,
        created_at TEXT NOT NULL
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX blobs_pending ON blobs (text_status) WHERE text_status = 'pending';

      CREATE TABLE incoming_attachments (
        id INTEGER PRIMARY KEY,
        doc_id INTEGER NOT NULL REFERENCES incoming_docs(id),
        sha256 TEXT NOT NULL REFERENCES blobs(sha256),
        name TEXT NOT NULL,
        added_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX attachments_by_doc ON incoming_attachments (doc_id);
      CREATE INDEX attachments_by_blob ON incoming_attachments (sha256);

      -- Folded (no diacritics, đ→d) text; rowid = incoming_docs.id so "newest first" is rowid DESC.
      CREATE VIRTUAL TABLE incoming_fts USING fts5(
        meta, attachments,
        tokenize = 'unicode61 remove_diacritics 0'
      );

      INSERT INTO register_books (kind, name, secret, is_default, created_at) VALUES
        ('incoming', 'Sổ văn bản đến', 0, 1, strftime('%Y-%m-%dT%H:%M:%fZ')),
        ('incoming', 'Sổ văn bản mật đến', 1, 0, strftime('%Y-%m-%dT%H:%M:%fZ'));
    `);
  },
};
