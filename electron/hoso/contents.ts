import { formatDateVN } from '../../shared/domain/dates';
import { SECRECY_LABELS, type Secrecy } from '../../shared/domain/marks';
import { AppError } from '../../shared/api/result';
import type { MethodParsed } from '../../shared/api/contract';
import { HOSO_STATUS_LABELS } from '../../shared/hoso/schemas';
import type { ExportedFile } from '../../shared/registers/schemas';
import { foldVietnamese } from '../../shared/text/fold';
import type { AppContext } from '../app/context';
import { requireCaller } from '../app/caller';
import { organName } from '../settings/organisation';
import { viewerOf } from '../scope/viewer';
import { documentsOf, type DocInfo } from './documents';
import * as repo from './repo';
import type { TableDocx } from './table-docx';
import { requireHoso, toSummary } from './service';

/**
 * The two lists of ND30 Phụ lục V: the Mục lục văn bản of a hồ sơ (STT, Số ký hiệu văn bản, Ngày tháng năm văn bản,
 * Tác giả văn bản, Trích yếu nội dung văn bản, Tờ số/Trang số, Ghi chú) and the Danh mục hồ sơ of a year (Số và ký
 * hiệu hồ sơ, Tên đề mục và tiêu đề hồ sơ, Thời hạn bảo quản, Đơn vị/người lập hồ sơ, Ghi chú), as PDF or Word. A
 * document the reader may not read keeps its row and number, with nothing of it but that.
 */
export const CONTENTS_COLUMNS = ['STT', 'Số, ký hiệu văn bản', 'Ngày tháng năm văn bản', 'Tác giả văn bản', 'Trích yếu nội dung văn bản', 'Tờ số/Trang số', 'Ghi chú'];
const CONTENTS_MM = [12, 38, 25, 45, 90, 22, 25];
const CONTENTS_ALIGN = ['center', 'left', 'center', 'left', 'left', 'center', 'left'] as const;

export const CATALOGUE_COLUMNS = ['Số và ký hiệu hồ sơ', 'Tên đề mục và tiêu đề hồ sơ', 'Thời hạn bảo quản', 'Đơn vị/người lập hồ sơ', 'Ghi chú'];
const CATALOGUE_MM = [35, 110, 30, 50, 32];
const CATALOGUE_ALIGN = ['left', 'left', 'center', 'left', 'left'] as const;

const MIME = { pdf: 'application/pdf', docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' } as const;

/** One row of the mục lục. */
export function contentsRow(d: DocInfo): string[] {
  if (!d.visible) return [String(d.ordinal), '', '', '', '', d.pageRange, 'Văn bản bạn không được xem'];
  const notes = [d.secrecy !== 'thuong' ? (SECRECY_LABELS[d.secrecy as Secrecy] ?? d.secrecy) : '', d.kind === 'draft' ? 'Bản đã ký, chưa phát hành' : ''].filter(Boolean);
  return [String(d.ordinal), d.ref, formatDateVN(d.date), d.author, d.subject, d.pageRange, notes.join('; ')];
}

/** What is printed: a cover, a numbered table and a closing line (the PDF and Word writers take the same). */
type Printed = TableDocx;

async function render(app: AppContext, p: Printed, format: 'pdf' | 'docx'): Promise<Uint8Array> {
  // The PDF and Word writers load on the first export, not with the API.
  if (format === 'pdf') {
    const { tablePdf } = await import('./table-pdf');
    return (await tablePdf({ title: p.title, cover: p.cover, header: p.header, widths: p.widthsMm, align: [...p.align], rows: p.rows, closing: p.closing, now: app.clock() })).data;
  }
  const { tableDocx } = await import('./table-docx');
  return tableDocx(p);
}

export async function exportContents(app: AppContext, input: MethodParsed<'hoso.contents'>): Promise<ExportedFile> {
  const c = requireCaller();
  const r = requireHoso(app, input.id);
  const s = toSummary(app, r, c);
  const docs = documentsOf(app, repo.docsOf(app.db, r.id), viewerOf(app));
  const pages = docs.reduce((n, d) => n + (d.pages ?? 0), 0);
  const organ = organName(app.db);
  const p: Printed = {
    title: `Mục lục văn bản — hồ sơ ${s.code}`,
    cover: [
      ...(organ ? [{ text: organ.toUpperCase(), bold: true }] : []),
      { text: 'MỤC LỤC VĂN BẢN', bold: true, size: 14 },
      { text: `Hồ sơ số: ${s.code} — Năm ${s.year} — Mã hồ sơ: ${s.fileCode}` },
      { text: s.title, bold: true },
      { text: `Thời hạn bảo quản: ${s.retention?.label ?? 'chưa xác định'}. Người lập: ${s.owner.fullName}${s.unit ? ` (${s.unit.name})` : ''}.`, italic: true },
    ],
    header: CONTENTS_COLUMNS,
    widthsMm: CONTENTS_MM,
    align: CONTENTS_ALIGN,
    rows: docs.map(contentsRow),
    closing: `Mục lục này gồm ${docs.length} văn bản, ${pages} trang${s.status !== 'mo' ? `; hồ sơ ${s.statusLabel.toLowerCase()}` : ''}. Lập ngày ${formatDateVN(app.today())}.`,
  };
  const data = await render(app, p, input.format);
  const name = foldVietnamese(s.code).replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || String(s.id);
  return { fileName: `muc-luc-ho-so-${s.year}-${name}.${input.format}`, mime: MIME[input.format], data, rowCount: docs.length };
}

export async function exportCatalogue(app: AppContext, input: MethodParsed<'hoso.catalogue'>): Promise<ExportedFile> {
  const c = requireCaller();
  const rows = repo.listHoso(app.db, { year: input.year, scope: repo.hosoScope(viewerOf(app)), limit: 100_000 });
  if (!rows.length) throw new AppError('NOT_FOUND', `Danh mục hồ sơ năm ${input.year} chưa có hồ sơ nào.`, { field: 'year' });
  const organ = organName(app.db);
  const p: Printed = {
    title: `Danh mục hồ sơ năm ${input.year}`,
    cover: [
      ...(organ ? [{ text: organ.toUpperCase(), bold: true }] : []),
      { text: `DANH MỤC HỒ SƠ NĂM ${input.year}`, bold: true, size: 14 },
      { text: '(Nghị định 30/2020/NĐ-CP, Phụ lục V)', italic: true },
    ],
    header: CATALOGUE_COLUMNS,
    widthsMm: CATALOGUE_MM,
    align: CATALOGUE_ALIGN,
    rows: rows.map((r) => {
      const s = toSummary(app, r, c);
      return [s.code, s.title, s.retention?.label ?? '', [s.unit?.name, s.owner.fullName].filter(Boolean).join('\n'), s.status === 'mo' ? '' : HOSO_STATUS_LABELS[s.status]];
    }),
    closing: `Danh mục gồm ${rows.length} hồ sơ. Lập ngày ${formatDateVN(app.today())}.`,
  };
  const data = await render(app, p, input.format);
  return { fileName: `danh-muc-ho-so-${input.year}.${input.format}`, mime: MIME[input.format], data, rowCount: rows.length };
}
