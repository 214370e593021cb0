import { stmt, type DB } from '../db/connection';
import type { ImportOutcome, ImportRowReport, ImportRunSummary } from '../../shared/imports/schemas';
import type { RegisterKind } from '../../shared/imports/fields';

/** SQL of old register imports (migration 019: import_runs, import_rows, import_mappings) and the numbers they keep. */

export interface RunRow {
  id: number;
  source_key: string;
  source: string;
  kind: RegisterKind;
  book_id: number | null;
  book_name: string | null;
  mapping: string;
  state: 'running' | 'done' | 'failed';
  total: number | null;
  next_row: number;
  imported: number;
  skipped: number;
  failed: number;
  started_at: string;
  updated_at: string;
  finished_at: string | null;
}

const SELECT_RUN = `SELECT r.*, b.name AS book_name FROM import_runs r LEFT JOIN register_books b ON b.id = r.book_id`;

export function runByKey(db: DB, key: string): RunRow | undefined {
  return stmt(db, `${SELECT_RUN} WHERE r.source_key = ? ORDER BY r.id DESC LIMIT 1`).get(key) as RunRow | undefined;
}

export function getRun(db: DB, id: number): RunRow | undefined {
  return stmt(db, `${SELECT_RUN} WHERE r.id = ?`).get(id) as RunRow | undefined;
}

export function insertRun(
  db: DB,
  r: { key: string; source: string; kind: RegisterKind; bookId: number; mapping: string; total: number; userId: number | null; now: string },
): number {
  return Number(
    stmt(db,
      `INSERT INTO import_runs (source_key, source, kind, book_id, mapping, state, total, user_id, started_at, updated_at)
       VALUES (?, ?, ?, ?, ?, 'running', ?, ?, ?, ?)`,
    ).run(r.key, r.source, r.kind, r.bookId, r.mapping, r.total, r.userId, r.now, r.now).lastInsertRowid,
  );
}

export function setRunState(db: DB, id: number, state: 'running' | 'done' | 'failed', now: string): void {
  stmt(db, `UPDATE import_runs SET state = ?, updated_at = ?, finished_at = CASE WHEN ? = 'running' THEN NULL ELSE ? END WHERE id = ?`).run(state, now, state, now, id);
}

export function rowOutcome(db: DB, runId: number, rowNo: number): ImportOutcome | undefined {
  return stmt(db, 'SELECT outcome FROM import_rows WHERE run_id = ? AND row_no = ?').pluck().get(runId, rowNo) as ImportOutcome | undefined;
}

/**
 * One source row's outcome, and the run moved past it (same transaction as the record, when one was written).
 * `retry`: the row had failed in an earlier pass (its scan fixed since, say) and was tried again.
 */
export function recordRow(db: DB, runId: number, rowNo: number, outcome: ImportOutcome, recordId: number | null, reason: string | null, now: string, retry = false): void {
  if (retry) {
    const gone = stmt(db, `DELETE FROM import_rows WHERE run_id = ? AND row_no = ? AND outcome = 'failed'`).run(runId, rowNo).changes;
    if (gone) stmt(db, 'UPDATE import_runs SET failed = failed - 1 WHERE id = ?').run(runId);
  }
  stmt(db, 'INSERT INTO import_rows (run_id, row_no, outcome, record_id, reason) VALUES (?, ?, ?, ?, ?)').run(runId, rowNo, outcome, recordId, reason);
  stmt(db,
    `UPDATE import_runs SET next_row = MAX(next_row, ? + 1), updated_at = ?,
       imported = imported + (? = 'imported'), skipped = skipped + (? = 'skipped'), failed = failed + (? = 'failed')
     WHERE id = ?`,
  ).run(rowNo, now, outcome, outcome, outcome, runId);
}

export function listRuns(db: DB, limit = 100): ImportRunSummary[] {
  const rows = stmt(db, `${SELECT_RUN} ORDER BY r.id DESC LIMIT ?`).all(limit) as RunRow[];
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    source: r.source,
    book: r.book_name,
    state: r.state,
    total: r.total,
    imported: r.imported,
    skipped: r.skipped,
    failed: r.failed,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
  }));
}

