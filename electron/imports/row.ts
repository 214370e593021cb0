import { z } from 'zod';
import { incomingFields } from '../../shared/incoming/schemas';
import { formatDateVN } from '../../shared/domain/dates';
import { IMPORT_FIELD_LABELS, parseArrivalNumber, parseCellDate, splitTypeSubject, type ImportField, type ImportMapping } from '../../shared/imports/fields';

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
    pageCount: /^\d+$/.test(pages) && Number(pages) > 0 ? Number(pages) : undefined,
    recipient: cell('recipient') || undefined,
    note: extra.length ? extra.join('. ').slice(0, 500) : undefined,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const key = String(issue.path[0] ?? '');
    const label = key === 'subject' ? IMPORT_FIELD_LABELS.typeSubject : (IMPORT_FIELD_LABELS as Record<string, string>)[key] ?? key;
    // A type name outside the catalogue is no reason to lose the row: it stays in the trích yếu.
    if (key === 'docType') return readRow(cells, { ...m, docType: undefined, typeSubject: m.typeSubject }, today);
    return fail(`${label}: ${issue.message}`);
  }
  return { ok: true, number, year: Number(arrivalDate.slice(0, 4)), record: { ...parsed.data, arrivalDate }, files: cell('file') };
}
