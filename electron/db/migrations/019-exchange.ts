import type { Migration } from './registry';

/**
 * Issue 18: sending and receiving between offices (edXML, QCVN 102:2016/BTTTT) and bringing in old registers.
 *
 * - `exchange_messages`: every package that leaves or arrives (a document or a status), through a transport (a
 *   watched folder pair or e-mail). `message_id` is the idempotency key: a message is written to its transport once,
 *   retried with backoff while `failed` (attempts, next_attempt_at, last_error), and `dead` after the last attempt —
 *   the dead-letter list the văn thư sees and resends. The package bytes live in the attachment store (sha256).
 * - `exchange_received`: an edXML document registered here, one row per DocumentId ("OrganId,yyyy/MM/dd,Số/Ký hiệu"):
 *   a second package with the same DocumentId is refused with the earlier số đến; revoke/update/replace packages
 *   apply to this row's incoming record (its history kept), `business` being the last one applied.
 * - `outgoing_recipient_status`: the statuses (01 đã đến … 06 hoàn thành, recall codes) each recipient organ sent back
 *   about an outgoing document, shown per recipient on the record.
 * - `import_runs`, `import_rows`, `import_mappings`: an old register brought in (`vanphong import`): a run per source
 *   (its key: the register file's hash with the options), one row per source row with its outcome — re-running the
 *   same source continues after the last row written, so a killed import resumes and duplicates nothing; the column
 *   mappings the văn thư confirmed, remembered per header line.
 */
export const m019Exchange: Migration = {
  version: 19,
  name: 'edXML exchange messages, documents received, recipient statuses, old register imports',
  up(db) {
    db.exec(`
      CREATE TABLE exchange_messages (
        id INTEGER PRIMARY KEY,
        message_id TEXT NOT NULL UNIQUE,
        direction TEXT NOT NULL CHECK (direction IN ('out', 'in')),
        kind TEXT NOT NULL CHECK (kind IN ('document', 'status')),
        transport TEXT NOT NULL CHECK (transport IN ('folder', 'email')),
        peer_organ_id TEXT,
        peer_address TEXT,
        document_id TEXT,
        business TEXT CHECK (business IN ('new', 'revoke', 'update', 'replace')),
        status_code TEXT,
        outgoing_id INTEGER REFERENCES outgoing_docs(id),
        incoming_id INTEGER REFERENCES incoming_docs(id),
        file_name TEXT NOT NULL,
        sha256 TEXT,
        size INTEGER,
        state TEXT NOT NULL CHECK (state IN ('queued', 'sent', 'failed', 'dead', 'received', 'rejected')),
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at TEXT,
        last_error TEXT,
        user_id INTEGER REFERENCES users(id),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX exchange_due ON exchange_messages (next_attempt_at, id) WHERE state IN ('queued', 'failed');
      CREATE INDEX exchange_dead ON exchange_messages (updated_at, id) WHERE state IN ('dead', 'rejected');
      CREATE INDEX exchange_by_outgoing ON exchange_messages (outgoing_id, id) WHERE outgoing_id IS NOT NULL;
      CREATE INDEX exchange_by_incoming ON exchange_messages (incoming_id, id) WHERE incoming_id IS NOT NULL;
      CREATE INDEX exchange_received_content ON exchange_messages (sha256, id) WHERE direction = 'in' AND state = 'received';

      CREATE TABLE exchange_received (
        id INTEGER PRIMARY KEY,
        document_id TEXT NOT NULL UNIQUE,
        incoming_id INTEGER NOT NULL REFERENCES incoming_docs(id),
        from_organ_id TEXT NOT NULL,
        business TEXT NOT NULL CHECK (business IN ('new', 'revoke', 'update', 'replace')),
        business_reason TEXT,
        signatures TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(signatures)),
        revoked_at TEXT,
        message_id INTEGER REFERENCES exchange_messages(id),
        received_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX exchange_received_by_incoming ON exchange_received (incoming_id);

      CREATE TABLE outgoing_recipient_status (
        id INTEGER PRIMARY KEY,
        outgoing_id INTEGER NOT NULL REFERENCES outgoing_docs(id),
        organ_id TEXT NOT NULL,
        code TEXT NOT NULL,
        description TEXT,
        staff TEXT,
        at TEXT NOT NULL,
        message_id INTEGER REFERENCES exchange_messages(id),
        received_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX recipient_status_by_outgoing ON outgoing_recipient_status (outgoing_id, organ_id, at);

      CREATE TABLE import_runs (
        id INTEGER PRIMARY KEY,
        source_key TEXT NOT NULL,
        source TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('incoming', 'outgoing')),
        book_id INTEGER REFERENCES register_books(id),
        mapping TEXT NOT NULL CHECK (json_valid(mapping)),
        state TEXT NOT NULL CHECK (state IN ('running', 'done', 'failed')),
        total INTEGER,
        next_row INTEGER NOT NULL DEFAULT 1,
        imported INTEGER NOT NULL DEFAULT 0,
        skipped INTEGER NOT NULL DEFAULT 0,
        failed INTEGER NOT NULL DEFAULT 0,
        user_id INTEGER REFERENCES users(id),
        started_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        finished_at TEXT
      ) STRICT;
      CREATE INDEX import_runs_by_key ON import_runs (source_key, id);

      CREATE TABLE import_rows (
        run_id INTEGER NOT NULL REFERENCES import_runs(id),
        row_no INTEGER NOT NULL,
        outcome TEXT NOT NULL CHECK (outcome IN ('imported', 'skipped', 'failed')),
        record_id INTEGER,
        reason TEXT,
        PRIMARY KEY (run_id, row_no)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE import_mappings (
        header_key TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('incoming', 'outgoing')),
        mapping TEXT NOT NULL CHECK (json_valid(mapping)),
        updated_at TEXT NOT NULL
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
