import type { AppContext } from '../app/context';
import { foldForIndex } from '../attachments/extract-text';
import { foldVietnamese } from '../../shared/text/fold';
import { deleteRecordFts, dequeue, draftSource, outgoingSource, putRecordFts, queuedRecords, type RecordKind } from './records-repo';
import { draftTexts, outgoingTexts, type RecordTexts } from './record-text';

const sourceOf = (app: AppContext, kind: RecordKind, id: number) => (kind === 'draft' ? draftSource(app.db, id) : outgoingSource(app.db, id));

async function folded(kind: RecordKind, src: NonNullable<ReturnType<typeof sourceOf>>, signal: AbortSignal): Promise<RecordTexts> {
  const t = kind === 'draft' ? draftTexts(src as Parameters<typeof draftTexts>[0]) : outgoingTexts(src as Parameters<typeof outgoingTexts>[0]);
  // A long draft or PDF text is folded in the worker (foldForIndex), off the thread serving the API.
  return { subject: foldVietnamese(t.subject), meta: foldVietnamese(t.meta), organs: foldVietnamese(t.organs), body: await foldForIndex([t.body], signal) };
}

/**
 * Indexes the outgoing documents and drafts queued by the triggers of migration 013 (a save, an issuance, a PDF's
 * text extracted), a batch at a time. A record changed while its text was being folded stays queued and is indexed
 * again on the next round; a record gone leaves the index. Returns how many were done.
 */
export async function indexQueuedRecords(app: AppContext, signal: AbortSignal, batch = 100): Promise<number> {
  const db = app.db;
  let n = 0;
  for (const { kind, id } of queuedRecords(db, batch)) {
    if (signal.aborted || !db.open) return n;
    const src = sourceOf(app, kind, id);
    const stamp = JSON.stringify(src ?? null);
    let texts: RecordTexts | null = null;
    if (src) {
      try {
        texts = await folded(kind, src, signal);
      } catch (e) {
        console.error(`[vanphong] ${kind} ${id} not indexed for search:`, (e as Error).message);
      }
    }
    if (signal.aborted || !db.open) return n;
    db.transaction(() => {
      if (JSON.stringify(sourceOf(app, kind, id) ?? null) !== stamp) return;
      if (texts) putRecordFts(db, kind, id, texts);
      else deleteRecordFts(db, kind, id);
      dequeue(db, kind, id);
      n++;
    }).immediate();
  }
  return n;
}
