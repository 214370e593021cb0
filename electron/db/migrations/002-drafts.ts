import type { Migration } from './registry';

/** Drafts (bản dự thảo) being written in the editor: the model as JSON, with the fields the list shows. */
export const m002Drafts: Migration = {
  version: 2,
  name: 'drafts of official documents',
  up(db) {
    db.exec(`
      CREATE TABLE drafts (
        id INTEGER PRIMARY KEY,
        profile TEXT NOT NULL CHECK (profile IN ('state', 'party')),
        doc_type TEXT NOT NULL,
        subject TEXT NOT NULL,
        model TEXT NOT NULL CHECK (json_valid(model)),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX drafts_by_updated ON drafts (updated_at DESC, id DESC);
    `);
  },
};
