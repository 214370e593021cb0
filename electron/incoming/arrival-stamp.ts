import { AppError } from '../../shared/api/result';
import type { MethodParsed } from '../../shared/api/contract';
import type { IncomingDetail } from '../../shared/incoming/schemas';
import type { StepInfo } from '../../shared/incoming/flow';
import type { StampedCopy } from '../../shared/incoming/print';
import { formatDateVN, todayInVietnam } from '../../shared/domain/dates';
import { padNumber } from '../../shared/drafting/notation';
import { foldVietnamese } from '../../shared/text/fold';
import type { AppContext } from '../app/context';
import { fontFiles } from '../drafting/fonts';
import { parseOrRefuse } from '../parsing/untrusted';
import { blobVisible } from '../scope/repo';
import { viewerOf } from '../scope/viewer';
import { organName } from '../settings/organisation';
import { hosoCodeOf } from './arrival-stamp-repo';
import type { ArrivalMark, StampedPdf } from './arrival-stamp-pdf';
import { get } from './service';

/**
 * The bút phê a document was given, as the Phiếu giải quyết văn bản đến and the ĐẾN mark's "Chuyển" print it, from the
 * processing trail: the latest 'instruct' step (lead, deadline, the leader's words; co-handlers from the handlers it
 * named), or the latest incoming_routing row when that is later (the văn thư recording an instruction given on paper,
 * and every document routed before the trail existed).
 */
export interface Instruction {
  /** The day it was given, in Vietnam. */
  day: string;
  at: string;
  note: string | null;
  lead: string[];
  co: string[];
  deadline: string | null;
  /** The leader who gave it (as recorded: an account's name, or the name typed with a paper instruction). */
  by: string | null;
  /** The leader a deputy acted for under ủy quyền. */
  onBehalfOf: string | null;
}

export function instructionOf(d: Pick<IncomingDetail, 'steps' | 'routing' | 'handlers'>): Instruction | null {
  const step = [...d.steps].reverse().find((s) => s.kind === 'instruct');
  const routed = d.routing.length ? d.routing[d.routing.length - 1] : undefined;
  if (routed && (!step || routed.at >= step.at)) {
    return {
      day: todayInVietnam(new Date(routed.at)),
      at: routed.at,
      note: routed.instruction,
      lead: [routed.lead],
      co: routed.coUnits,
      deadline: routed.deadline,
      by: routed.actor,
      onBehalfOf: null,
    };
  }
  if (!step) return null;
  // People a unit's head passed it on to are handlers too (role co or lead): they are part 2's, not the bút phê's.
  const assigned = new Set(d.steps.filter((s) => s.kind === 'assign' && s.toUser).map((s) => s.toUser!.id));
  const leadName = step.toUnit?.name ?? step.toUser?.name;
  const co = d.handlers.filter((h) => h.role === 'co' && !(h.kind === 'user' && h.id !== null && assigned.has(h.id))).map((h) => h.name);
  return {
    day: todayInVietnam(new Date(step.at)),
    at: step.at,
    note: step.note,
    lead: leadName ? [leadName] : d.handlers.filter((h) => h.role === 'lead').map((h) => h.name),
    co,
    deadline: step.deadline,
    by: step.actor?.name ?? null,
    onBehalfOf: step.onBehalfOf?.name ?? null,
  };
}

/** The steps after the bút phê of the given kinds (all of them when there is none), oldest first. */
export function stepsSince(d: Pick<IncomingDetail, 'steps'>, since: Instruction | null, kinds: readonly StepInfo['kind'][]): StepInfo[] {
  return d.steps.filter((s) => kinds.includes(s.kind) && (!since || s.at >= since.at));
}

/** What the ĐẾN mark says for a document. */
export function arrivalMark(app: AppContext, d: IncomingDetail): ArrivalMark {
  return {
    organ: organName(app.db),
    number: padNumber(d.arrivalNumber),
    date: formatDateVN(d.arrivalDate),
    forward: instructionOf(d)?.lead.join('; ') ?? '',
    file: hosoCodeOf(app.db, d.id) ?? '',
  };
}

const COPY_NOTICE = 'Bản sao có dấu ĐẾN — không thay thế bản gốc đã ký số';

/**
 * A copy of an attached PDF with the ĐẾN mark on page 1, for whoever may read the document. The stored file is read,
 * never written: the copy is returned, not kept. The file came from outside, so it is opened and rewritten in the parse
 * worker under its limits; an encrypted or broken PDF is refused with the reason and nothing is stored.
 */
export async function stampedCopy(app: AppContext, input: MethodParsed<'incoming.stampedCopy'>): Promise<StampedCopy> {
  const d = get(app, input.id);
  const a = d.attachments.find((x) => x.id === input.attachmentId);
  if (!a) throw new AppError('NOT_FOUND', `Văn bản đến số ${d.arrivalNumber}/${d.year} không có tệp đính kèm mã ${input.attachmentId}.`, { field: 'attachmentId' });
  // The copy carries the file's bytes: the file read rule (the download's) holds too, not only the document's.
  if (!blobVisible(app.db, a.sha256, viewerOf(app))) {
    throw new AppError('NOT_FOUND', `Không tìm thấy tệp đính kèm «${a.name}» trong những tệp bạn được xem.`, { field: 'attachmentId' });
  }
  if (a.mime !== 'application/pdf') throw new AppError('VALIDATION', `Chỉ đóng dấu ĐẾN lên bản sao của tệp PDF; «${a.name}» không phải PDF.`, { field: 'attachmentId' });
  if (!app.blobs.has(a.sha256)) throw new AppError('NOT_FOUND', `Không tìm thấy nội dung tệp «${a.name}» trong kho tệp.`, { field: 'attachmentId' });
  const data = app.blobs.read(a.sha256);
  const mark = arrivalMark(app, d);
  const f = fontFiles();
  const fonts = { regular: new Uint8Array(f.regular), bold: new Uint8Array(f.bold) };
  const stamped = await parseOrRefuse<StampedPdf>(
    'pdf.stampArrival',
    { data, name: a.name, mark, fonts },
    { name: a.name, field: 'attachmentId', local: async () => (await import('./arrival-stamp-pdf')).stampArrivalPdf(data, a.name, mark, fonts) },
  );
  const signed = a.signatureStatus !== null;
  const base = foldVietnamese(a.name.replace(/\.pdf$/i, '')).replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'van-ban';
  return {
    fileName: `${base}-dau-den-${d.arrivalNumber}-${d.year}.pdf`,
    mime: 'application/pdf',
    data: stamped.data,
    originalSha256: a.sha256,
    signedOriginal: signed,
    notice: signed
      ? `${COPY_NOTICE}: các chữ ký số của bản gốc không bao gồm dấu ĐẾN thêm vào bản sao này; bản gốc trong sổ giữ nguyên.`
      : `${COPY_NOTICE}: bản gốc trong sổ giữ nguyên.`,
    placement: stamped.placement,
  };
}
