import { AppError } from '../../shared/api/result';
import type { MethodParsed } from '../../shared/api/contract';
import type { RegisterBook } from '../../shared/directory/schemas';
import type { DraftDocument } from '../../shared/drafting/model';
import type { TextSlotInfo } from '../../shared/drafting/schemas';
import type { OutgoingRecord, ReservedNumbers } from '../../shared/outgoing/schemas';
import { foldVietnamese } from '../../shared/text/fold';
import type { AppContext } from '../app/context';
import { currentActor } from '../app/caller';
import { immediate } from '../db/connection';
import { audit } from '../audit/record';
import { upsertBlob } from '../attachments/repo';
import { seals, saveBlobSignatures } from '../signing/repo';
import { stampPng as accountStampPng } from '../settings/repo';
import type { SealCheck } from '../../shared/settings/schemas';
import type { PreparedDocument, SignedPdf } from '../signing/sign';
import { textSlotsOf } from '../signing/slots';
import { completeSignature, prepareSignature, withKeyFor } from '../signing/service';
import { fillSlots, slotValues } from './fill-slots';
import { periodLabel, periodOf, refFor } from './numbering';
import * as drafts from '../drafting/repo';
import type { DraftRow } from '../drafting/repo';
import * as repo from './repo';
import { bookFor, takeNumber } from './service';
import { me, modelOf, requireDraft } from './workflow';

/**
 * Phát hành (ND30 Điều 15–17) in its steps, shared by the one-shot issuance with a key at hand and the issuance signed
 * at the văn thư's desk: plan (every check before a number is taken), take the number, prepare the organisation's
 * signature with the number and date as page text, complete it with the signature value, record. Whatever fails after
 * the number was taken leaves it used, cancelled with the reason (never reused, never a gap) — except a reserved
 * number (giữ số) that no signed PDF carries yet, which is given back to its reservation (see `givenBack`).
 */

const officeSeal = (db: AppContext['db']) => accountStampPng(db);

export interface IssuancePlan {
  row: DraftRow;
  model: DraftDocument;
  book: RegisterBook;
  date: string;
  signedByLeader: Uint8Array;
  slots: TextSlotInfo[];
  seal?: { png: Uint8Array; widthMm: number };
  /** Giữ số: the reserved number this issuance takes, checked before anything is signed. */
  reserved?: { id: number; number: number; reason: string | null };
}

/** A number taken for an issuance: the register row (status 'issuing') and what it prints. */
export interface TakenNumber {
  id: number;
  number: number;
  ref: string;
}

/**
 * The seal of the issuing organ: the office's own (Cài đặt), else a directory organisation's whose name is the
 * organ's (kept from earlier versions), else the only directory seal on file.
 */
function sealFor(app: AppContext, d: DraftDocument): { png: Uint8Array; widthMm: number; source: 'office' | 'directory'; name: string } | undefined {
  const own = officeSeal(app.db);
  if (own) return { ...own, source: 'office', name: '' };
  const all = seals(app.db);
  const organ = foldVietnamese(d.organ.split('\n').pop() ?? '').replace(/\s+/g, ' ').trim();
  const found = all.find((s) => foldVietnamese(s.name).replace(/\s+/g, ' ').trim() === organ) ?? (all.length === 1 ? all[0] : undefined);
  return found && { png: found.png, widthMm: found.widthMm, source: 'directory', name: found.name };
}

/** What the issued page will show, said before the văn thư issues (an organisation signature without a seal is invisible). */
export function sealCheck(app: AppContext, input: { id: number }): SealCheck {
  const seal = sealFor(app, modelOf(requireDraft(app, input.id)));
  if (!seal) {
    return {
      seal: null,
      says:
        'Chưa có ảnh con dấu của cơ quan: văn bản vẫn được ký số bằng chữ ký của cơ quan, nhưng trên trang KHÔNG có hình con dấu — chỉ có chữ ký của lãnh đạo, số và ngày ban hành. Thêm ảnh con dấu ở Cài đặt → Con dấu và chữ ký nếu văn bản cần hình dấu.',
    };
  }
  const whose = seal.source === 'office' ? 'Con dấu của cơ quan (ảnh trong Cài đặt)' : `Con dấu của «${seal.name}» (trong danh bạ)`;
  return { seal: seal.source, says: `${whose} được đóng lên chữ ký của lãnh đạo, trùm khoảng một phần ba chữ ký về bên trái, rộng ${seal.widthMm} mm.` };
}

const REFUSED_STATUS: Record<string, string> = {
  issuing: 'đang được phát hành cho văn bản khác',
  issued: 'đã được cấp cho văn bản khác',
  cancelled: 'đã bị hủy',
  skipped: 'đã bị bỏ (bỏ số)',
};

/**
 * The reserved number an issuance asks for, as the register holds it: only a number whose row is still 'reserved' in
 * the book and numbering period the document is issued in. An issued or cancelled number is never taken again.
 */
