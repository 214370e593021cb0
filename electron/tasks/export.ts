import type { MethodParsed } from '../../shared/api/contract';
import { formatDateVN, todayInVietnam } from '../../shared/domain/dates';
import { TASK_STATUS_LABELS, type ExportedTasks, type TaskRow } from '../../shared/tasks/schemas';
import type { AppContext } from '../app/context';
import { asDate, BOOK_FONT, bookSheet, finishBookSheet } from '../registers/book-sheet';
import { organisation } from '../settings/organisation';
import * as repo from './repo';
import * as rules from './rules';
import { listWhere } from './service';

/**
 * The task list as a spreadsheet (exceljs, the registers' sheet: A4 landscape, Times New Roman, titles repeated on
 * every printed page): what the caller may see with the list's filters, overdue in bold red, late finishes marked.
 */

const COLUMNS = ['STT', 'Công việc', 'Chủ trì', 'Phối hợp', 'Thời hạn', 'Tiến độ (%)', 'Tình trạng', 'Ngày hoàn thành', 'Người giao'] as const;
const WIDTHS = [6, 55, 26, 30, 13, 10, 20, 15, 22];
const MAX_ROWS = 50_000;

export function statusText(r: TaskRow): string {
  if (r.overdue) return `${TASK_STATUS_LABELS['qua-han']} (${TASK_STATUS_LABELS[r.status].toLowerCase()})`;
  if (r.status === 'hoan-thanh') return r.late ? 'Hoàn thành (trễ hạn)' : 'Hoàn thành đúng hạn';
  return TASK_STATUS_LABELS[r.status];
}

export async function exportXlsx(app: AppContext, input: MethodParsed<'tasks.exportXlsx'>): Promise<ExportedTasks> {
  const a = rules.actorOf(app);
  const { rows: recs } = repo.findTasks(app.db, listWhere(app, a, input), MAX_ROWS, 0);
  const rows = repo.toTaskRows(app.db, recs.reverse(), app.today());
  const org = organisation(app.db);
  const sheet = bookSheet(
    'Công việc',
    WIDTHS,
    [...(org.name ? [{ text: org.name.toUpperCase(), bold: true }] : []), { text: 'DANH SÁCH CÔNG VIỆC', bold: true }, { text: `Ngày ${formatDateVN(app.today())}`, italic: true }],
    COLUMNS,
    false,
  );
  rows.forEach((r, i) => {
    const row = sheet.ws.addRow([
      i + 1,
      r.title,
      r.lead?.name ?? '',
      r.co.map((c) => c.name).join('; '),
      asDate(r.deadline),
      r.progress,
      statusText(r),
      r.finishedAt ? asDate(todayInVietnam(new Date(r.finishedAt))) : null,
      r.createdBy.fullName,
    ]);
    row.eachCell({ includeEmpty: true }, (c, col) => {
      c.font = BOOK_FONT;
      c.alignment = { vertical: 'top', wrapText: true, horizontal: [1, 5, 6, 8].includes(col) ? 'center' : 'left' };
      if (col === 5 || col === 8) c.numFmt = 'dd/mm/yyyy';
    });
    if (r.overdue || r.late) row.getCell(7).font = { ...BOOK_FONT, bold: true, color: { argb: 'FFC00000' } };
  });
  const data = await finishBookSheet(sheet);
  return { fileName: `cong-viec-${app.today()}.xlsx`, mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', data, rowCount: rows.length };
}
