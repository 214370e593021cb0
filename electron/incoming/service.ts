import { AppError } from '../../shared/api/result';
import { audit } from '../audit/record';
import { currentActor } from '../app/caller';
import { refuseIfChangedSince } from '../auth/edit-guard';
import type { MethodParsed } from '../../shared/api/contract';
import type { DuplicateInfo, IncomingDetail } from '../../shared/incoming/schemas';
import { INCOMING_STATUS_LABELS } from '../../shared/domain/marks';
import { formatDateVN } from '../../shared/domain/dates';
import type { AppContext } from '../app/context';
import { immediate } from '../db/connection';
import { prepareFiles, recordBlobs, storeFiles, type PreparedFile } from './intake';
import { findOrganizationByName, folded } from '../directory/repo';
import { findOrCreateOrganization, requireBook } from '../directory/service';
import { ftsInsert, ftsSetMeta } from '../search/repo';
import { incomingMetaText } from '../search/query';
import * as repo from './repo';
import { replaceHandlers } from './handlers-repo';
import { flushPending, pendingTallies, type PendingTallies } from './tally-repo';
import { resolveRouting } from './routing';
import { listBooks } from '../directory/repo';
import { incomingVisible } from '../scope/repo';
import { viewerOf } from '../scope/viewer';
import { secretContentAllowed } from '../scope/secrecy';
import { closeWork } from '../workitems/repo';
import * as flowRepo from './flow-repo';
import { flowInfo, mayFinish, notifyHandlers, openForHandlers, readableInFlow, reopenForHandlers, requireHeadForSecret } from './flow-rules';
import { hasRole } from '../../shared/auth/roles';
import type { Organization, RegisterBook } from '../../shared/directory/schemas';
import type { Secrecy } from '../../shared/domain/marks';

type RegisterFields = Omit<MethodParsed<'incoming.register'>, 'attachments' | 'allowDuplicate' | 'actor'>;

/** ND30 Điều 22: số đến runs per book and per year of arrival, so the period of the series is the arrival year. */
const periodOf = (arrivalDate: string) => arrivalDate.slice(0, 4);

/** A văn thư's numbering slip is refused, not guessed at: these dates cannot be right. */
function checkDates(app: AppContext, arrivalDate: string, docDate: string, today = app.today()): void {
  if (arrivalDate > today) {
    throw new AppError('VALIDATION', `Ngày đến ${formatDateVN(arrivalDate)} ở sau hôm nay (${formatDateVN(today)}).`, {
      field: 'arrivalDate',
    });
  }
  if (docDate > arrivalDate) {
    throw new AppError(
      'VALIDATION',
      `Ngày văn bản ${formatDateVN(docDate)} ở sau ngày đến ${formatDateVN(arrivalDate)}: văn bản không thể đến trước khi ban hành.`,
      { field: 'docDate' },
    );
  }
}

/**
 * The book a document goes in (ND30 Điều 15 for the State; HD36 also keeps secret documents apart): a secret document
 * in a secret book, by default the first one; the one asked for must match the document's độ mật.
 */
function bookFor(app: AppContext, secrecy: Secrecy, name: string | undefined): RegisterBook {
  const secret = secrecy !== 'thuong';
  if (name || !secret) {
    const book = requireBook(app, 'incoming', name);
    if (secret && !book.secret) throw new AppError('VALIDATION', `Văn bản mật phải vào sổ văn bản mật đến (có dãy số riêng); «${book.name}» không phải sổ mật.`, { field: 'book' });
    if (!secret && book.secret) throw new AppError('VALIDATION', `Sổ «${book.name}» chỉ dành cho văn bản mật.`, { field: 'book' });
    return book;
  }
  const book = listBooks(app.db, 'incoming').find((b) => b.secret);
  if (!book) throw new AppError('NOT_FOUND', 'Chưa có sổ văn bản mật đến: tạo một sổ mật trước khi vào sổ văn bản mật.', { field: 'book' });
  return book;
}

