import type { DB } from '../db/connection';
import { stmt } from '../db/connection';
import type { DraftDocument } from '../../shared/drafting/model';
import type { DraftSummary } from '../../shared/drafting/schemas';

/** SQL of the drafting domain: drafts stored as their validated model. */
interface Row {
  id: number;
  profile: 'state' | 'party';
  doc_type: string;
  subject: string;
  model: string;
  created_at: string;
  updated_at: string;
}

const summary = (r: Row): DraftSummary => ({ id: r.id, profile: r.profile, docType: r.doc_type, subject: r.subject, createdAt: r.created_at, updatedAt: r.updated_at });

export function insertDraft(db: DB, d: DraftDocument, now: string): number {
  return Number(
    stmt(db, 'INSERT INTO drafts (profile, doc_type, subject, model, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)').run(d.profile, d.docType, d.subject, JSON.stringify(d), now, now)
      .lastInsertRowid,
  );
}

export function updateDraft(db: DB, id: number, d: DraftDocument, now: string): boolean {
  return stmt(db, 'UPDATE drafts SET profile = ?, doc_type = ?, subject = ?, model = ?, updated_at = ? WHERE id = ?').run(d.profile, d.docType, d.subject, JSON.stringify(d), now, id).changes === 1;
}

export function getDraftRow(db: DB, id: number): { summary: DraftSummary; model: unknown } | null {
  const r = stmt(db, 'SELECT * FROM drafts WHERE id = ?').get(id) as Row | undefined;
  return r ? { summary: summary(r), model: JSON.parse(r.model) } : null;
}

export function listDrafts(db: DB, limit: number): DraftSummary[] {
  return (stmt(db, 'SELECT id, profile, doc_type, subject, created_at, updated_at, \'{}\' AS model FROM drafts ORDER BY updated_at DESC, id DESC LIMIT ?').all(limit) as Row[]).map(summary);
}

export function deleteDraft(db: DB, id: number): boolean {
  return stmt(db, 'DELETE FROM drafts WHERE id = ?').run(id).changes === 1;
}
