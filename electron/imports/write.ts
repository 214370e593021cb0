import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/api/result';
import { formatDateVN } from '../../shared/domain/dates';
import type { AppContext } from '../app/context';
import { immediate } from '../db/connection';
import { findOrganizationByName, folded } from '../directory/repo';
import { findOrCreateOrganization } from '../directory/service';
import * as incomingRepo from '../incoming/repo';
import { recordBlobs, type PreparedFile } from '../incoming/intake';
import { BlobStore } from '../attachments/blob-store';
import { sniffFile } from '../attachments/sniff';
import { imageMayHoldText } from '../ocr/image-size';
import { incomingVisible } from '../scope/repo';
import { viewerOf } from '../scope/viewer';
import { ftsInsert } from '../search/repo';
import { incomingMetaText } from '../search/query';
import type { ReadRow } from './row';
import type { OkRow, PendingRow, RowContext, RowOutcome, Target } from './target';
import type { ScanIndex } from './source';
import * as repo from './repo';

/**
 * Rows of an old register into their register, each all or nothing: its scans are checked and stored first (one at a
 * time: read, check, store, next — a stored blob is inert until a record names it), then one transaction writes the
 * record with its original number, its history, attachments, search entry and tallies, moves the book's series past
 * the number, and records the row's outcome in the run. The register's own part is a `Target`: the incoming one here
 * (as a registration writes: incoming/service.ts insertOne), the outgoing one in write-outgoing.ts.
 */
export type { PendingRow, RowContext, RowOutcome } from './target';

type Ok = Extract<ReadRow, { ok: true }>;

function numberTaken(ctx: RowContext, r: Ok): string | null {
  const holder = repo.numberHolder(ctx.app.db, ctx.book.id, r.year, r.number);
  if (holder) return `Số đến ${r.number}/${r.year} đã có trong sổ «${ctx.book.name}» (${holder.ref}, ngày đến ${formatDateVN(holder.arrival_date)}).`;
  return null;
}

/** The existing duplicate rule (same tác giả, số ký hiệu and ngày văn bản), as registration applies it. */
function sameDocument(ctx: RowContext, r: Ok): string | null {
  const sender = findOrganizationByName(ctx.app.db, r.record.sender);
  if (!sender) return null;
  const d = incomingRepo.findDuplicate(ctx.app.db, sender.id, folded(r.record.ref).replace(/\s+/g, ''), r.record.docDate);
  if (!d) return null;
  if (!incomingVisible(ctx.app.db, d.id, viewerOf(ctx.app))) return 'Trùng một văn bản đã vào sổ (ở sổ bạn không được xem).';
  return `Trùng văn bản đã vào sổ: số đến ${d.arrivalNumber}/${d.year} (${d.bookName}, ngày đến ${formatDateVN(d.arrivalDate)}) cùng tác giả, số ký hiệu, ngày văn bản.`;
}

export interface RowResult extends RowOutcome {
  rowNo: number;
  retry: boolean;
}

type Planned = { row: PendingRow; outcome: RowOutcome } | { row: PendingRow; write: OkRow; files: PreparedFile[]; ignored: string[] };

/**
 * A few rows at a time, each all or nothing: first (outside the transaction) each row is checked and its scans stored;
 * then one transaction writes them, each row in its own savepoint, so the batch costs one commit (synchronous=FULL: one
 * fsync) while a row that cannot be written leaves the others whole. A kill before the commit loses the batch's rows
 * only, which the resumed run does again (their stored scans are inert until then). A number met twice in a batch
 * commits what came before, so the second meets the first in the register. A dry run writes nothing.
 */
export function writeBatch(ctx: RowContext, batch: PendingRow[], scans: ScanIndex): RowResult[] {
  const { app } = ctx;
  const results: RowResult[] = [];
  let planned: Planned[] = [];
  let numbers = new Set<string>();
  const commit = () => {
    if (ctx.runId === null || !planned.length) return;
    const runId = ctx.runId;
    const todo = planned;
    planned = [];
    numbers = new Set();
    immediate(app.db, () => {
      const now = app.nowIso();
      for (const p of todo) {
        try {
          const o = app.db.transaction(() => ('outcome' in p ? recordOnly(ctx, runId, p.row, p.outcome, now) : writeOne(ctx, runId, p.row, p.write, p.files, p.ignored, now)))();
          results.push({ rowNo: p.row.rowNo, retry: p.row.retry, ...o });
        } catch (e) {
          // The row was written meanwhile by another run of the same source (two processes): nothing to add.
          if ((e as { code?: string }).code !== 'SQLITE_CONSTRAINT_PRIMARYKEY') throw e;
        }
      }
    });
  };
  for (const row of batch) {
    const r = row.read;
    const done = (outcome: RowOutcome['outcome'], reason: string | null, files = 0) => {
      const o = { outcome, number: r.number, reason, files };
      if (ctx.runId === null) results.push({ rowNo: row.rowNo, retry: row.retry, ...o });
      else planned.push({ row, outcome: o });
    };
    if (!r.ok) {
      done('failed', r.reason);
      continue;
    }
    const bad = ctx.target.invalid?.(ctx, r);
    if (bad) {
      done('failed', bad);
      continue;
    }
    const keys = ctx.target.fileKeys(ctx, r);
    if (ctx.seen) {
      const repeat = keys.find((k) => ctx.seen!.has(k.key));
      if (repeat) {
        done('skipped', repeat.message);
        continue;
      }
      for (const k of keys) ctx.seen.add(k.key);
    } else if (keys.some((k) => numbers.has(k.key))) commit();
    for (const k of keys) numbers.add(k.key);
    const taken = ctx.target.taken(ctx, r);
    if (taken) {
      done('skipped', taken);
      continue;
    }
    const all = scans.find(r.year, r.number, r.record.ref, r.files);
    const { keep: found, ignored } = ctx.target.pick?.(all) ?? { keep: all, ignored: [] };
    if (ctx.runId === null) {
      done('imported', null, found.length);
      continue;
    }
    const files: PreparedFile[] = [];
    try {
      for (const file of found) files.push(storeScan(app, file));
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      done('failed', e.message);
      continue;
    }
    planned.push({ row, write: r, files, ignored });
  }
  commit();
  if (results.some((x) => x.outcome === 'imported' && x.files > 0)) ctx.pendingFiles = true;
  return results;
}