/**
 * State secrets stay off the network (Luật Bảo vệ bí mật nhà nước 2018): for a document with độ mật the register keeps
 * the metadata only, unless this installation is a machine kept off any network; the office server never keeps them.
 */
export function refuseSecretFiles(app: AppContext, secrecy: Secrecy, files: number, networked: boolean): void {
  if (secrecy === 'thuong' || files === 0 || secretContentAllowed(app.db, networked)) return;
  throw new AppError(
    'VALIDATION',
    'Văn bản mật chỉ được vào sổ phần thông tin (số, ký hiệu, trích yếu…): không lưu tệp của văn bản mật trên máy có nối mạng. Giữ bản giấy theo quy định bảo vệ bí mật nhà nước.',
    { field: 'attachments' },
  );
}

/** The secret register is kept by its văn thư (units secrecy): another văn thư does not number into it. */
function refuseSecretRegistrar(app: AppContext, secrecy: Secrecy, v = viewerOf(app)): void {
  if (secrecy !== 'thuong' && v && !v.secret) {
    throw new AppError('FORBIDDEN', 'Chỉ văn thư giữ sổ văn bản mật được vào sổ văn bản mật.', { field: 'secrecy' });
  }
}

function refuseSecretPublic(secrecy: Secrecy, isPublic: boolean): void {
  if (isPublic && secrecy !== 'thuong') throw new AppError('VALIDATION', 'Văn bản mật không thể công khai trong cơ quan.', { field: 'public' });
}

/** The earlier số đến, to whoever may read that document; to anyone else only that one exists (a secret register). */
function duplicateError(app: AppContext, d: DuplicateInfo): AppError {
  if (!incomingVisible(app.db, d.id, viewerOf(app))) {
    return new AppError('DUPLICATE', 'Văn bản này có thể đã được vào sổ, ở một sổ bạn không được xem: hỏi văn thư giữ sổ văn bản mật trước khi vào sổ.', { field: 'ref' });
  }
  return new AppError(
    'DUPLICATE',
    `Văn bản này có thể đã được vào sổ: số đến ${d.arrivalNumber}/${d.year} (${d.bookName}, ngày đến ${formatDateVN(d.arrivalDate)}).`,
    { field: 'ref', details: d },
  );
}

/** What one batch of insertOne calls looks up once: today, the time stamp, senders by the name typed. */
interface InsertCtx {
  today: string;
  now: string;
  senders: Map<string, Organization>;
  /** A batch's tally counts, written once at its end. */
  tallies?: PendingTallies;
}
const insertCtx = (app: AppContext, batch = false): InsertCtx => ({ today: app.today(), now: app.nowIso(), senders: new Map(), tallies: batch ? pendingTallies() : undefined });

/** Inside a transaction: number, row, history and index entry of one incoming document. */
function insertOne(
  app: AppContext,
  bookId: number,
  f: RegisterFields,
  allowDuplicate: boolean,
  actor: string | null,
  files: PreparedFile[],
  ctx: InsertCtx = insertCtx(app),
  /** A number taken beforehand (bulkRegister); otherwise the book's next. */
  reserved?: number,
): { id: number; arrivalNumber: number } {
  const arrivalDate = f.arrivalDate ?? ctx.today;
  let sender = ctx.senders.get(f.sender);
  if (!sender) ctx.senders.set(f.sender, (sender = findOrCreateOrganization(app, f.sender)));
  const refFolded = folded(f.ref).replace(/\s+/g, '');
  if (!allowDuplicate) {
    const dup = repo.findDuplicate(app.db, sender.id, refFolded, f.docDate);
    if (dup) throw duplicateError(app, dup);
  }
  const year = Number(periodOf(arrivalDate));
  const arrivalNumber = reserved ?? repo.nextNumber(app.db, bookId, periodOf(arrivalDate));
  const now = ctx.now;
  const id = repo.insertIncoming(app.db, {
    bookId,
    year,
    arrivalNumber,
    arrivalDate,
    senderId: sender.id,
    ref: f.ref,
    refFolded,
    docDate: f.docDate,
    docType: f.docType ?? null,
    subject: f.subject,
    urgency: f.urgency,
    secrecy: f.secrecy,
    pageCount: f.pageCount ?? null,
    recipient: f.recipient || null,
    note: f.note || null,
    public: f.public,
    now,
  }, ctx.tallies);
  repo.insertHistory(app.db, id, now, actor, null, 'cho-xu-ly', 'Vào sổ văn bản đến');
  if (files.length) {
    recordBlobs(app, files);
    for (const file of files) repo.insertAttachment(app.db, id, file.sha256, file.name, now);
  }
  ftsInsert(app.db, id, incomingMetaText({ ...f, sender: sender.name, docType: f.docType ?? null, arrivalNumber, year }));
  return { id, arrivalNumber };
}

