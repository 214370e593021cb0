import { AppError } from '../../shared/api/result';
import type { MethodParsed } from '../../shared/api/contract';
import type { RegisterBook } from '../../shared/directory/schemas';
import type { DraftDocument } from '../../shared/drafting/model';
import { findDocType } from '../../shared/domain/doc-types';
import type { Correction, OutgoingRecord } from '../../shared/outgoing/schemas';
import type { AppContext } from '../app/context';
import { immediate } from '../db/connection';
import { audit } from '../audit/record';
import { requireBook } from '../directory/service';
import { listBooks } from '../directory/repo';
import { foldRef, periodOf, refFor } from './numbering';
import * as drafts from '../drafting/repo';
import * as repo from './repo';
import { outgoingScope, outgoingVisible } from '../scope/repo';
import { viewerOf } from '../scope/viewer';
import { cancelRequestsOfOutgoing } from './signing-requests-repo';
import { me, requireDraft } from './workflow';

/**
 * The outgoing register (ND30 Điều 15–17): at issuance (issuance.ts) the văn thư gives the number and date, adds the
 * organisation's signature and seal, and the document enters the register. The number is taken in its own BEGIN
 * IMMEDIATE transaction, so two windows or two processes never get the same one; if signing then fails, the number
 * stays used, cancelled with the reason (never reused, never a gap).
 */

/** The book a document goes in: the one asked for, else the default; a secret document only in a secret book. */
export function bookFor(app: AppContext, d: Pick<DraftDocument, 'secrecy'>, name: string | undefined): RegisterBook {
  const secret = d.secrecy !== 'thuong';
  if (name) {
    const book = requireBook(app, 'outgoing', name);
    if (secret && !book.secret) throw new AppError('VALIDATION', `Văn bản mật phải vào sổ văn bản mật (có riêng một dãy số); «${book.name}» không phải sổ mật.`, { field: 'book' });
    if (!secret && book.secret) throw new AppError('VALIDATION', `Sổ «${book.name}» chỉ dành cho văn bản mật.`, { field: 'book' });
    return book;
  }
  if (!secret) return requireBook(app, 'outgoing', undefined);
  const book = listBooks(app.db, 'outgoing').find((b) => b.secret);
  if (!book) throw new AppError('NOT_FOUND', 'Chưa có sổ văn bản mật đi: tạo một sổ mật trước khi phát hành văn bản mật.', { field: 'book' });
  return book;
}

const recipientsOf = (d: DraftDocument): string[] => [...d.addressees, ...d.recipients.flatMap((r) => [r.text, ...(r.group ?? [])])];

export interface NumberRequest {
  book: RegisterBook;
  date: string;
  model: DraftDocument;
  draftId: number | null;
  correctsId?: number | null;
  correction?: Correction | null;
  /** 'issuing' while the organisation's signature is being made; the benchmark registers 'issued' directly. */
  status: 'issuing' | 'issued';
  userId: number;
  /** A number reserved earlier in this book and period (giữ số), taken instead of the series' next. */
  reserved?: { id: number; number: number; reason: string | null };
}

/** The Ghi chú of a document issued under a reserved number: the reservation's reason stays with it. */
export const reservedNote = (reason: string | null) => `Dùng số đã giữ${reason ? `: ${reason}` : ''}`;

/**
 * One BEGIN IMMEDIATE transaction: re-check the draft, take the next number of the book's series for the period, build
 * (số + ký hiệu), refuse a duplicate, enter the register row and the audit entry. Two processes never get one number:
 * the write lock is taken before the series is read, and (book, period, number) is UNIQUE.
 */
export function takeNumber(app: AppContext, r: NumberRequest): { id: number; number: number; ref: string; period: string } {
  const { book, date, model } = r;
  return immediate(app.db, () => {
    if (r.draftId !== null && requireDraft(app, r.draftId).status !== 'da-ky') throw new AppError('CONFLICT', 'Văn bản vừa được phát hành ở nơi khác.');
    const period = periodOf(book, date, model.docType);
    const number = r.reserved ? r.reserved.number : repo.takeNumber(app.db, book.id, period);
    const ref = refFor(model, number);
    if (repo.refTaken(app.db, book.id, period, foldRef(ref))) {
      throw new AppError('DUPLICATE', `Số và ký hiệu «${ref}» đã có trong sổ «${book.name}» của kỳ này.`, { field: 'book' });
    }
    const now = app.nowIso();
    const entry: repo.NewOutgoing = {
      bookId: book.id,
      period,
      number,
      status: r.status,
      ref,
      refFolded: foldRef(ref),
      docDate: date,
      docType: model.docType,
      subject: model.subject,
      signer: model.signature.name,
      secrecy: model.secrecy,
      urgency: model.urgency,
      recipients: recipientsOf(model),
      archive: model.archive.join(', '),
      copies: model.copies,
      draftId: r.draftId,
      note: r.reserved ? reservedNote(r.reserved.reason) : null,
      correctsId: r.correctsId ?? null,
      correction: r.correction ?? null,
      issuedBy: r.userId,
    };
    let id: number;
    if (r.reserved) {
      // Only a number still reserved of this book and period: one issued or cancelled is never taken again.
      if (repo.numberRow(app.db, book.id, period, number)?.id !== r.reserved.id || !repo.takeReserved(app.db, r.reserved.id, entry, now)) {
        throw new AppError('CONFLICT', `Số ${number} vừa được dùng hoặc hủy ở nơi khác: không còn là số đã giữ của sổ «${book.name}».`, { field: 'reservedNumber' });
      }
      id = r.reserved.id;
    } else id = repo.insertOutgoing(app.db, entry, now);
    if (r.draftId !== null) drafts.setDraftState(app.db, r.draftId, { status: 'dang-phat-hanh' }, now);
    audit(app, 'outgoing.number', 'outgoing', id, {
      ref,
      book: book.name,
      period,
      draft: r.draftId,
      ...(r.reserved ? { reserved: 'dùng số đã giữ', reason: r.reserved.reason } : {}),
    });
    return { id, number, ref, period };
  });
}

