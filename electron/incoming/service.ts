import { AppError } from '../../shared/api/result';
import { audit } from '../audit/record';
import { currentActor } from '../app/caller';
import { refuseIfChangedSince } from '../auth/edit-guard';
import type { MethodParsed } from '../../shared/api/contract';
import type { DuplicateInfo, IncomingDetail } from '../../shared/incoming/schemas';
import { INCOMING_STATUS_LABELS } from '../../shared/domain/marks';
import { formatDateVN } from '../../shared/domain/dates';
import type { AppContext } from '../app/context';
import { immediate } from '../db/connection';
import { prepareFiles, recordBlobs, storeFiles, type PreparedFile } from './intake';
import { findOrganizationByName, folded } from '../directory/repo';
import { findOrCreateOrganization, requireBook } from '../directory/service';
import { ftsInsert, ftsSetMeta } from '../search/repo';
import { incomingMetaText } from '../search/query';
import * as repo from './repo';

type RegisterFields = Omit<MethodParsed<'incoming.register'>, 'attachments' | 'allowDuplicate' | 'actor'>;

/** ND30 Điều 22: số đến runs per book and per year of arrival, so the period of the series is the arrival year. */
const periodOf = (arrivalDate: string) => arrivalDate.slice(0, 4);

/** A văn thư's numbering slip is refused, not guessed at: these dates cannot be right. */
function checkDates(app: AppContext, arrivalDate: string, docDate: string): void {
  const today = app.today();
  if (arrivalDate > today) {
    throw new AppError('VALIDATION', `Ngày đến ${formatDateVN(arrivalDate)} ở sau hôm nay (${formatDateVN(today)}).`, {
      field: 'arrivalDate',
    });
  }
  if (docDate > arrivalDate) {
    throw new AppError(
      'VALIDATION',
      `Ngày văn bản ${formatDateVN(docDate)} ở sau ngày đến ${formatDateVN(arrivalDate)}: văn bản không thể đến trước khi ban hành.`,
      { field: 'docDate' },
    );
  }
}

function duplicateError(d: DuplicateInfo): AppError {
  return new AppError(
    'DUPLICATE',
    `Văn bản này có thể đã được vào sổ: số đến ${d.arrivalNumber}/${d.year} (${d.bookName}, ngày đến ${formatDateVN(d.arrivalDate)}).`,
    { field: 'ref', details: d },
  );
}

/** Inside a transaction: number, row, history and index entry of one incoming document. */
function insertOne(app: AppContext, bookId: number, f: RegisterFields, allowDuplicate: boolean, actor: string | null, files: PreparedFile[]): number {
  const arrivalDate = f.arrivalDate ?? app.today();
  const sender = findOrCreateOrganization(app, f.sender);
  const refFolded = folded(f.ref).replace(/\s+/g, '');
  if (!allowDuplicate) {
    const dup = repo.findDuplicate(app.db, sender.id, refFolded, f.docDate);
    if (dup) throw duplicateError(dup);
  }
  const year = Number(periodOf(arrivalDate));
  const arrivalNumber = repo.nextNumber(app.db, bookId, periodOf(arrivalDate));
  const now = app.nowIso();
  const id = repo.insertIncoming(app.db, {
    bookId,
    year,
    arrivalNumber,
    arrivalDate,
    senderId: sender.id,
    ref: f.ref,
    refFolded,
    docDate: f.docDate,
    docType: f.docType ?? null,
    subject: f.subject,
    urgency: f.urgency,
    secrecy: f.secrecy,
    pageCount: f.pageCount ?? null,
    recipient: f.recipient || null,
    note: f.note || null,
    now,
  });
  repo.insertHistory(app.db, id, now, actor, null, 'cho-xu-ly', 'Vào sổ văn bản đến');
  if (files.length) {
    recordBlobs(app, files);
    for (const file of files) repo.insertAttachment(app.db, id, file.sha256, file.name, now);
  }
  ftsInsert(app.db, id, incomingMetaText({ ...f, sender: sender.name, docType: f.docType ?? null, arrivalNumber, year }));
  return id;
}

/** Who did it, as the history shows: the name typed (a leader's instruction recorded by the văn thư), else the caller. */
const actorName = (typed: string | undefined) => typed || currentActor()?.fullName || null;