/** Who did it, as the history shows: the name typed (a leader's instruction recorded by the văn thư), else the caller. */
const actorName = (typed: string | undefined) => typed || currentActor()?.fullName || null;

/**
 * Work done in the registration's own transaction (a received edXML package: its sender, its exchange row): `before`
 * runs before the number is taken, `after` once the record exists; a throw from either writes nothing, no number used.
 */
export interface InTransaction {
  before?: () => void;
  after?: (id: number) => void;
}

export async function register(app: AppContext, input: MethodParsed<'incoming.register'>, opts: { networked?: boolean; inTransaction?: InTransaction } = {}): Promise<IncomingDetail> {
  const { attachments, allowDuplicate, actor, ...fields } = input;
  checkDates(app, fields.arrivalDate ?? app.today(), fields.docDate);
  refuseSecretRegistrar(app, fields.secrecy);
  bookFor(app, fields.secrecy, fields.book);
  refuseSecretFiles(app, fields.secrecy, attachments.length, opts.networked === true);
  refuseSecretPublic(fields.secrecy, fields.public);
  if (!allowDuplicate) {
    const dup = findDuplicateOf(app, fields.sender, fields.ref, fields.docDate);
    if (dup) throw duplicateError(app, dup);
  }
  const files = await prepareFiles(app, attachments);
  storeFiles(app, files);
  const id = immediate(app.db, () => {
    opts.inTransaction?.before?.();
    const book = bookFor(app, fields.secrecy, fields.book);
    const { id } = insertOne(app, book.id, fields, allowDuplicate, actorName(actor), files);
    audit(app, 'incoming.register', 'incoming', id, { book: book.name, ref: fields.ref, sender: fields.sender, files: files.length });
    opts.inTransaction?.after?.(id);
    return id;
  });
  if (files.some((f) => f.textStatus === 'pending')) app.indexer.kick();
  return get(app, id);
}

/** Runs `fn` for record i of a batch, naming the record in any refusal (and saying that nothing was written). */
function atRecord<T>(i: number, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof AppError) {
      throw new AppError(e.code, `Bản ghi thứ ${i + 1}: ${e.message} Không bản ghi nào được ghi.`, {
        field: `records.${i}${e.field ? `.${e.field}` : ''}`,
      });
    }
    throw e;
  }
}

/**
 * Bulk import (e.g. an old register): one transaction for the whole batch, numbers in input order. Every record is
 * checked first; then each book's numbers for the batch are taken in one step (the series only grows, inside this
 * transaction as for one registration) and handed out in input order.
 */
