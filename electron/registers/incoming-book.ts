import { todayInVietnam } from '../../shared/domain/dates';
import type { MethodParsed } from '../../shared/api/contract';
import type { ExportedFile } from '../../shared/registers/schemas';
import { docTypeByCode } from '../../shared/domain/doc-types';
import type { AppContext } from '../app/context';
import { requireBook } from '../directory/service';
import { bookRows } from '../incoming/list-repo';
import type { IncomingBookRow } from './book-types';
import { organName } from '../settings/organisation';
import { auditAnchorLine } from './anchor';
import { incomingScope } from '../scope/repo';
import { viewerOf } from '../scope/viewer';

/** ND30 Điều 22 and Phụ lục IV: the register kept in the system is printed to the book layout and bound. */
export async function exportIncomingBook(app: AppContext, input: MethodParsed<'registerBook.export'>): Promise<ExportedFile> {
  const book = requireBook(app, 'incoming', input.book);
  const rows: IncomingBookRow[] = bookRows(app.db, book.id, input.from, input.to, incomingScope(viewerOf(app))).map((r) => ({
    arrivalDate: r.arrival_date,
    arrivalNumber: r.arrival_number,
    sender: r.sender,
    ref: r.ref,
    docDate: r.doc_date,
    docTypeName: r.doc_type ? (docTypeByCode(r.doc_type)?.name ?? null) : null,
    subject: r.subject,
    recipient: r.lead ?? r.recipient,
    // routed_at is an instant (UTC); the book prints the day in Vietnam, like ngày đến.
    transferDate: r.routed_at ? todayInVietnam(new Date(r.routed_at)) : null,
    note: r.status === 'da-huy' ? [r.note, `Hủy: ${r.cancel_reason ?? ''}`].filter(Boolean).join('; ') : r.note,
    cancelled: r.status === 'da-huy',
  }));
  const meta = {
    organName: organName(app.db),
    bookName: book.name,
    from: input.from,
    to: input.to,
    fromNumber: rows.length ? rows[0].arrivalNumber : null,
    toNumber: rows.length ? rows[rows.length - 1].arrivalNumber : null,
    anchor: auditAnchorLine(app),
  };
  // docx and exceljs are loaded for an export only, not with the API (the CLI starts without them).
  const data =
    input.format === 'docx'
      ? await (await import('./incoming-book-docx')).incomingBookDocx(meta, rows)
      : await (await import('./incoming-book-xlsx')).incomingBookXlsx(meta, rows);
  const fileName = `so-van-ban-den_${input.from}_${input.to}.${input.format}`;
  const mime =
    input.format === 'docx'
      ? 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
      : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  return { fileName, mime, data, rowCount: rows.length };
}
