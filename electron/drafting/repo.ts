import type { DB } from '../db/connection';
import { stmt } from '../db/connection';
import type { DraftDocument } from '../../shared/drafting/model';
import type { DraftSummary } from '../../shared/drafting/schemas';
import { draftSummary } from '../outgoing/repo';

/** SQL of the drafting domain: drafts stored as their validated model. */

export function insertDraft(db: DB, d: DraftDocument, now: string, ownerId: number | null, link: { correctsId: number; correction: string } | null = null): number {
  return Number(
    stmt(db, 'INSERT INTO drafts (profile, doc_type, subject, model, created_at, updated_at, owner_id, corrects_id, correction) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(d.profile, d.docType, d.subject, JSON.stringify(d), now, now, ownerId, link?.correctsId ?? null, link?.correction ?? null).lastInsertRowid,
  );
}

export function updateDraft(db: DB, id: number, d: DraftDocument, now: string): boolean {
  return stmt(db, 'UPDATE drafts SET profile = ?, doc_type = ?, subject = ?, model = ?, updated_at = ? WHERE id = ?').run(d.profile, d.docType, d.subject, JSON.stringify(d), now, id).changes === 1;
}

export function getDraftRow(db: DB, id: number): { summary: DraftSummary; model: unknown } | null {
  const model = stmt(db, 'SELECT model FROM drafts WHERE id = ?').pluck().get(id) as string | undefined;
  const summary = model === undefined ? undefined : draftSummary(db, id);
  return summary ? { summary, model: JSON.parse(model!) } : null;
}

export function deleteDraft(db: DB, id: number): boolean {
  return stmt(db, 'DELETE FROM drafts WHERE id = ?').run(id).changes === 1;
}