export function bulkRegister(app: AppContext, input: MethodParsed<'incoming.bulkRegister'>) {
  return immediate(app.db, () => {
    const books = new Map<string, number>();
    const ctx = insertCtx(app, true);
    const viewer = viewerOf(app);
    const placed = input.records.map((r, i) =>
      atRecord(i, () => {
        const arrivalDate = r.arrivalDate ?? ctx.today;
        checkDates(app, arrivalDate, r.docDate, ctx.today);
        refuseSecretRegistrar(app, r.secrecy, viewer);
        refuseSecretPublic(r.secrecy, r.public);
        const key = `${r.book ?? ''}|${r.secrecy === 'thuong' ? '' : 'mat'}`;
        let bookId = books.get(key);
        if (bookId === undefined) {
          bookId = bookFor(app, r.secrecy, r.book).id;
          books.set(key, bookId);
        }
        return { bookId, period: periodOf(arrivalDate) };
      }),
    );
    const counts = new Map<string, { bookId: number; period: string; n: number }>();
    for (const p of placed) {
      const k = `${p.bookId}|${p.period}`;
      const c = counts.get(k);
      if (c) c.n++;
      else counts.set(k, { ...p, n: 1 });
    }
    const next = new Map([...counts].map(([k, c]) => [k, repo.reserveNumbers(app.db, c.bookId, c.period, c.n)]));
    const numbers = input.records.map((r, i) =>
      atRecord(i, () => {
        const k = `${placed[i].bookId}|${placed[i].period}`;
        const n = next.get(k)!;
        next.set(k, n + 1);
        return insertOne(app, placed[i].bookId, r, true, null, [], ctx, n).arrivalNumber;
      }),
    );
    flushPending(app.db, ctx.tallies!);
    const first = numbers[0];
    const last = numbers[numbers.length - 1];
    audit(app, 'incoming.register', 'incoming', null, { bulk: input.records.length, firstNumber: first, lastNumber: last });
    return { count: input.records.length, firstNumber: first, lastNumber: last };
  });
}

function findDuplicateOf(app: AppContext, senderName: string, ref: string, docDate: string): DuplicateInfo | undefined {
  const sender = findOrganizationByName(app.db, senderName);
  return sender && repo.findDuplicate(app.db, sender.id, folded(ref).replace(/\s+/g, ''), docDate);
}

/** The early warning of the registration form: only a document the caller may read is named. */
export function findDuplicate(app: AppContext, input: MethodParsed<'incoming.findDuplicate'>): DuplicateInfo | null {
  const d = findDuplicateOf(app, input.sender, input.ref, input.docDate);
  return d && incomingVisible(app.db, d.id, viewerOf(app)) ? d : null;
}

/** A document the caller may not read is not found for them, as if it did not exist (scope/repo.ts). */
export function get(app: AppContext, id: number): IncomingDetail {
  const c = currentActor();
  const visible = c ? readableInFlow(app, id, c) : incomingVisible(app.db, id, viewerOf(app));
  const d = visible ? repo.getDetail(app.db, id, app.today()) : undefined;
  if (!d) throw new AppError('NOT_FOUND', `Không tìm thấy văn bản đến có mã ${id}.`, { field: 'id' });
  return { ...d, steps: flowRepo.stepsOf(app.db, id), flow: flowInfo(app, repo.getRow(app.db, id)!, c) };
}

function requireOpen(app: AppContext, id: number): repo.IncomingDbRow {
  const row = incomingVisible(app.db, id, viewerOf(app)) ? repo.getRow(app.db, id) : undefined;
  if (!row) throw new AppError('NOT_FOUND', `Không tìm thấy văn bản đến có mã ${id}.`, { field: 'id' });
  if (row.status === 'da-huy') {
    throw new AppError('CONFLICT', `Văn bản số đến ${row.arrival_number}/${row.year} đã bị hủy; không thể thay đổi.`);
  }
  return row;
}

/**
 * Editing keeps the số đến, the book and the year: only the document's own metadata changes. A change that carries the
 * updatedAt its form read is refused when the record changed since (another desk edited, routed or moved it).
 */
