import path from 'node:path';
import { AppError } from '../../shared/api/result';
import { formatDateVN } from '../../shared/domain/dates';
import type { RegisterBook } from '../../shared/directory/schemas';
import * as outgoingRepo from '../outgoing/repo';
import { foldRef, periodOf } from '../outgoing/numbering';
import { recordBlobs } from '../incoming/intake';
import type { ReadOutgoingRow } from './row';
import type { RowContext, Target } from './target';
import * as repo from './repo';

/**
 * The outgoing register (sổ đăng ký văn bản đi) as an old one comes in: each row an issued record with its original số
 * and ký hiệu, in the numbering period of its date (the year, or the Party book's nhiệm kỳ, per type when the book
 * numbers so), the series moved past the number; no draft behind it; its first PDF scan, when one is found, as the
 * document's file (searched once its text is read). A number or a số, ký hiệu already in the book's period is skipped
 * with the record that holds it; a row whose period cannot be told (a date outside the book's nhiệm kỳ, no type on a
 * book numbered per type) fails, and a re-run tries it again once the book or the row is mended.
 */

type Ok = Extract<ReadOutgoingRow, { ok: true }>;

function periodFor(ctx: RowContext, r: Ok): string {
  return periodOf(ctx.book, r.record.docDate, r.record.docType ?? '');
}

/** "Số 12/2026", or "Số 12 (nhiệm kỳ 2025–2030)" for a Party book. */
function numberText(book: RegisterBook, r: Ok): string {
  return book.numbering === 'term' && book.termStart && book.termEnd ? `Số ${r.number} (nhiệm kỳ ${book.termStart.slice(0, 4)}–${book.termEnd.slice(0, 4)})` : `Số ${r.number}/${r.year}`;
}

export const outgoingTarget: Target = {
  numberNoun: 'Số',
  pick(files) {
    const pdf = files.find((f) => /\.pdf$/i.test(f));
    return { keep: pdf ? [pdf] : [], ignored: files.filter((f) => f !== pdf).map((f) => path.basename(f)) };
  },
  invalid(ctx, read) {
    const r = read as Ok;
    if (ctx.book.perType && !r.record.docType) {
      return `Sổ «${ctx.book.name}» đánh số riêng cho từng loại văn bản: không nhận ra tên loại của dòng này (cột Tên loại, hoặc tên loại ở đầu trích yếu).`;
    }
    try {
      periodFor(ctx, r);
      return null;
    } catch (e) {
      if (e instanceof AppError) return e.message;
      throw e;
    }
  },
  fileKeys(ctx, read) {
    const r = read as Ok;
    const period = periodFor(ctx, r);
    return [
      { key: `n|${period}|${r.number}`, message: `${numberText(ctx.book, r)} lặp lại ở một dòng trước trong sổ.` },
      { key: `r|${period}|${foldRef(r.record.ref)}`, message: `Số, ký hiệu «${r.record.ref}» lặp lại ở một dòng trước trong sổ.` },
    ];
  },
  taken(ctx, read) {
    const r = read as Ok;
    const period = periodFor(ctx, r);
    const db = ctx.app.db;
    const holder = outgoingRepo.numberRow(db, ctx.book.id, period, r.number);
    if (holder) return `${numberText(ctx.book, r)} đã có trong sổ «${ctx.book.name}» (văn bản ngày ${formatDateVN(holder.docDate)}).`;
    if (outgoingRepo.refTaken(db, ctx.book.id, period, foldRef(r.record.ref))) return `Số, ký hiệu «${r.record.ref}» đã có trong sổ «${ctx.book.name}».`;
    return null;
  },
  write(ctx, row, read, files, now, ignored) {
    const { app } = ctx;
    const r = read as Ok;
    const f = r.record;
    if (!ctx.actor) throw new AppError('FORBIDDEN', 'Cần đăng nhập để nhập sổ văn bản đi.');
    const period = periodFor(ctx, r);
    const notes = [f.note, `Nhập từ sổ cũ «${ctx.registerName}», dòng ${row.rowNo}`, ignored.length ? `Tệp không gắn (chỉ gắn một bản PDF): ${ignored.join(', ')}` : ''].filter(Boolean);
    const id = outgoingRepo.insertOutgoing(
      app.db,
      {
        bookId: ctx.book.id,
        period,
        number: r.number,
        status: 'issued',
        ref: f.ref,
        refFolded: foldRef(f.ref),
        docDate: f.docDate,
        docType: f.docType ?? null,
        subject: f.subject,
        signer: f.signer,
        secrecy: 'thuong',
        urgency: 'thuong',
        recipients: f.recipients,
        archive: f.archive,
        copies: f.copies,
        draftId: null,
        note: notes.join('. ').slice(0, 1000),
        correctsId: null,
        correction: null,
        issuedBy: ctx.actor.id,
      },
      now,
    );
    if (files.length) {
      recordBlobs(app, files);
      outgoingRepo.setImportedFile(app.db, id, files[0].sha256, now);
    }
    repo.moveSeriesPast(app.db, ctx.book.id, period, r.number);
    return id;
  },
};