export async function register(app: AppContext, input: MethodParsed<'incoming.register'>): Promise<IncomingDetail> {
  const { attachments, allowDuplicate, actor, ...fields } = input;
  checkDates(app, fields.arrivalDate ?? app.today(), fields.docDate);
  requireBook(app, 'incoming', fields.book);
  if (!allowDuplicate) {
    const dup = findDuplicateOf(app, fields.sender, fields.ref, fields.docDate);
    if (dup) throw duplicateError(dup);
  }
  const files = await prepareFiles(app, attachments);
  storeFiles(app, files);
  const id = immediate(app.db, () => {
    const book = requireBook(app, 'incoming', fields.book);
    const id = insertOne(app, book.id, fields, allowDuplicate, actorName(actor), files);
    audit(app, 'incoming.register', 'incoming', id, { book: book.name, ref: fields.ref, sender: fields.sender, files: files.length });
    return id;
  });
  if (files.some((f) => f.textStatus === 'pending')) app.indexer.kick();
  return get(app, id);
}

/** Bulk import (e.g. an old register): one transaction for the whole batch, numbers in input order. */
export function bulkRegister(app: AppContext, input: MethodParsed<'incoming.bulkRegister'>) {
  return immediate(app.db, () => {
    const books = new Map<string, number>();
    let first = 0;
    let last = 0;
    input.records.forEach((r, i) => {
      try {
        checkDates(app, r.arrivalDate ?? app.today(), r.docDate);
        const key = r.book ?? '';
        let bookId = books.get(key);
        if (bookId === undefined) {
          bookId = requireBook(app, 'incoming', r.book).id;
          books.set(key, bookId);
        }
        const id = insertOne(app, bookId, r, true, null, []);
        const n = (app.db.prepare('SELECT arrival_number FROM incoming_docs WHERE id = ?').pluck().get(id) as number) ?? 0;
        if (i === 0) first = n;
        last = n;
      } catch (e) {
        if (e instanceof AppError) {
          throw new AppError(e.code, `Bản ghi thứ ${i + 1}: ${e.message} Không bản ghi nào được ghi.`, {
            field: `records.${i}${e.field ? `.${e.field}` : ''}`,
          });
        }
        throw e;
      }
    });
    audit(app, 'incoming.register', 'incoming', null, { bulk: input.records.length, firstNumber: first, lastNumber: last });
    return { count: input.records.length, firstNumber: first, lastNumber: last };
  });
}

function findDuplicateOf(app: AppContext, senderName: string, ref: string, docDate: string): DuplicateInfo | undefined {
  const sender = findOrganizationByName(app.db, senderName);
  return sender && repo.findDuplicate(app.db, sender.id, folded(ref).replace(/\s+/g, ''), docDate);
}

export function findDuplicate(app: AppContext, input: MethodParsed<'incoming.findDuplicate'>): DuplicateInfo | null {
  return findDuplicateOf(app, input.sender, input.ref, input.docDate) ?? null;
}

export function get(app: AppContext, id: number): IncomingDetail {
  const d = repo.getDetail(app.db, id, app.today());
  if (!d) throw new AppError('NOT_FOUND', `Không tìm thấy văn bản đến có mã ${id}.`, { field: 'id' });
  return d;
}

function requireOpen(app: AppContext, id: number): repo.IncomingDbRow {
  const row = repo.getRow(app.db, id);
  if (!row) throw new AppError('NOT_FOUND', `Không tìm thấy văn bản đến có mã ${id}.`, { field: 'id' });
  if (row.status === 'da-huy') {
    throw new AppError('CONFLICT', `Văn bản số đến ${row.arrival_number}/${row.year} đã bị hủy; không thể thay đổi.`);
  }
  return row;
}

/**
 * Editing keeps the số đến, the book and the year: only the document's own metadata changes. A change that carries the
 * updatedAt its form read is refused when the record changed since (another desk edited, routed or moved it).
 */
