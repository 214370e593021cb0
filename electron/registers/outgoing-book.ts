import type { MethodParsed } from '../../shared/api/contract';
import type { ExportedFile } from '../../shared/registers/schemas';
import { docTypeByCode } from '../../shared/domain/doc-types';
import { formatDateVN, todayInVietnam } from '../../shared/domain/dates';
import { INCOMING_STATUS_LABELS } from '../../shared/domain/marks';
import type { AppContext } from '../app/context';
import { organName } from '../settings/organisation';
import { requireBook } from '../directory/service';
import { listOutgoing } from '../outgoing/repo';
import { periodLabel } from '../outgoing/numbering';
import { followUpRows } from '../incoming/list-repo';
import type { FollowUpRow, OutgoingBookRow } from './book-types';
import { auditAnchorLine } from './anchor';
import { incomingScope, outgoingScope } from '../scope/repo';
import { viewerOf } from '../scope/viewer';

const MIME = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

/** ND30 Điều 16: the outgoing register kept in the system is printed with all the book's columns and bound. */
export async function exportOutgoingBook(app: AppContext, input: MethodParsed<'registerBook.export'>): Promise<ExportedFile> {
  const book = requireBook(app, 'outgoing', input.book);
  const records = listOutgoing(app.db, { bookId: book.id, from: input.from, to: input.to, limit: 1_000_000, scope: outgoingScope(viewerOf(app)) });
  const rows: OutgoingBookRow[] = records.map((r) => ({
    number: r.number,
    ref: r.ref,
    docDate: r.docDate,
    docTypeName: r.docType ? (docTypeByCode(r.docType)?.name ?? null) : null,
    subject: r.subject,
    signer: r.signer,
    recipients: r.recipients,
    archive: r.archive,
    copies: r.copies,
    transferDate: r.sends.length ? todayInVietnam(new Date(r.sends[0].sentAt)) : null,
    note: r.note,
    status: r.status === 'issuing' ? 'issued' : r.status,
  }));
  const meta = {
    organName: organName(app.db),
    bookName: book.name,
    periodLabel: periodLabel(book, Number(input.from.slice(0, 4))),
    from: input.from,
    to: input.to,
    fromNumber: rows.length ? rows[0].number : null,
    toNumber: rows.length ? rows[rows.length - 1].number : null,
    anchor: auditAnchorLine(app),
  };
  // docx and exceljs are loaded for an export only, not with the API (the CLI starts without them).
  const data =
    input.format === 'docx'
      ? await (await import('./outgoing-book-docx')).outgoingBookDocx(meta, rows)
      : await (await import('./outgoing-book-xlsx')).outgoingBookXlsx(meta, rows);
  return { fileName: `so-van-ban-di_${input.from}_${input.to}.${input.format}`, mime: MIME[input.format], data, rowCount: rows.length };
}

/** ND30 Phụ lục IV: Sổ theo dõi giải quyết văn bản đến — every routed document, its deadline and progress. */
export async function exportFollowUpBook(app: AppContext, input: MethodParsed<'registerBook.export'>): Promise<ExportedFile> {
  const book = requireBook(app, 'incoming', input.book);
  const today = app.today();
  const rows: FollowUpRow[] = followUpRows(app.db, book.id, input.from, input.to, incomingScope(viewerOf(app))).map((r) => {
    const type = r.doc_type ? docTypeByCode(r.doc_type)?.name : null;
    const open = r.status === 'cho-xu-ly' || r.status === 'dang-xu-ly';
    const late = open && r.deadline !== null && r.deadline < today;
    const days = late ? Math.round((Date.parse(today) - Date.parse(r.deadline!)) / 86_400_000) : 0;
    return {
      arrivalNumber: r.arrival_number,
      document: `${type ?? 'Văn bản'} số ${r.ref} ngày ${formatDateVN(r.doc_date)} của ${r.sender}`,
      recipient: r.lead,
      deadline: r.deadline,
      progress: late ? `Quá hạn ${days} ngày` : INCOMING_STATUS_LABELS[r.status],
      replyRef: r.reply_ref,
      note: r.note,
      overdue: late,
    };
  });
  const meta = { organName: organName(app.db), bookName: book.name, from: input.from, to: input.to, anchor: auditAnchorLine(app) };
  const data =
    input.format === 'docx'
      ? await (await import('./followup-book-docx')).followUpBookDocx(meta, rows)
      : await (await import('./followup-book-xlsx')).followUpBookXlsx(meta, rows);
  return { fileName: `so-theo-doi-giai-quyet_${input.from}_${input.to}.${input.format}`, mime: MIME[input.format], data, rowCount: rows.length };
}
