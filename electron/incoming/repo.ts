import { stmt, type DB } from '../db/connection';
import { nextUpdatedAt } from '../db/stamps';
import { handlersOf } from './handlers-repo';
import { addPending, flushPending, pendingTallies, type PendingTallies } from './tally-repo';
import type {
  AttachmentInfo,
  DuplicateInfo,
  IncomingDetail,
  IncomingRow,
  RoutingEntry,
  StatusEntry,
} from '../../shared/incoming/schemas';
import type { IncomingStatus, Secrecy, Urgency } from '../../shared/domain/marks';

/** SQL for the incoming register. Nothing else in the code base writes these tables. */

/** The metadata a văn thư may correct after registration: book, year and số đến are not among them. */
export type EditableFields = Pick<IncomingRow, 'senderId' | 'ref' | 'docDate' | 'docType' | 'subject' | 'urgency' | 'secrecy' | 'pageCount' | 'recipient' | 'note' | 'public'> & {
  /** The số/ký hiệu folded for the duplicate check. */
  refFolded: string;
};

export interface NewIncoming extends EditableFields {
  bookId: number;
  year: number;
  arrivalNumber: number;
  arrivalDate: string;
  now: string;
}

/**
 * Takes the next number of a book's series for a period. Must run inside BEGIN IMMEDIATE (see immediate()).
 * The counter only grows, so a number is never reused, even for a cancelled document.
 */
export function nextNumber(db: DB, bookId: number, period: string): number {
  const row = stmt(db, 
      `INSERT INTO number_series (book_id, period, last_number) VALUES (?, ?, 1)
       ON CONFLICT (book_id, period) DO UPDATE SET last_number = last_number + 1
       RETURNING last_number`,
    )
    .get(bookId, period) as { last_number: number };
  return row.last_number;
}

/** Takes `count` numbers of a book's series at once (same rule as nextNumber); returns the first of them. */
export function reserveNumbers(db: DB, bookId: number, period: string, count: number): number {
  const last = stmt(db,
    `INSERT INTO number_series (book_id, period, last_number) VALUES (?, ?, ?)
     ON CONFLICT (book_id, period) DO UPDATE SET last_number = last_number + excluded.last_number
     RETURNING last_number`,
  ).pluck().get(bookId, period, count) as number;
  return last - count + 1;
}

/**
 * Inserts a new document and counts it in the tallies (migration 012): at once, or into `pending` for a batch that
 * writes its counts when done (flushPending, same transaction). Every new document goes through here.
 */
export function insertIncoming(db: DB, d: NewIncoming, pending?: PendingTallies): number {
  const info = stmt(db, 
      `INSERT INTO incoming_docs (book_id, year, arrival_number, arrival_date, sender_id, ref, ref_folded, doc_date,
         doc_type, subject, urgency, secrecy, page_count, recipient, note, public, status, created_at, updated_at,
         sender_sort, subject_sort)
       VALUES (@bookId, @year, @arrivalNumber, @arrivalDate, @senderId, @ref, @refFolded, @docDate,
         @docType, @subject, @urgency, @secrecy, @pageCount, @recipient, @note, @public, 'cho-xu-ly', @now, @now,
         (SELECT sort_key FROM organizations WHERE id = @senderId), vn_sort_key(@subject))`,
    )
    .run({ ...d, public: d.public ? 1 : 0 });
  const counted = pending ?? pendingTallies();
  addPending(counted, { status: 'cho-xu-ly', urgency: d.urgency, secrecy: d.secrecy, arrivalDate: d.arrivalDate, bookId: d.bookId });
  if (!pending) flushPending(db, counted);
  return Number(info.lastInsertRowid);
}

export function findDuplicate(db: DB, senderId: number, refFolded: string, docDate: string): DuplicateInfo | undefined {
  const r = stmt(db, 
      `SELECT d.id, d.arrival_number, d.year, b.name AS book_name, d.arrival_date
       FROM incoming_docs d JOIN register_books b ON b.id = d.book_id
       WHERE d.sender_id = ? AND d.ref_folded = ? AND d.doc_date = ? AND d.status <> 'da-huy'
       ORDER BY d.id LIMIT 1`,
    )
    .get(senderId, refFolded, docDate) as
    | { id: number; arrival_number: number; year: number; book_name: string; arrival_date: string }
    | undefined;
  return r && { id: r.id, arrivalNumber: r.arrival_number, year: r.year, bookName: r.book_name, arrivalDate: r.arrival_date };
}