function recordOnly(ctx: RowContext, runId: number, row: PendingRow, o: RowOutcome, now: string): RowOutcome {
  repo.recordRow(ctx.app.db, runId, row.rowNo, o.outcome, null, o.reason, now, row.retry);
  return o;
}

function writeOne(ctx: RowContext, runId: number, row: PendingRow, r: OkRow, files: PreparedFile[], ignored: string[], now: string): RowOutcome {
  // Another process, or an earlier row of this batch, may have taken the number or written the same document.
  const again = ctx.target.taken(ctx, r);
  if (again) return recordOnly(ctx, runId, row, { outcome: 'skipped', number: r.number, reason: again, files: 0 }, now);
  const id = ctx.target.write(ctx, row, r, files, now, ignored);
  repo.recordRow(ctx.app.db, runId, row.rowNo, 'imported', id, null, now, row.retry);
  return { outcome: 'imported', number: r.number, reason: null, files: files.length };
}

/** The incoming register: the row keeps its số đến and year; the same document is the registration's duplicate rule. */
export const incomingTarget: Target = {
  numberNoun: 'Số đến',
  fileKeys: (_ctx, r) => [{ key: `${r.year}:${r.number}`, message: `Số đến ${r.number}/${r.year} lặp lại ở một dòng trước trong sổ.` }],
  taken: (ctx, r) => numberTaken(ctx, r as Ok) ?? sameDocument(ctx, r as Ok),
  write(ctx, row, read, files, now) {
    const { app } = ctx;
    const r = read as Ok;
    const f = r.record;
    const sender = findOrCreateOrganization(app, f.sender);
    const refFolded = folded(f.ref).replace(/\s+/g, '');
    const id = incomingRepo.insertIncoming(app.db, {
      bookId: ctx.book.id,
      year: r.year,
      arrivalNumber: r.number,
      arrivalDate: f.arrivalDate,
      senderId: sender.id,
      ref: f.ref,
      refFolded,
      docDate: f.docDate,
      docType: f.docType ?? null,
      subject: f.subject,
      urgency: 'thuong',
      secrecy: 'thuong',
      pageCount: f.pageCount ?? null,
      recipient: f.recipient || null,
      note: f.note || null,
      public: false,
      now,
    });
    const actor = ctx.actor?.name ?? null;
    incomingRepo.insertHistory(app.db, id, now, actor, null, 'cho-xu-ly', `Nhập từ sổ cũ «${ctx.source}», dòng ${row.rowNo}`);
    // A document of an earlier year was dealt with long ago: it comes in closed, so that years of history do not fill
    // the "chờ xử lý" cards; this year's rows stay open for the văn thư to route (the tallies follow by their triggers).
    if (r.year < Number(app.today().slice(0, 4))) {
      incomingRepo.setStatus(app.db, id, 'hoan-thanh', now);
      incomingRepo.insertHistory(app.db, id, now, actor, 'cho-xu-ly', 'hoan-thanh', 'Văn bản của sổ năm trước: đã giải quyết');
    }
    if (files.length) {
      recordBlobs(app, files);
      for (const file of files) incomingRepo.insertAttachment(app.db, id, file.sha256, file.name, now);
    }
    ftsInsert(app.db, id, incomingMetaText({ ...f, sender: sender.name, docType: f.docType ?? null, arrivalNumber: r.number, year: r.year }));
    repo.moveSeriesPast(app.db, ctx.book.id, String(r.year), r.number);
    return id;
  },
};

/**
 * A scan checked without parsing it (its kind by its bytes against its extension, its size) and stored: the page count,
 * the text and any signature are read later by the background indexing, in the parse worker, as for any stored file.
 */
function storeScan(app: AppContext, file: string): PreparedFile {
  const name = path.basename(file).normalize('NFC');
  const size = fs.statSync(file).size;
  if (size > app.maxFileBytes) {
    const mb = (n: number) => (n / 1024 / 1024).toLocaleString('vi-VN', { maximumFractionDigits: 1 });
    throw new AppError('FILE_TOO_LARGE', `Tệp «${name}» dung lượng ${mb(size)} MB, vượt giới hạn ${mb(app.maxFileBytes)} MB.`);
  }
  const data = new Uint8Array(fs.readFileSync(file));
  const kind = sniffFile(name, data);
  const sha256 = BlobStore.sha256(data);
  app.blobs.put(data);
  const text = kind.ext === 'pdf' || kind.ext === 'docx' || imageMayHoldText(data);
  return { name, data: new Uint8Array(0), sha256, size: data.byteLength, mime: kind.mime, pageCount: null, textStatus: text ? 'pending' : 'none', signatures: null };
}