/** A register entry the caller may not read is not found for them (scope/repo.ts). */
export function requireOutgoing(app: AppContext, id: number): OutgoingRecord {
  const r = outgoingVisible(app.db, id, viewerOf(app)) ? repo.getOutgoing(app.db, id) : undefined;
  if (!r) throw new AppError('NOT_FOUND', `Không có văn bản đi số ${id} trong sổ.`);
  return r;
}

const STUCK_MS = 10 * 60_000;

/** Hủy: the document is withdrawn from the register; its number stays used, with the reason (never reused). */
export function cancel(app: AppContext, input: MethodParsed<'outgoing.cancel'>): OutgoingRecord {
  immediate(app.db, () => {
    const r = requireOutgoing(app, input.id);
    if (r.status === 'cancelled') throw new AppError('CONFLICT', 'Số này đã được hủy.');
    // Signing takes seconds: an issuance still running is left alone; one stuck for minutes (the app stopped mid-way)
    // is cancelled here and its draft returns to "đã ký" to be issued again under a new number.
    if (r.status === 'issuing' && app.clock().getTime() - Date.parse(r.updatedAt) < STUCK_MS) {
      throw new AppError('CONFLICT', `Số ${r.ref} đang được phát hành; chờ vài phút rồi thử lại nếu nó không xong.`);
    }
    const now = app.nowIso();
    repo.setOutgoingStatus(app.db, r.id, 'cancelled', input.note, now);
    if (r.status === 'issuing') cancelRequestsOfOutgoing(app.db, r.id, input.note, now);
    if (r.status === 'issuing' && r.draftId !== null) drafts.setDraftState(app.db, r.draftId, { status: 'da-ky' }, now);
    audit(app, 'outgoing.cancel', 'outgoing', r.id, { ref: r.ref, note: input.note });
  });
  return requireOutgoing(app, input.id);
}

/** Bỏ số / giữ số: a number taken without a document, with the reason, so the register shows no gap. */
export function skipNumber(app: AppContext, input: MethodParsed<'outgoing.skipNumber'>): OutgoingRecord {
  const c = me();
  const book = requireBook(app, 'outgoing', input.book);
  const docType = input.docType ? (findDocType(input.docType)?.code ?? '') : '';
  if (book.perType && !docType) throw new AppError('VALIDATION', `Sổ «${book.name}» đánh số riêng cho từng loại văn bản: chọn loại văn bản của số cần lấy.`, { field: 'docType' });
  const date = app.today();
  const id = immediate(app.db, () => {
    const period = periodOf(book, date, docType);
    const number = repo.takeNumber(app.db, book.id, period);
    const ref = String(number).padStart(2, '0');
    const now = app.nowIso();
    const id = repo.insertOutgoing(app.db, {
      bookId: book.id,
      period,
      number,
      status: input.kind,
      ref,
      refFolded: `${input.kind}:${ref}`,
      docDate: date,
      docType: docType || null,
      subject: '',
      signer: '',
      secrecy: book.secret ? 'mat' : 'thuong',
      urgency: 'thuong',
      recipients: [],
      archive: '',
      copies: null,
      draftId: null,
      note: input.reason,
      correctsId: null,
      correction: null,
      issuedBy: c.id,
    }, now);
    audit(app, input.kind === 'skipped' ? 'outgoing.skip' : 'outgoing.reserve', 'outgoing', id, { number, book: book.name, reason: input.reason });
    return id;
  });
  return requireOutgoing(app, id);
}

/** Gửi: one record per recipient, how, when and by whom (ND30 Điều 17). */
export function send(app: AppContext, input: MethodParsed<'outgoing.send'>): OutgoingRecord {
  const c = me();
  immediate(app.db, () => {
    const r = requireOutgoing(app, input.id);
    if (r.status !== 'issued') throw new AppError('CONFLICT', 'Chỉ gửi được văn bản đã phát hành.');
    const electronic = input.sends.findIndex((s) => s.method !== 'paper');
    if (r.secrecy !== 'thuong' && electronic >= 0) {
      // Decision 28/2018/QĐ-TTg and the state-secrets law: a secret document never travels electronically.
      throw new AppError('VALIDATION', 'Văn bản mật không được gửi qua mạng (trục liên thông, thư điện tử): chỉ gửi bản giấy theo chế độ mật.', { field: `sends.${electronic}.method` });
    }
    const at = app.nowIso();
    for (const s of input.sends) {
      repo.insertSend(app.db, { outgoingId: r.id, recipient: s.recipient, organizationId: s.organizationId ?? null, method: s.method, at, userId: c.id, note: s.note ?? null });
    }
    audit(app, 'outgoing.send', 'outgoing', r.id, { ref: r.ref, sends: input.sends.map((s) => `${s.recipient} (${s.method})`) });
  });
  return requireOutgoing(app, input.id);
}

export function list(app: AppContext, input: MethodParsed<'outgoing.list'>): OutgoingRecord[] {
  const book = input.book ? requireBook(app, 'outgoing', input.book) : undefined;
  return repo.listOutgoing(app.db, {
    bookId: book?.id,
    from: input.year ? `${input.year}-01-01` : undefined,
    to: input.year ? `${input.year}-12-31` : undefined,
    limit: input.limit,
    scope: outgoingScope(viewerOf(app)),
  });
}