export interface IncomingDbRow {
  id: number;
  book_id: number;
  book_name: string;
  year: number;
  arrival_number: number;
  arrival_date: string;
  sender_id: number;
  sender: string;
  ref: string;
  doc_date: string;
  doc_type: string | null;
  subject: string;
  urgency: Urgency;
  secrecy: Secrecy;
  page_count: number | null;
  recipient: string | null;
  note: string | null;
  public: number;
  status: IncomingStatus;
  deadline: string | null;
  lead: string | null;
  routed_at: string | null;
  cancel_reason: string | null;
  attachment_count: number;
  signature_level: number | null;
  created_at: string;
  updated_at: string;
  sender_sort: string;
  subject_sort: string;
}

export const SELECT_ROW = `
  SELECT d.id, d.book_id, b.name AS book_name, d.year, d.arrival_number, d.arrival_date, d.sender_id, o.name AS sender,
         d.ref, d.doc_date, d.doc_type, d.subject, d.urgency, d.secrecy, d.page_count, d.recipient, d.note, d.public, d.status,
         d.deadline, d.lead, d.routed_at, d.cancel_reason, d.created_at, d.updated_at, d.sender_sort, d.subject_sort,
         (SELECT COUNT(*) FROM incoming_attachments a WHERE a.doc_id = d.id) AS attachment_count,
         (SELECT MAX(CASE s.status WHEN 'invalid' THEN 3 WHEN 'untrusted' THEN 2 ELSE 1 END)
            FROM incoming_attachments a JOIN blob_signatures s ON s.sha256 = a.sha256 WHERE a.doc_id = d.id) AS signature_level
  FROM incoming_docs d
  JOIN register_books b ON b.id = d.book_id
  JOIN organizations o ON o.id = d.sender_id`;

