import path from 'node:path';
import { AppError } from '../../shared/api/result';
import type { DB } from '../db/connection';
import { isDamageCode } from '../db/cipher';
import { oneLine } from './check';
import { lastGoodBackupText } from './state';

/**
 * A damaged database is said in one Vietnamese line that names the last good backup — never as SQLite's stack trace.
 * SQLITE_NOTADB is also what a wrong key gives: the line says both.
 */
export function damageLine(dataDir: string, detail: string): string {
  return `Cơ sở dữ liệu «${path.join(dataDir, 'vanphong.sqlite')}» bị hỏng (${detail}); ${lastGoodBackupText(dataDir)}.`;
}

/** The damage as an error: `details.damaged` lets `vanphong check` tell it from other failures. */
export function damageError(dataDir: string, detail: string): AppError {
  return new AppError('INTERNAL', damageLine(dataDir, detail), { details: { damaged: true } });
}

export function damagedDatabaseError(e: unknown, dataDir: string, keyFile?: string | null): AppError | null {
  const code = (e as { code?: unknown })?.code;
  if (!isDamageCode(code)) return null;
  const detail =
    code === 'SQLITE_NOTADB'
      ? keyFile
        ? `không đọc được bằng khóa «${keyFile}»: khóa không phải của thư mục này, hoặc tệp đã hỏng`
        : 'không còn là tệp cơ sở dữ liệu đọc được'
      : `SQLite báo các trang dữ liệu hỏng: ${String(code)}`;
  return damageError(dataDir, detail);
}

/** quick_check (a pass over every page without the index cross-checks): null when fine, else the first problem. */
export function quickCheck(db: DB): string | null {
  const rows = db.prepare('PRAGMA quick_check(3)').pluck().all() as string[];
  return rows.length === 1 && rows[0] === 'ok' ? null : oneLine(rows);
}
