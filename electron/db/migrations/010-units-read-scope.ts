import { foldVietnamese } from '../../../shared/text/fold';
import type { Migration } from './registry';

const fold = (s: string) => foldVietnamese(s).replace(/\s+/g, ' ').trim();

/**
 * Issue 14: the office's own units (phòng, ban) with their heads and members, and who handles each incoming document
 * as rows (an account, a unit, or an outside organisation by name), so that the API can decide who may read what.
 * A document may be marked công khai (every account of the office reads it). Earlier routings were free text: each
 * document's latest routing becomes text handlers, matched to a unit when a unit of the same name is created.
 */
export const m010UnitsReadScope: Migration = {
  version: 10,
  name: 'units and read scope',
  up(db) {
    db.exec(`
      CREATE TABLE units (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        name_folded TEXT NOT NULL UNIQUE,
        head_user_id INTEGER REFERENCES users(id),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE unit_members (
        unit_id INTEGER NOT NULL REFERENCES units(id),
        user_id INTEGER NOT NULL REFERENCES users(id),
        PRIMARY KEY (unit_id, user_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX unit_members_by_user ON unit_members (user_id);

      -- The current routing of an incoming document: chủ trì, phối hợp and để biết, each an account, a unit of the
      -- office, or (neither) an outside organisation kept as its name.
      CREATE TABLE incoming_handlers (
        id INTEGER PRIMARY KEY,
        doc_id INTEGER NOT NULL REFERENCES incoming_docs(id),
        role TEXT NOT NULL CHECK (role IN ('lead', 'co', 'info')),
        unit_id INTEGER REFERENCES units(id),
        user_id INTEGER REFERENCES users(id),
        name TEXT NOT NULL,
        name_folded TEXT NOT NULL,
        CHECK (unit_id IS NULL OR user_id IS NULL)
      ) STRICT;
      CREATE INDEX handlers_by_doc ON incoming_handlers (doc_id);
      CREATE INDEX handlers_by_user ON incoming_handlers (user_id) WHERE user_id IS NOT NULL;
      CREATE INDEX handlers_by_unit ON incoming_handlers (unit_id) WHERE unit_id IS NOT NULL;
      CREATE INDEX handlers_by_name ON incoming_handlers (name_folded) WHERE unit_id IS NULL AND user_id IS NULL;

      ALTER TABLE incoming_docs ADD COLUMN public INTEGER NOT NULL DEFAULT 0 CHECK (public IN (0, 1));
      ALTER TABLE outgoing_docs ADD COLUMN public INTEGER NOT NULL DEFAULT 0 CHECK (public IN (0, 1));
    `);
    const latest = db.prepare(
      `SELECT r.doc_id, r.lead, r.co_units FROM incoming_routing r
       WHERE r.id = (SELECT MAX(r2.id) FROM incoming_routing r2 WHERE r2.doc_id = r.doc_id)`,
    ).all() as { doc_id: number; lead: string; co_units: string }[];
    const insert = db.prepare('INSERT INTO incoming_handlers (doc_id, role, name, name_folded) VALUES (?, ?, ?, ?)');
    for (const r of latest) {
      insert.run(r.doc_id, 'lead', r.lead, fold(r.lead));
      let co: unknown = [];
      try {
        co = JSON.parse(r.co_units);
      } catch {
        co = [];
      }
      for (const name of Array.isArray(co) ? co : []) if (typeof name === 'string' && name.trim()) insert.run(r.doc_id, 'co', name, fold(name));
    }
  },
};