export async function update(app: AppContext, input: MethodParsed<'incoming.update'>, opts: { networked?: boolean; inTransaction?: InTransaction } = {}): Promise<IncomingDetail> {
  const before = requireOpen(app, input.id);
  const secrecy = input.secrecy ?? before.secrecy;
  if ((secrecy === 'thuong') !== (before.secrecy === 'thuong')) {
    throw new AppError(
      'VALIDATION',
      secrecy === 'thuong'
        ? 'Văn bản này đã vào sổ văn bản mật: không bỏ độ mật bằng cách sửa; hủy số đến và vào sổ thường nếu đúng là văn bản thường.'
        : 'Văn bản mật phải vào sổ văn bản mật (dãy số riêng): hủy số đến này và vào sổ văn bản mật.',
      { field: 'secrecy' },
    );
  }
  refuseSecretFiles(app, secrecy, input.attachments.length, opts.networked === true);
  refuseSecretPublic(secrecy, input.public ?? before.public === 1);
  const edited = (updatedAt: string) => ({ entity: 'incoming', id: input.id, updatedAt, noun: 'Văn bản đến' });
  // Checked again inside the transaction; here it spares storing the files of a change that would be refused.
  refuseIfChangedSince(app, edited(before.updated_at), input.expectedUpdatedAt);
  checkDates(app, before.arrival_date, input.docDate ?? before.doc_date);
  const files = await prepareFiles(app, input.attachments);
  storeFiles(app, files);
  immediate(app.db, () => {
    opts.inTransaction?.before?.();
    const row = requireOpen(app, input.id);
    refuseIfChangedSince(app, edited(row.updated_at), input.expectedUpdatedAt);
    const sender = input.sender ? findOrCreateOrganization(app, input.sender) : undefined;
    const now = app.nowIso();
    repo.updateFields(
      app.db,
      row.id,
      {
        senderId: sender?.id,
        ref: input.ref,
        refFolded: input.ref ? folded(input.ref).replace(/\s+/g, '') : undefined,
        docDate: input.docDate,
        docType: input.docType,
        subject: input.subject,
        urgency: input.urgency,
        secrecy: input.secrecy,
        pageCount: input.pageCount,
        recipient: input.recipient,
        note: input.note,
        public: input.public,
      },
      now,
    );
    if (files.length) {
      recordBlobs(app, files);
      for (const f of files) repo.insertAttachment(app.db, row.id, f.sha256, f.name, now);
    }
    const after = repo.getRow(app.db, row.id)!;
    audit(app, 'incoming.update', 'incoming', row.id, { files: files.length });
    ftsSetMeta(app.db, row.id, incomingMetaText({ ...after, docType: after.doc_type, arrivalNumber: after.arrival_number }));
    opts.inTransaction?.after?.(row.id);
  });
  if (files.some((f) => f.textStatus === 'pending')) app.indexer.kick();
  return get(app, input.id);
}