function reservedFor(app: AppContext, book: RegisterBook, period: string, number: number): { id: number; number: number; reason: string | null } {
  const row = repo.numberRow(app.db, book.id, period, number);
  const where = `sổ «${book.name}», ${periodLabel(book, Number(period.slice(0, 4)))}`;
  if (!row) throw new AppError('VALIDATION', `Số ${number} chưa được giữ trong ${where}: chỉ dùng được số đã giữ của sổ và năm văn bản được phát hành.`, { field: 'reservedNumber' });
  if (row.status !== 'reserved') {
    throw new AppError('CONFLICT', `Số ${number} của ${where} ${REFUSED_STATUS[row.status] ?? 'không còn giữ'}: số đã cấp hoặc đã hủy không bao giờ dùng lại.`, { field: 'reservedNumber' });
  }
  return { id: row.id, number, reason: row.note };
}

/** The numbers still reserved in the book and period a draft would be issued in (the issue dialog offers them). */
export function reservedNumbers(app: AppContext, input: MethodParsed<'outgoing.reservedNumbers'>): ReservedNumbers {
  const model = modelOf(requireDraft(app, input.id));
  const book = bookFor(app, model, input.book);
  const period = periodOf(book, input.date ?? app.today(), model.docType);
  return {
    book: book.name,
    period,
    numbers: repo.reservedRows(app.db, book.id, period).map((r) => ({ id: r.id, number: r.number, reason: r.note, reservedOn: r.docDate })),
  };
}

/** Everything checked before a number is taken: the draft signed by the leader, the book, the ký hiệu, the number's blank. */
export async function planIssuance(app: AppContext, input: { id: number; book?: string; date?: string; reservedNumber?: number }): Promise<IssuancePlan> {
  const row = requireDraft(app, input.id);
  if (row.status === 'da-phat-hanh') throw new AppError('CONFLICT', 'Văn bản này đã được phát hành; số đã cấp không đổi. Muốn sửa, hãy làm văn bản đính chính hoặc thay thế.');
  if (row.status === 'dang-phat-hanh') throw new AppError('CONFLICT', 'Văn bản đang được phát hành (đã cấp số, chờ chữ ký số); hãy hoàn tất hoặc hủy lần phát hành đó trước.');
  if (row.status !== 'da-ky' || !row.signed_sha256) throw new AppError('CONFLICT', 'Chỉ phát hành được văn bản đã được lãnh đạo duyệt và ký số.');
  const model = modelOf(row);
  const book = bookFor(app, model, input.book);
  const date = input.date ?? app.today();
  refFor(model, 1); // the ký hiệu is complete: refused before any number is taken
  const reserved = input.reservedNumber === undefined ? undefined : reservedFor(app, book, periodOf(book, date, model.docType), input.reservedNumber);
  const signedByLeader = app.blobs.read(row.signed_sha256);
  const slots = await textSlotsOf(signedByLeader);
  if (!slots.some((t) => t.kind === 'number')) throw new AppError('FILE_INVALID', 'Bản lãnh đạo đã ký không có chỗ để số (không do ứng dụng xuất): không phát hành được.');
  return { row, model, book, date, signedByLeader, slots, seal: sealFor(app, model), reserved };
}

/**
 * Reserved numbers taken by an issuance of this process that no signed PDF carries yet, with the reservation as it
 * was: a failure or a cancelled desk signing gives the number back. Once the signed PDF exists (finishIssuance) — or
 * after a restart, when nobody knows — the number stays cancelled.
 */
const givenBack = new WeakMap<AppContext, Map<number, { reservation: repo.Reservation; signed: boolean }>>();
const reservationsOf = (app: AppContext) => givenBack.get(app) ?? givenBack.set(app, new Map()).get(app)!;

/** The number, in its own BEGIN IMMEDIATE transaction; the draft goes to 'dang-phat-hanh'. */
export function takeIssuanceNumber(app: AppContext, plan: IssuancePlan, userId: number): TakenNumber {
  const { row, model, book, date, reserved } = plan;
  // Read just before the take: a reserved row changes only by being taken or cancelled, which the take checks.
  const kept = reserved && repo.reservation(app.db, reserved.id);
  const taken = takeNumber(app, { book, date, model, draftId: row.id, correctsId: row.corrects_id, correction: row.correction, status: 'issuing', userId, reserved });
  if (kept) reservationsOf(app).set(taken.id, { reservation: kept, signed: false });
  return { id: taken.id, number: taken.number, ref: taken.ref };
}

/** The organisation's signature over the leader's, in the same revision as the number and date it writes. */
export function prepareOrganisationSignature(app: AppContext, plan: IssuancePlan, taken: TakenNumber, certificate: Uint8Array, chain: Uint8Array[]): Promise<PreparedDocument> {
  return prepareSignature(plan.signedByLeader, certificate, chain, {
    role: 'organisation',
    image: plan.seal?.png,
    sealWidthMm: plan.seal?.widthMm,
    reason: `Phát hành văn bản số ${taken.ref}`,
    location: plan.model.place,
    time: app.clock(),
    overlays: fillSlots(plan.slots, slotValues(taken.number, plan.date)),
  });
}