export async function update(app: AppContext, input: MethodParsed<'incoming.update'>): Promise<IncomingDetail> {
  const before = requireOpen(app, input.id);
  const edited = (updatedAt: string) => ({ entity: 'incoming', id: input.id, updatedAt, noun: 'Văn bản đến' });
  // Checked again inside the transaction; here it spares storing the files of a change that would be refused.
  refuseIfChangedSince(app, edited(before.updated_at), input.expectedUpdatedAt);
  checkDates(app, before.arrival_date, input.docDate ?? before.doc_date);
  const files = await prepareFiles(app, input.attachments);
  storeFiles(app, files);
  immediate(app.db, () => {
    const row = requireOpen(app, input.id);
    refuseIfChangedSince(app, edited(row.updated_at), input.expectedUpdatedAt);
    const sender = input.sender ? findOrCreateOrganization(app, input.sender) : undefined;
    const now = app.nowIso();
    repo.updateFields(
      app.db,
      row.id,
      {
        senderId: sender?.id,
        ref: input.ref,
        refFolded: input.ref ? folded(input.ref).replace(/\s+/g, '') : undefined,
        docDate: input.docDate,
        docType: input.docType,
        subject: input.subject,
        urgency: input.urgency,
        secrecy: input.secrecy,
        pageCount: input.pageCount,
        recipient: input.recipient,
        note: input.note,
      },
      now,
    );
    if (files.length) {
      recordBlobs(app, files);
      for (const f of files) repo.insertAttachment(app.db, row.id, f.sha256, f.name, now);
    }
    const after = repo.getRow(app.db, row.id)!;
    audit(app, 'incoming.update', 'incoming', row.id, { files: files.length });
    ftsSetMeta(app.db, row.id, incomingMetaText({ ...after, docType: after.doc_type, arrivalNumber: after.arrival_number }));
  });
  if (files.some((f) => f.textStatus === 'pending')) app.indexer.kick();
  return get(app, input.id);
}

/** ND30 Điều 23: the leader names the lead (chủ trì), co-operating units, an instruction and a deadline. */
export function route(app: AppContext, input: MethodParsed<'incoming.route'>): IncomingDetail {
  immediate(app.db, () => {
    const row = requireOpen(app, input.id);
    if (input.deadline && input.deadline < row.arrival_date) {
      throw new AppError('VALIDATION', `Hạn giải quyết ${formatDateVN(input.deadline)} ở trước ngày đến.`, { field: 'deadline' });
    }
    const now = app.nowIso();
    repo.insertRouting(app.db, row.id, {
      at: now,
      actor: actorName(input.actor),
      lead: input.lead,
      coUnits: input.coUnits,
      instruction: input.instruction || null,
      deadline: input.deadline ?? null,
    });
    if (row.status === 'cho-xu-ly') {
      repo.setStatus(app.db, row.id, 'dang-xu-ly', now);
      repo.insertHistory(app.db, row.id, now, actorName(input.actor), 'cho-xu-ly', 'dang-xu-ly', `Chuyển ${input.lead} chủ trì xử lý`);
    }
    audit(app, 'incoming.route', 'incoming', row.id, { lead: input.lead, coUnits: input.coUnits, deadline: input.deadline ?? null });
  });
  return get(app, input.id);
}

export function setStatus(app: AppContext, input: MethodParsed<'incoming.setStatus'>): IncomingDetail {
  immediate(app.db, () => {
    const row = requireOpen(app, input.id);
    if (row.status === input.status) {
      throw new AppError('CONFLICT', `Văn bản đã ở trạng thái «${INCOMING_STATUS_LABELS[input.status]}».`, { field: 'status' });
    }
    const now = app.nowIso();
    repo.setStatus(app.db, row.id, input.status, now);
    repo.insertHistory(app.db, row.id, now, actorName(input.actor), row.status, input.status, input.note || null);
    audit(app, 'incoming.status', 'incoming', row.id, { from: row.status, to: input.status });
  });
  return get(app, input.id);
}

/** A registered document is never deleted: it is cancelled with a reason and its number stays used. */
export function cancel(app: AppContext, input: MethodParsed<'incoming.cancel'>): IncomingDetail {
  immediate(app.db, () => {
    const row = requireOpen(app, input.id);
    const now = app.nowIso();
    repo.setStatus(app.db, row.id, 'da-huy', now, input.reason);
    repo.insertHistory(app.db, row.id, now, actorName(input.actor), row.status, 'da-huy', input.reason);
    audit(app, 'incoming.cancel', 'incoming', row.id, { reason: input.reason });
  });
  return get(app, input.id);
}