/** ND30 Điều 23: the leader names the lead (chủ trì), co-operating units, an instruction and a deadline. */
export function route(app: AppContext, input: MethodParsed<'incoming.route'>): IncomingDetail {
  immediate(app.db, () => {
    const row = requireOpen(app, input.id);
    if (input.deadline && input.deadline < row.arrival_date) {
      throw new AppError('VALIDATION', `Hạn giải quyết ${formatDateVN(input.deadline)} ở trước ngày đến.`, { field: 'deadline' });
    }
    const now = app.nowIso();
    const handlers = resolveRouting(app, input);
    for (const h of handlers) requireHeadForSecret(app, row, h, h.role === 'lead' ? 'lead' : 'coUnits');
    replaceHandlers(app.db, row.id, handlers);
    repo.insertRouting(app.db, row.id, {
      at: now,
      actor: actorName(input.actor),
      lead: input.lead,
      coUnits: input.coUnits,
      instruction: input.instruction || null,
      deadline: input.deadline ?? null,
    });
    if (row.status === 'cho-xu-ly') {
      repo.setStatus(app.db, row.id, 'dang-xu-ly', now);
      repo.insertHistory(app.db, row.id, now, actorName(input.actor), 'cho-xu-ly', 'dang-xu-ly', `Chuyển ${input.lead} chủ trì xử lý`);
    }
    // The instruction given on paper is on the trail too, and reaches the inboxes of the accounts and units it names.
    const lead = handlers[0];
    const c = currentActor();
    flowRepo.insertStep(app.db, { docId: row.id, kind: 'paper', at: now, actorId: c?.id ?? null, toUserId: lead.userId, toUnitId: lead.unitId, note: input.instruction || null, deadline: input.deadline ?? null });
    closeWork(app.db, 'incoming', row.id, now);
    if (row.status === 'cho-xu-ly' || row.status === 'dang-xu-ly') openForHandlers(app, row, handlers, input.deadline ?? null, now);
    const ids = notifyHandlers(app, row, handlers, input.deadline ?? null, now, 'incoming.route', c?.id ?? 0);
    audit(app, 'incoming.route', 'incoming', row.id, {
      ...(ids.length ? { notify: ids, notice: 'Văn bản đến được giao cho bạn', noticeBody: `số đến ${row.arrival_number}/${row.year} — ${row.subject}` } : {}),
      lead: input.lead,
      coUnits: input.coUnits,
      info: input.info,
      handlers: handlers.map((h) => `${h.role}:${h.unitId !== null ? `unit#${h.unitId}` : h.userId !== null ? `user#${h.userId}` : h.name}`),
      deadline: input.deadline ?? null,
    });
  });
  return get(app, input.id);
}

export function setStatus(app: AppContext, input: MethodParsed<'incoming.setStatus'>): IncomingDetail {
  immediate(app.db, () => {
    const row = requireOpen(app, input.id);
    if (row.status === input.status) {
      throw new AppError('CONFLICT', `Văn bản đã ở trạng thái «${INCOMING_STATUS_LABELS[input.status]}».`, { field: 'status' });
    }
    // Finishing (or reopening) is flow.finish's decision: the văn thư, a lãnh đạo, or whoever leads the handling.
    const c = currentActor();
    if ((input.status === 'hoan-thanh' || row.status === 'hoan-thanh') && c && !mayFinish(app, row.id, c)) {
      throw new AppError(
        'FORBIDDEN',
        `Chỉ người, đơn vị chủ trì xử lý văn bản đến số ${row.arrival_number}/${row.year} (hoặc lãnh đạo, văn thư) được ${input.status === 'hoan-thanh' ? 'ghi hoàn thành' : 'mở lại văn bản đã hoàn thành'}.`,
        { field: 'status' },
      );
    }
    const now = app.nowIso();
    repo.setStatus(app.db, row.id, input.status, now);
    repo.insertHistory(app.db, row.id, now, actorName(input.actor), row.status, input.status, input.note || null);
    // Finished: nothing waits for anyone any more; reopened: it waits again for the handlers named.
    const actorId = c?.id ?? null;
    if (input.status === 'hoan-thanh') {
      flowRepo.insertStep(app.db, { docId: row.id, kind: 'finish', at: now, actorId, note: input.note || null });
      closeWork(app.db, 'incoming', row.id, now);
    } else if (row.status === 'hoan-thanh') {
      flowRepo.insertStep(app.db, { docId: row.id, kind: 'reopen', at: now, actorId, note: input.note || null });
      reopenForHandlers(app, row, now);
    }
    audit(app, 'incoming.status', 'incoming', row.id, { from: row.status, to: input.status });
  });
  return get(app, input.id);
}

/** A registered document is never deleted: it is cancelled with a reason and its number stays used. */
export function cancel(app: AppContext, input: MethodParsed<'incoming.cancel'>): IncomingDetail {
  immediate(app.db, () => {
    const row = requireOpen(app, input.id);
    const now = app.nowIso();
    repo.setStatus(app.db, row.id, 'da-huy', now, input.reason);
    repo.insertHistory(app.db, row.id, now, actorName(input.actor), row.status, 'da-huy', input.reason);
    closeWork(app.db, 'incoming', row.id, now);
    audit(app, 'incoming.cancel', 'incoming', row.id, { reason: input.reason });
  });
  return get(app, input.id);
}