export function toRow(r: IncomingDbRow, today: string): IncomingRow {
  return {
    id: r.id,
    bookId: r.book_id,
    bookName: r.book_name,
    year: r.year,
    arrivalNumber: r.arrival_number,
    arrivalDate: r.arrival_date,
    senderId: r.sender_id,
    sender: r.sender,
    ref: r.ref,
    docDate: r.doc_date,
    docType: r.doc_type,
    subject: r.subject,
    urgency: r.urgency,
    secrecy: r.secrecy,
    pageCount: r.page_count,
    recipient: r.recipient,
    note: r.note,
    public: r.public === 1,
    status: r.status,
    deadline: r.deadline,
    lead: r.lead,
    overdue: isOverdue(r.status, r.deadline, today),
    attachmentCount: r.attachment_count,
    signatureStatus: r.signature_level === null ? null : (['valid', 'untrusted', 'invalid'] as const)[r.signature_level - 1],
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function isOverdue(status: IncomingStatus, deadline: string | null, today: string): boolean {
  return deadline !== null && deadline < today && (status === 'cho-xu-ly' || status === 'dang-xu-ly');
}

export function getRow(db: DB, id: number): IncomingDbRow | undefined {
  return stmt(db, `${SELECT_ROW} WHERE d.id = ?`).get(id) as IncomingDbRow | undefined;
}

/** The record as the register keeps it; the service adds the processing trail and the caller's next actions. */
export function getDetail(db: DB, id: number, today: string): Omit<IncomingDetail, 'steps' | 'flow'> | undefined {
  const r = getRow(db, id);
  if (!r) return undefined;
  const attachments = (stmt(db, 
        `SELECT a.id, a.name, a.sha256, b.size, b.mime, b.page_count, b.text_status, s.status AS signature_status,
                CASE WHEN b.text_status = 'failed' THEN b.text END AS text_note
         FROM incoming_attachments a JOIN blobs b ON b.sha256 = a.sha256 LEFT JOIN blob_signatures s ON s.sha256 = a.sha256
         WHERE a.doc_id = ? ORDER BY a.id`,
      )
      .all(id) as {
      id: number;
      name: string;
      sha256: string;
      size: number;
      mime: string;
      page_count: number | null;
      text_status: AttachmentInfo['textStatus'];
      signature_status: AttachmentInfo['signatureStatus'];
      text_note: string | null;
    }[]
  ).map(
    (a): AttachmentInfo => ({
      id: a.id,
      name: a.name,
      sha256: a.sha256,
      size: a.size,
      mime: a.mime,
      pageCount: a.page_count,
      textStatus: a.text_status,
      textNote: a.text_status === 'failed' ? (a.text_note ?? 'Không trích được nội dung') : null,
      signatureStatus: a.signature_status,
    }),
  );
  const routing = (stmt(db, 'SELECT * FROM incoming_routing WHERE doc_id = ? ORDER BY id').all(id) as {
      id: number;
      at: string;
      actor: string | null;
      lead: string;
      co_units: string;
      instruction: string | null;
      deadline: string | null;
    }[]
  ).map(
    (x): RoutingEntry => ({
      id: x.id,
      at: x.at,
      actor: x.actor,
      lead: x.lead,
      coUnits: JSON.parse(x.co_units) as string[],
      instruction: x.instruction,
      deadline: x.deadline,
    }),
  );
  const history = (stmt(db, 'SELECT * FROM incoming_status_history WHERE doc_id = ? ORDER BY id').all(id) as {
      id: number;
      at: string;
      actor: string | null;
      from_status: IncomingStatus | null;
      to_status: IncomingStatus;
      note: string | null;
    }[]
  ).map(
    (h): StatusEntry => ({ id: h.id, at: h.at, actor: h.actor, fromStatus: h.from_status, toStatus: h.to_status, note: h.note }),
  );
  return { ...toRow(r, today), attachments, routing, handlers: handlersOf(db, id), history, cancelReason: r.cancel_reason };
}

export function insertHistory(
  db: DB,
  docId: number,
  at: string,
  actor: string | null,
  from: IncomingStatus | null,
  to: IncomingStatus,
  note: string | null,
): void {
  stmt(db, 
    'INSERT INTO incoming_status_history (doc_id, at, actor, from_status, to_status, note) VALUES (?, ?, ?, ?, ?, ?)',
  ).run(docId, at, actor, from, to, note);
}

export function insertRouting(
  db: DB,
  docId: number,
  r: { at: string; actor: string | null; lead: string; coUnits: string[]; instruction: string | null; deadline: string | null },
): void {
  stmt(db, 
    'INSERT INTO incoming_routing (doc_id, at, actor, lead, co_units, instruction, deadline) VALUES (?, ?, ?, ?, ?, ?, ?)',
  ).run(docId, r.at, r.actor, r.lead, JSON.stringify(r.coUnits), r.instruction, r.deadline);
  stmt(db, `UPDATE incoming_docs SET lead = ?, deadline = ?, routed_at = ?, updated_at = ${nextUpdatedAt()} WHERE id = ?`).run(
    r.lead,
    r.deadline,
    r.at,
    r.at,
    docId,
  );
}

export function setStatus(db: DB, docId: number, status: IncomingStatus, now: string, cancelReason?: string): void {
  stmt(db, `UPDATE incoming_docs SET status = ?, cancel_reason = coalesce(?, cancel_reason), updated_at = ${nextUpdatedAt()} WHERE id = ?`).run(
    status,
    cancelReason ?? null,
    now,
    docId,
  );
}

/** Updates editable metadata; book, year and số đến are not in the statement, so they cannot change. */
export function updateFields(
  db: DB,
  id: number,
  f: Partial<EditableFields>,
  now: string,
): void {
  const cols: Record<string, string> = {
    senderId: 'sender_id',
    ref: 'ref',
    refFolded: 'ref_folded',
    docDate: 'doc_date',
    docType: 'doc_type',
    subject: 'subject',
    urgency: 'urgency',
    secrecy: 'secrecy',
    pageCount: 'page_count',
    recipient: 'recipient',
    note: 'note',
    public: 'public',
  };
  const sets: string[] = [];
  const params: Record<string, unknown> = { id, now };
  for (const [k, v] of Object.entries(f)) {
    if (v === undefined || !(k in cols)) continue;
    sets.push(`${cols[k]} = @${k}`);
    params[k] = typeof v === 'boolean' ? Number(v) : v;
  }
  if (params.senderId !== undefined) sets.push('sender_sort = (SELECT sort_key FROM organizations WHERE id = @senderId)');
  if (params.subject !== undefined) sets.push('subject_sort = vn_sort_key(@subject)');
  sets.push(`updated_at = ${nextUpdatedAt('@now')}`);
  stmt(db, `UPDATE incoming_docs SET ${sets.join(', ')} WHERE id = @id`).run(params);
}

export function insertAttachment(db: DB, docId: number, sha256: string, name: string, now: string): void {
  stmt(db, 'INSERT INTO incoming_attachments (doc_id, sha256, name, added_at) VALUES (?, ?, ?, ?)').run(docId, sha256, name, now);
}