export interface IssuanceRef {
  draftId: number;
  outgoingId: number;
  number: number;
  ref: string;
  date: string;
  userId: number;
}

/** The file and the register entry, in one transaction; `within` runs in it too (a signing request is marked done). */
export function finishIssuance(app: AppContext, f: IssuanceRef, signed: SignedPdf, within?: () => void): void {
  const { pdf, verification: check } = signed;
  const kept = reservationsOf(app).get(f.outgoingId);
  if (kept) kept.signed = true; // a signed PDF carries the number now
  const sha = app.blobs.put(pdf);
  immediate(app.db, () => {
    within?.();
    const now = app.nowIso();
    upsertBlob(app.db, { sha256: sha, size: pdf.byteLength, mime: 'application/pdf', pageCount: null, textStatus: 'pending', now }); // its text is searched
    if (check.status) saveBlobSignatures(app.db, sha, check.status, check.signatures, now);
    if (!repo.finishIssue(app.db, f.outgoingId, sha, null, now)) throw new AppError('CONFLICT', `Số ${f.ref} đã bị hủy trong lúc ký; văn bản chưa được phát hành.`);
    const row = requireDraft(app, f.draftId);
    drafts.setDraftModel(app.db, f.draftId, { ...modelOf(row), number: f.number, date: f.date }, now);
    drafts.setDraftState(app.db, f.draftId, { status: 'da-phat-hanh' }, now);
    repo.insertStep(app.db, { draftId: f.draftId, at: now, userId: f.userId, action: 'issue', version: row.version, comment: f.ref });
    audit(app, 'outgoing.issue', 'outgoing', f.outgoingId, { ref: f.ref, date: f.date, sha256: sha, draft: f.draftId });
  });
  reservationsOf(app).delete(f.outgoingId);
  app.indexer.kick(); // the register entry, the draft and the PDF's text into the search index
}

/**
 * Cancels a number still being issued, with the reason, and returns its draft to "đã ký" to be issued again under a
 * new number — a reserved number no signed PDF carries goes back to its reservation instead, reason and date as they
 * were. Runs inside the caller's transaction; false (and nothing written) when the number is no longer being issued —
 * it was issued, or cancelled, meanwhile.
 */
export function cancelIssuanceTx(app: AppContext, f: { outgoingId: number; ref: string; draftId: number | null; userId: number }, why: string): boolean {
  const now = app.nowIso();
  const kept = reservationsOf(app).get(f.outgoingId);
  reservationsOf(app).delete(f.outgoingId);
  const back = !!kept && !kept.signed && repo.restoreReserved(app.db, f.outgoingId, kept.reservation, now);
  const lost = kept?.signed ? ' (số đã giữ không dùng lại được: bản ký số mang số này đã được tạo)' : '';
  if (!back && !repo.cancelIssuing(app.db, f.outgoingId, `Phát hành không thành công: ${why}${lost}`, now)) return false;
  if (f.draftId !== null) {
    const row = drafts.draftRow(app.db, f.draftId);
    drafts.setDraftState(app.db, f.draftId, { status: 'da-ky' }, now);
    repo.insertStep(app.db, { draftId: f.draftId, at: now, userId: currentActor()?.id ?? f.userId, action: 'issue-failed', version: row?.version ?? 1, comment: why });
  }
  audit(app, 'outgoing.issue-failed', 'outgoing', f.outgoingId, { ref: f.ref, reason: why, ...(back ? { reserved: 'trả lại số đã giữ' } : {}) });
  return true;
}

export const whyFailed = (e: unknown) => (e instanceof AppError ? e.message : 'lỗi khi ký hoặc lưu tệp');

/** Phát hành with a key at hand (a .p12, a token, or ký số từ xa): the steps above, one after the other. */
export async function issue(app: AppContext, input: MethodParsed<'outgoing.issue'>): Promise<OutgoingRecord> {
  const c = me();
  const plan = await planIssuance(app, input);
  return withKeyFor(app, input.key, `Phát hành văn bản: ${plan.model.subject}`, async (key) => {
    const taken = takeIssuanceNumber(app, plan, c.id);
    try {
      const prepared = await prepareOrganisationSignature(app, plan, taken, key.certificate, key.chain);
      const signed = await completeSignature(app, prepared, key.certificate, key.chain, await key.sign(prepared.signedAttributesDer));
      finishIssuance(app, { draftId: plan.row.id, outgoingId: taken.id, number: taken.number, ref: taken.ref, date: plan.date, userId: c.id }, signed);
    } catch (e) {
      immediate(app.db, () => cancelIssuanceTx(app, { outgoingId: taken.id, ref: taken.ref, draftId: plan.row.id, userId: c.id }, whyFailed(e)));
      throw e;
    }
    return repo.getOutgoing(app.db, taken.id)!;
  });
}
