import crypto from 'node:crypto';
import type { AuditVerifyReport } from '../../shared/audit/schemas';
import type { FileStore } from '../app/context';
import { verifyAuditChain } from '../audit/repo';
import type { DB } from '../db/connection';

/**
 * The full check of a database and its stored files (`vanphong check`, `vanphong backup verify`): SQLite's
 * integrity_check (every page, every index against its table), the audit chain walked link by link, and every stored
 * file the database lists present — and, when asked, hashing to its name.
 */
export interface FullCheck {
  ok: boolean;
  /** null when integrity_check says ok; else its first findings. */
  integrity: string | null;
  audit: Omit<AuditVerifyReport, 'ms'>;
  files: { total: number; missing: string[]; damaged: string[] };
}

export function fullCheck(db: DB, blobs: Pick<FileStore, 'has' | 'read'>, opts: { hashFiles: boolean }): FullCheck {
  const rows = db.prepare('PRAGMA integrity_check(3)').pluck().all() as string[];
  const integrity = rows.length === 1 && rows[0] === 'ok' ? null : oneLine(rows);
  const audit = verifyAuditChain(db);
  const listed = db.prepare('SELECT sha256 FROM blobs ORDER BY sha256').pluck().all() as string[];
  const missing: string[] = [];
  const damaged: string[] = [];
  for (const sha of listed) {
    if (!blobs.has(sha)) missing.push(sha);
    else if (opts.hashFiles) {
      try {
        if (crypto.createHash('sha256').update(blobs.read(sha)).digest('hex') !== sha) damaged.push(sha);
      } catch {
        damaged.push(sha);
      }
    }
  }
  return { ok: !integrity && audit.ok && !missing.length && !damaged.length, integrity, audit, files: { total: listed.length, missing, damaged } };
}

/** SQLite's findings (which may span lines) on one line. */
export function oneLine(rows: string[]): string {
  return rows.join('; ').replace(/\*\*\* in database main \*\*\*/g, '').replace(/\s*\n\s*/g, ' ').trim();
}

/** The findings in one Vietnamese line (without the backup pointer, which the caller adds when something is wrong). */
export function checkLine(c: FullCheck, opts: { hashFiles: boolean }): string {
  const parts = [
    c.integrity ? `cơ sở dữ liệu hỏng (integrity_check: ${c.integrity})` : 'cơ sở dữ liệu nguyên vẹn (integrity_check)',
    c.audit.ok ? `nhật ký toàn vẹn (${c.audit.rows} bản ghi)` : `nhật ký: ${c.audit.message}`,
    c.files.missing.length || c.files.damaged.length
      ? `tệp đính kèm: ${c.files.total} tệp, thiếu ${c.files.missing.length}, hỏng ${c.files.damaged.length}${[...c.files.missing, ...c.files.damaged].slice(0, 3).map((s) => ` ${s.slice(0, 12)}…`).join(',')}`
      : `${c.files.total} tệp đính kèm đủ${opts.hashFiles ? ', đúng mã băm' : ''}`,
  ];
  return parts.join('; ');
}
