import { z } from 'zod';
import { incomingFields } from '../../shared/incoming/schemas';
import { formatDateVN } from '../../shared/domain/dates';
import { padNumber } from '../../shared/drafting/notation';
import { bareRef, IMPORT_FIELD_LABELS, numberOfRef, parseArrivalNumber, parseCellDate, splitTypeSubject, type ImportField, type ImportMapping } from '../../shared/imports/fields';

/**
 * One row of an old register read into an incoming record's fields, as the registration form would take them (the
 * same zod fields: lengths, the type catalogue), or the reason it cannot be: Vietnamese, naming the column.
 */
const recordSchema = z.object({
  arrivalDate: incomingFields.arrivalDate,
  sender: incomingFields.sender,
  ref: incomingFields.ref,
  docDate: incomingFields.docDate,
  docType: incomingFields.docType,
  subject: incomingFields.subject,
  pageCount: incomingFields.pageCount,
  recipient: incomingFields.recipient,
  note: incomingFields.note,
});
export type RowRecord = z.output<typeof recordSchema>;

/** A row's first problem as the register's column names it: "Tên loại và trích yếu nội dung: …". */
function firstIssue(error: z.ZodError): { key: string; message: string } {
  const issue = error.issues[0];
  const key = String(issue.path[0] ?? '');
  const label = key === 'subject' ? IMPORT_FIELD_LABELS.typeSubject : (IMPORT_FIELD_LABELS as Record<string, string>)[key] ?? key;
  return { key, message: `${label}: ${issue.message}` };
}

/** A positive whole number written in a cell ("12"), or undefined. */
const countIn = (cell: string) => (/^\d+$/.test(cell) && Number(cell) > 0 ? Number(cell) : undefined);

export type ReadRow =
  | { ok: true; number: number; year: number; record: RowRecord & { arrivalDate: string }; files: string }
  | { ok: false; number: number | null; reason: string };

export function readRow(cells: string[], m: ImportMapping, today: string): ReadRow {
  const cell = (f: ImportField) => (m[f] === undefined ? '' : (cells[m[f]!] ?? '').trim());
  const numberText = cell('arrivalNumber');
  const number = parseArrivalNumber(numberText);
  const fail = (reason: string): ReadRow => ({ ok: false, number, reason });
  if (!numberText) return fail('Thiếu số đến.');
  if (number === null) return fail(`Số đến «${numberText}» không phải một số.`);
  const thisYear = Number(today.slice(0, 4));
  const arrivalText = cell('arrivalDate');
  if (!arrivalText) return fail('Thiếu ngày đến.');
  const arrivalDate = parseCellDate(arrivalText, thisYear);
  if (!arrivalDate) return fail(`Ngày đến «${arrivalText}» không đúng dạng ngày/tháng/năm.`);
  const docText = cell('docDate');
  if (!docText) return fail('Thiếu ngày văn bản.');
  const docDate = parseCellDate(docText, thisYear);
  if (!docDate) return fail(`Ngày văn bản «${docText}» không đúng dạng ngày/tháng/năm.`);
  if (arrivalDate > today) return fail(`Ngày đến ${formatDateVN(arrivalDate)} ở sau hôm nay.`);
  if (docDate > arrivalDate) return fail(`Ngày văn bản ${formatDateVN(docDate)} ở sau ngày đến ${formatDateVN(arrivalDate)}.`);
  const text = cell('typeSubject');
  const typeCell = cell('docType');
  const split = typeCell ? { docType: typeCell, subject: text } : splitTypeSubject(text);
  const extra = [
    cell('instruction') && `Ý kiến phân phối, chỉ đạo: ${cell('instruction')}`,
    cell('transferDate') && `Ngày chuyển: ${parseCellDate(cell('transferDate'), thisYear) ? formatDateVN(parseCellDate(cell('transferDate'), thisYear)!) : cell('transferDate')}`,
    cell('signedBy') && `Ký nhận: ${cell('signedBy')}`,
    cell('note'),
  ].filter(Boolean);
  const pages = cell('pageCount');
  const parsed = recordSchema.safeParse({
    arrivalDate,
    sender: cell('sender'),
    ref: cell('ref'),
    docDate,
    docType: split.docType ?? undefined,
    subject: split.subject,
    pageCount: countIn(pages),
    recipient: cell('recipient') || undefined,
    note: extra.length ? extra.join('. ').slice(0, 500) : undefined,
  });
  if (!parsed.success) {
    const issue = firstIssue(parsed.error);
    // A type name outside the catalogue is no reason to lose the row: it stays in the trích yếu.
    if (issue.key === 'docType') return readRow(cells, { ...m, docType: undefined }, today);
    return fail(issue.message);
  }
  return { ok: true, number, year: Number(arrivalDate.slice(0, 4)), record: { ...parsed.data, arrivalDate }, files: cell('file') };
}

