import { AppError } from '../../shared/api/result';
import { formatDateVN } from '../../shared/domain/dates';
import * as outgoingRepo from '../outgoing/repo';
import { foldRef, periodOf } from '../outgoing/numbering';
import { recordBlobs } from '../incoming/intake';
import type { ReadOutgoingRow } from './row';
import type { RowContext, Target } from './target';
import * as repo from './repo';

/**
 * The outgoing register (sổ đăng ký văn bản đi) as an old one comes in: each row an issued record with its original số
 * and ký hiệu, in the numbering period of its date (the year, or the Party book's nhiệm kỳ), the series moved past the
 * number; no draft behind it; its PDF scan, when one is found, as the document's file (searched once its text is read).
 * A number or a số, ký hiệu already in the book's period is skipped with the record that holds it.
 */

type Ok = Extract<ReadOutgoingRow, { ok: true }>;

function periodFor(ctx: RowContext, r: Ok): string {
  return periodOf(ctx.book, r.record.docDate, r.record.docType ?? '');
}

export const outgoingTarget: Target = {
  numberNoun: 'Số',
  accepts: (file) => /\.pdf$/i.test(file),
  taken(ctx, read) {
    const r = read as Ok;
    let period: string;
    try {
      period = periodFor(ctx, r);
    } catch (e) {
      if (e instanceof AppError) return e.message;
      throw e;
    }
    const db = ctx.app.db;
    const holder = outgoingRepo.numberRow(db, ctx.book.id, period, r.number);
    if (holder) return `Số ${r.number}/${r.year} đã có trong sổ «${ctx.book.name}» (văn bản ngày ${formatDateVN(holder.docDate)}).`;
    if (outgoingRepo.refTaken(db, ctx.book.id, period, foldRef(r.record.ref))) return `Số, ký hiệu «${r.record.ref}» đã có trong sổ «${ctx.book.name}» năm ${r.year}.`;
    return null;
  },
  write(ctx, row, read, files, now) {
    const { app } = ctx;
    const r = read as Ok;
    const f = r.record;
    if (!ctx.actor) throw new AppError('FORBIDDEN', 'Cần đăng nhập để nhập sổ văn bản đi.');
    const period = periodFor(ctx, r);
    const from = `Nhập từ sổ cũ «${ctx.registerName}», dòng ${row.rowNo}`;
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
        note: f.note ? `${f.note}. ${from}` : from,
        correctsId: null,
        correction: null,
        issuedBy: ctx.actor.id,
      },
      now,
    );
    if (files.length) {
      recordBlobs(app, files.slice(0, 1));
      outgoingRepo.setImportedFile(app.db, id, files[0].sha256, now);
    }
    repo.moveSeriesPast(app.db, ctx.book.id, period, r.number);
    return id;
  },
};