/** The rows of a run with the number and year of the record each wrote (số đến, or số and the year of the document). */
export function listRows(db: DB, runId: number, kind: RegisterKind, outcome: ImportOutcome | undefined, offset: number, limit: number): { rows: ImportRowReport[]; total: number } {
  const where = outcome ? 'WHERE x.run_id = ? AND x.outcome = ?' : 'WHERE x.run_id = ?';
  const args: unknown[] = outcome ? [runId, outcome] : [runId];
  const total = stmt(db, `SELECT COUNT(*) FROM import_rows x ${where}`).pluck().get(...args) as number;
  const rows = stmt(db,
    kind === 'incoming'
      ? `SELECT x.row_no, x.outcome, x.record_id, x.reason, d.arrival_number, d.year
         FROM import_rows x LEFT JOIN incoming_docs d ON d.id = x.record_id ${where} ORDER BY x.row_no LIMIT ? OFFSET ?`
      : `SELECT x.row_no, x.outcome, x.record_id, x.reason, d.number AS arrival_number, CAST(substr(d.doc_date, 1, 4) AS INTEGER) AS year
         FROM import_rows x LEFT JOIN outgoing_docs d ON d.id = x.record_id ${where} ORDER BY x.row_no LIMIT ? OFFSET ?`,
  ).all(...args, limit, offset) as { row_no: number; outcome: ImportOutcome; record_id: number | null; reason: string | null; arrival_number: number | null; year: number | null }[];
  return {
    total,
    rows: rows.map((r) => ({ row: r.row_no, outcome: r.outcome, recordId: r.record_id, arrivalNumber: r.arrival_number, year: r.year, reason: r.reason })),
  };
}

export function problems(db: DB, runId: number, limit: number): { row_no: number; outcome: 'skipped' | 'failed'; reason: string | null }[] {
  return stmt(db, `SELECT row_no, outcome, reason FROM import_rows WHERE run_id = ? AND outcome <> 'imported' ORDER BY row_no LIMIT ?`).all(runId, limit) as never;
}

/**
 * The row key of a header line's mapping for a register: the header line alone for the incoming register (as rows
 * written before the outgoing one existed), prefixed for the outgoing one, so that each register keeps its own.
 */
const mappingKey = (headerKey: string, kind: RegisterKind) => (kind === 'incoming' ? headerKey : `${kind}|${headerKey}`);

/** The mapping confirmed for a header line for a register. */
export function mappingFor(db: DB, headerKey: string, kind: RegisterKind): string | undefined {
  return stmt(db, `SELECT mapping FROM import_mappings WHERE header_key = ? AND kind = ?`).pluck().get(mappingKey(headerKey, kind), kind) as string | undefined;
}

export function saveMapping(db: DB, headerKey: string, kind: RegisterKind, mapping: string, now: string): void {
  stmt(db,
    `INSERT INTO import_mappings (header_key, kind, mapping, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (header_key) DO UPDATE SET mapping = excluded.mapping, kind = excluded.kind, updated_at = excluded.updated_at`,
  ).run(mappingKey(headerKey, kind), kind, mapping, now);
}

/** The record holding a số đến of a book's year, if any. */
export function numberHolder(db: DB, bookId: number, year: number, n: number): { id: number; ref: string; arrival_date: string } | undefined {
  return stmt(db, 'SELECT id, ref, arrival_date FROM incoming_docs WHERE book_id = ? AND year = ? AND arrival_number = ?').get(bookId, year, n) as never;
}

/**
 * The series moves past a number kept from an old register: the next registration of that book and year takes the
 * largest number imported + 1 (the counter only grows).
 */
export function moveSeriesPast(db: DB, bookId: number, period: string, n: number): void {
  stmt(db,
    `INSERT INTO number_series (book_id, period, last_number) VALUES (?, ?, ?)
     ON CONFLICT (book_id, period) DO UPDATE SET last_number = MAX(last_number, excluded.last_number)`,
  ).run(bookId, period, n);
}
