import type { Migration } from './registry';

/**
 * Issue 13: signing at the signer's own desk. The server prepares the PDF and the data to be signed, the signer's
 * client signs it with a key the server never sees, and the server completes the document with the signature value.
 * A request waiting for its signature lives here, not in the server's memory: any process (and, later, any server in
 * front of PostgreSQL) can complete it, expire it after 10 minutes, or cancel it after a restart — an issuance's number
 * is then cancelled with its reason, never lost nor doubled. The prepared PDF is kept only while the request is pending.
 */
export const m008SigningRequests: Migration = {
  version: 8,
  name: 'signing requests (sign at the signer’s desk)',
  up(db) {
    db.exec(`
      CREATE TABLE signing_requests (
        id TEXT PRIMARY KEY,
        purpose TEXT NOT NULL CHECK (purpose IN ('sign', 'issue')),
        draft_id INTEGER NOT NULL REFERENCES drafts(id),
        -- the approved version the leader signs (a draft returned and resubmitted meanwhile is not signed)
        draft_version INTEGER NOT NULL,
        outgoing_id INTEGER REFERENCES outgoing_docs(id),
        user_id INTEGER NOT NULL REFERENCES users(id),
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'cancelled')),
        reason TEXT,
        finished_at TEXT,
        -- the PDF with its /Contents placeholder; NULL once the request is done or cancelled
        prepared_pdf BLOB,
        byte_range TEXT NOT NULL CHECK (json_valid(byte_range)),
        contents_start INTEGER NOT NULL,
        signed_attrs BLOB NOT NULL,
        certificate BLOB NOT NULL,
        chain TEXT NOT NULL CHECK (json_valid(chain)),
        options TEXT NOT NULL CHECK (json_valid(options)),
        CHECK ((purpose = 'issue') = (outgoing_id IS NOT NULL))
      ) STRICT;
      CREATE INDEX signing_requests_pending ON signing_requests (expires_at) WHERE status = 'pending';
      CREATE INDEX signing_requests_by_draft ON signing_requests (draft_id, status);
    `);
  },
};