/** One row of an old outgoing register (sổ đăng ký văn bản đi), as an issued record's fields. */
const outgoingSchema = z.object({
  ref: incomingFields.ref,
  docDate: incomingFields.docDate,
  docType: incomingFields.docType,
  subject: incomingFields.subject,
  pageCount: incomingFields.pageCount,
  signer: z.string().max(200, { error: 'Người ký dài quá 200 ký tự.' }),
  recipients: z.array(z.string().min(1).max(300, { error: 'Một nơi nhận dài quá 300 ký tự.' })).max(200, { error: 'Quá 200 nơi nhận.' }),
  archive: z.string().max(300, { error: 'Nơi lưu dài quá 300 ký tự.' }),
  copies: z.number().int().min(1).max(100_000).nullable(),
  note: incomingFields.note,
});
export type OutgoingRowRecord = z.output<typeof outgoingSchema>;

export type ReadOutgoingRow =
  | { ok: true; number: number; year: number; record: OutgoingRowRecord; files: string }
  | { ok: false; number: number | null; reason: string };

/**
 * A register that keeps the số and the ký hiệu in two columns: the document's số, ký hiệu joined as it was written on it,
 * "07/KH-UBND" (State: số/ký hiệu, ND30) or "07-KH/TU" (Party: số-ký hiệu, HD 36 — its ký hiệu holds the slash).
 */
function joinRef(n: number, notation: string): string {
  return notation.includes('/') ? `${padNumber(n)}-${notation}` : `${padNumber(n)}/${notation}`;
}

/** "Sở Tài chính; Sở Nội vụ", one per line, or "- Sở Tài chính,\n- Sở Nội vụ;" → the names, without list marks. */
function splitRecipients(cell: string): string[] {
  const parts = /[\n;]/.test(cell) ? cell.split(/[\n;]+/) : [cell];
  return parts.map((p) => p.replace(/^[\s\-–•+*]+/, '').replace(/[\s,.;]+$/, '').trim()).filter(Boolean);
}

export function readOutgoingRow(cells: string[], m: ImportMapping, today: string): ReadOutgoingRow {
  const cell = (f: ImportField) => (m[f] === undefined ? '' : (cells[m[f]!] ?? '').trim());
  const written = bareRef(cell('ref'));
  const numberText = cell('docNumber');
  const inRef = numberOfRef(written);
  const number = numberText ? parseArrivalNumber(numberText) : inRef;
  const fail = (reason: string): ReadOutgoingRow => ({ ok: false, number, reason });
  if (!written) return fail('Thiếu số, ký hiệu.');
  if (number === null) return fail(numberText ? `Số «${numberText}» không phải một số.` : `Không đọc được số ở đầu số, ký hiệu «${written}» (cần dạng 125/UBND-VP); thêm cột Số nếu sổ ghi riêng.`);
  if (inRef !== null && inRef !== number) return fail(`Số ${number} khác số ở đầu số, ký hiệu «${written}»: xem lại cột Số.`);
  const ref = inRef !== null ? written : joinRef(number, written);
  const thisYear = Number(today.slice(0, 4));
  const docText = cell('docDate');
  if (!docText) return fail('Thiếu ngày văn bản.');
  const docDate = parseCellDate(docText, thisYear);
  if (!docDate) return fail(`Ngày văn bản «${docText}» không đúng dạng ngày/tháng/năm.`);
  if (docDate > today) return fail(`Ngày văn bản ${formatDateVN(docDate)} ở sau hôm nay.`);
  const text = cell('typeSubject');
  const typeCell = cell('docType');
  const split = typeCell ? { docType: typeCell, subject: text } : splitTypeSubject(text);
  const transfer = cell('transferDate');
  const extra = [
    transfer && `Ngày chuyển: ${parseCellDate(transfer, thisYear) ? formatDateVN(parseCellDate(transfer, thisYear)!) : transfer}`,
    cell('signedBy') && `Ký nhận: ${cell('signedBy')}`,
    cell('note'),
  ].filter(Boolean);
  const pages = cell('pageCount');
  const copies = cell('copies');
  const parsed = outgoingSchema.safeParse({
    ref,
    docDate,
    docType: split.docType ?? undefined,
    subject: split.subject,
    pageCount: countIn(pages),
    signer: cell('signer').normalize('NFC'),
    recipients: splitRecipients(cell('recipients').normalize('NFC')),
    archive: cell('archive').normalize('NFC'),
    copies: countIn(copies) ?? null,
    note: extra.length ? extra.join('. ').slice(0, 500) : undefined,
  });
  if (!parsed.success) {
    const issue = firstIssue(parsed.error);
    if (issue.key === 'docType') return readOutgoingRow(cells, { ...m, docType: undefined }, today);
    return fail(issue.message);
  }
  return { ok: true, number, year: Number(docDate.slice(0, 4)), record: parsed.data, files: cell('file') };
}
