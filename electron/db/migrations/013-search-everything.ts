import type { Migration } from './registry';

/**
 * Issue 15: one search over the incoming register, the outgoing register (its metadata and the issued PDF's text) and
 * the drafts (their text). Outgoing documents and drafts get folded FTS5 tables beside incoming_fts (rowid = the
 * record's id, so "newest first" is rowid DESC), with the trích yếu in a column of its own (highlighted as typed) and
 * the recipients in another (the organ filter). Folding is done in JavaScript, so the index is written by the
 * background indexer (electron/search/record-indexer.ts), not by SQL: these triggers only queue a record whose
 * indexed fields changed, in the transaction that changed it, whichever code path wrote it. A deleted draft leaves the
 * index at once. The PDFs issued before this version have their text extracted like attachments (pending).
 */
export const m013SearchEverything: Migration = {
  version: 13,
  name: 'search over outgoing documents and drafts',
  up(db) {
    db.exec(`
      CREATE VIRTUAL TABLE outgoing_fts USING fts5(subject, meta, organs, body, tokenize = 'unicode61 remove_diacritics 0');
      CREATE VIRTUAL TABLE draft_fts USING fts5(subject, meta, organs, body, tokenize = 'unicode61 remove_diacritics 0');

      CREATE TABLE search_queue (
        kind TEXT NOT NULL CHECK (kind IN ('outgoing', 'draft')),
        id INTEGER NOT NULL,
        PRIMARY KEY (kind, id)
      ) STRICT, WITHOUT ROWID;

      CREATE TRIGGER drafts_search_insert AFTER INSERT ON drafts BEGIN
        INSERT OR IGNORE INTO search_queue (kind, id) VALUES ('draft', new.id);
      END;
      CREATE TRIGGER drafts_search_update AFTER UPDATE OF model, subject, doc_type ON drafts BEGIN
        INSERT OR IGNORE INTO search_queue (kind, id) VALUES ('draft', new.id);
      END;
      CREATE TRIGGER drafts_search_delete AFTER DELETE ON drafts BEGIN
        DELETE FROM draft_fts WHERE rowid = old.id;
        DELETE FROM search_queue WHERE kind = 'draft' AND id = old.id;
      END;

      CREATE TRIGGER outgoing_search_insert AFTER INSERT ON outgoing_docs BEGIN
        INSERT OR IGNORE INTO search_queue (kind, id) VALUES ('outgoing', new.id);
      END;
      -- A draft shows the số, ký hiệu it was issued under: its entry follows the outgoing row's.
      CREATE TRIGGER outgoing_search_update AFTER UPDATE OF status, ref, doc_date, doc_type, subject, signer, recipients, note, sha256 ON outgoing_docs BEGIN
        INSERT OR IGNORE INTO search_queue (kind, id) VALUES ('outgoing', new.id);
        INSERT OR IGNORE INTO search_queue (kind, id) SELECT 'draft', new.draft_id WHERE new.draft_id IS NOT NULL;
      END;
      CREATE TRIGGER outgoing_search_delete AFTER DELETE ON outgoing_docs BEGIN
        DELETE FROM outgoing_fts WHERE rowid = old.id;
        DELETE FROM search_queue WHERE kind = 'outgoing' AND id = old.id;
      END;

      UPDATE blobs SET text_status = 'pending', text = NULL
        WHERE text_status = 'none' AND sha256 IN (SELECT sha256 FROM outgoing_docs WHERE sha256 IS NOT NULL);
      INSERT OR IGNORE INTO search_queue (kind, id) SELECT 'draft', id FROM drafts;
      INSERT OR IGNORE INTO search_queue (kind, id) SELECT 'outgoing', id FROM outgoing_docs;
    `);
  },
};
