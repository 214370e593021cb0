import type { MethodParsed } from '../../shared/api/contract';
import type { IncomingDetail } from '../../shared/incoming/schemas';
import type { PrintedFile } from '../../shared/incoming/print';
import { docTypeByCode } from '../../shared/domain/doc-types';
import { formatDateLongVN, formatDateVN, todayInVietnam } from '../../shared/domain/dates';
import { padNumber } from '../../shared/drafting/notation';
import type { AppContext } from '../app/context';
import { instructionOf, stepsSince } from '../incoming/arrival-stamp';
import { get } from '../incoming/service';
import { organisation } from '../settings/organisation';

/**
 * Phiếu giải quyết văn bản đến (ND30 Điều 23, Phụ lục IV): the office's header, the document, then the three parts —
 * the organisation leader's opinion (the bút phê: chủ trì, phối hợp, thời hạn, ngày), the unit leader's (who the unit's
 * head gave it to, thời hạn, ngày) and the handler's proposals with their dates. A part with nothing recorded prints
 * dotted lines to be filled by hand. The model here is the same for the PDF (processing-sheet-pdf.ts, the project's
 * pdfkit writer and Tinos faces) and the Word file (processing-sheet-docx.ts).
 */

export interface SheetEntry {
  /** Paragraphs of the opinion, in order. */
  lines: string[];
  /** "Ngày 05 tháng 3 năm 2026". */
  date: string;
  /** Who gave it, as signed under the date. */
  by: string | null;
}

export interface SheetPart {
  title: string;
  entries: SheetEntry[];
}

export interface SheetModel {
  parentOrgan: string;
  /** The office's name, one or two lines. */
  organ: string[];
  title: string;
  /** The document, a line per entry: [label, value] pairs printed on one line. */
  fields: [string, string][][];
  parts: [SheetPart, SheetPart, SheetPart];
}

export const SHEET_TITLE = 'PHIẾU GIẢI QUYẾT VĂN BẢN ĐẾN';
export const PART_TITLES = ['Ý kiến của lãnh đạo cơ quan, tổ chức', 'Ý kiến của lãnh đạo đơn vị', 'Ý kiến đề xuất của người giải quyết'] as const;
/** An empty part's date line, filled by hand. */
export const BLANK_DATE = 'Ngày …… tháng …… năm ……';

const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
/** "Ngày 05 tháng 3 năm 2026" for an instant, as the day it was in Vietnam. */
const dayLine = (at: string) => capitalised(formatDateLongVN(todayInVietnam(new Date(at))));
/** "05 tháng 3 năm 2026" after a label that already says Ngày. */
const dateValue = (iso: string) => formatDateLongVN(iso).replace(/^ngày /, '');
const who = (name: string | null, behalf: string | null) => (name && behalf ? `${name} (ủy quyền của ${behalf})` : (name ?? behalf));

export function sheetModel(app: AppContext, d: IncomingDetail): SheetModel {
  const o = organisation(app.db);
  const type = d.docType ? (docTypeByCode(d.docType)?.name ?? null) : null;
  const fields: [string, string][][] = [
    [
      ['Số đến', padNumber(d.arrivalNumber)],
      ['Ngày đến', dateValue(d.arrivalDate)],
    ],
    [['Tác giả', d.sender]],
    [
      ['Số, ký hiệu', d.ref],
      ['Ngày văn bản', dateValue(d.docDate)],
    ],
    // The kind before the summary, as the register prints it, unless the summary already starts with it.
    [['Trích yếu', type && !d.subject.toLocaleLowerCase('vi').startsWith(type.toLocaleLowerCase('vi')) ? `${type} ${d.subject}` : d.subject]],
  ];

  const inst = instructionOf(d);
  const leader: SheetEntry[] = inst
    ? [
        {
          lines: [
            ...(inst.note ? [inst.note] : []),
            `Đơn vị, người chủ trì: ${inst.lead.join('; ') || '……'}`,
            ...(inst.co.length ? [`Đơn vị, người phối hợp: ${inst.co.join('; ')}`] : []),
            ...(inst.deadline ? [`Thời hạn giải quyết: ${formatDateLongVN(inst.deadline)}`] : []),
          ],
          date: dayLine(inst.at),
          by: who(inst.by, inst.onBehalfOf),
        },
      ]
    : [];

  const roleOf = (userId: number) => d.handlers.find((h) => h.kind === 'user' && h.id === userId)?.role;
  const unitLeader: SheetEntry[] = stepsSince(d, inst, ['assign']).map((s) => {
    const role = s.toUser ? roleOf(s.toUser.id) : undefined;
    const as = role === 'lead' ? ' (chủ trì)' : role === 'co' ? ' (phối hợp)' : '';
    return {
      lines: [
        `Giao ${s.toUser?.name ?? '……'}${s.toUnit ? `, ${s.toUnit.name}` : ''}${as} giải quyết.`,
        ...(s.note ? [s.note] : []),
        ...(s.deadline ? [`Thời hạn giải quyết: ${formatDateLongVN(s.deadline)}`] : []),
      ],
      date: dayLine(s.at),
      by: who(s.actor?.name ?? null, s.onBehalfOf?.name ?? null),
    };
  });

  const handler: SheetEntry[] = stepsSince(d, inst, ['progress', 'finish']).map((s) => ({
    lines:
      s.kind === 'finish'
        ? [
            `Kết quả: đã giải quyết xong${s.reply ? `, trả lời bằng văn bản số ${s.reply.ref} ngày ${formatDateVN(s.reply.docDate)}` : ''}.`,
            ...(s.note ? [s.note] : []),
          ]
        : [...(s.note ? [s.note] : []), ...(s.progress !== null ? [`Tiến độ: ${s.progress} %`] : [])],
    date: dayLine(s.at),
    by: s.actor?.name ?? null,
  }));

  return {
    parentOrgan: o.parentOrgan.trim().toLocaleUpperCase('vi'),
    organ: o.name.trim() ? o.name.split('\n').map((l) => l.trim().toLocaleUpperCase('vi')).filter(Boolean) : ['TÊN CƠ QUAN, TỔ CHỨC'],
    title: SHEET_TITLE,
    fields,
    parts: [
      { title: PART_TITLES[0], entries: leader },
      { title: PART_TITLES[1], entries: unitLeader },
      { title: PART_TITLES[2], entries: handler },
    ],
  };
}

const MIME = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
} as const;

/** The sheet of one document the caller may read, as PDF or Word. */
export async function processingSheet(app: AppContext, input: MethodParsed<'incoming.processingSheet'>): Promise<PrintedFile> {
  const d = get(app, input.id);
  const model = sheetModel(app, d);
  // pdfkit and docx load for a print only, not with the API (the CLI starts without them).
  const data =
    input.format === 'docx'
      ? await (await import('./processing-sheet-docx')).sheetDocx(model)
      : await (await import('./processing-sheet-pdf')).sheetPdf(model, app.clock());
  return { fileName: `phieu-giai-quyet-van-ban-den_${d.arrivalNumber}-${d.year}.${input.format}`, mime: MIME[input.format], data };
}
