import { z } from 'zod';
import { AppError, type ApiError, type Result } from '../../shared/api/result';
import { isMethodName, methods, type MethodName } from '../../shared/api/contract';
import { accessOf } from '../../shared/api/permissions';
import { rolesText } from '../../shared/auth/roles';
import type { AppContext } from '../app/context';
import { anonymousSession, runAs, type Session } from '../app/caller';
import { refreshSession } from '../auth/service';
import { handlers } from './handlers';
import { officeRefusal } from './office-policy';
import { damagedDatabaseError } from '../backup/damage';

/** Turns a zod failure into one Vietnamese message naming the first offending field. */
export function validationError(err: z.ZodError): ApiError {
  const first = err.issues[0];
  const field = first?.path.map(String).join('.') || undefined;
  const message = first?.message ?? 'Dữ liệu không hợp lệ.';
  const e: ApiError = { code: 'VALIDATION', message, details: err.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })) };
  if (field) e.field = field;
  return e;
}

/** The role check every call passes, whatever the host: an API refusal, not a hidden button. */
function checkAccess(app: AppContext, name: MethodName, session: Session): ApiError | null {
  const access = accessOf(name);
  if (access === 'public') return null;
  refreshSession(app, session);
  const c = session.caller;
  if (!c) return { code: 'UNAUTHENTICATED', message: 'Bạn cần đăng nhập để dùng chức năng này.' };
  if (access === 'user' || access.some((r) => c.roles.includes(r))) return null;
  return { code: 'FORBIDDEN', message: `Tài khoản «${c.username}» (${rolesText(c.roles)}) không có quyền này; cần vai trò ${rolesText(access)}.` };
}

/**
 * The single entry point every host calls: check the caller's role, parse the input with the method's zod schema,
 * run the handler as that caller, and return errors as values. Unexpected errors are logged and reported without
 * internals.
 */
export async function dispatch(app: AppContext, name: unknown, input: unknown, session: Session = anonymousSession()): Promise<Result<unknown>> {
  if (!isMethodName(name)) {
    return { ok: false, error: { code: 'UNKNOWN_METHOD', message: `Không có chức năng «${String(name)}».` } };
  }
  const denied = checkAccess(app, name, session) ?? officeRefusal(name, input, session);
  if (denied) return { ok: false, error: denied };
  const parsed = methods[name].input.safeParse(input ?? {});
  if (!parsed.success) return { ok: false, error: validationError(parsed.error) };
  try {
    const handler = handlers[name] as (app: AppContext, input: unknown, session: Session) => unknown;
    const value = await runAs(session.caller, () => handler(app, parsed.data, session));
    return { ok: true, value };
  } catch (e) {
    return { ok: false, error: toApiError(e, app.dataDir) };
  }
}

export function toApiError(e: unknown, dataDir?: string): ApiError {
  if (e instanceof AppError) return e.toJSON();
  // A damaged database: one Vietnamese line naming the last good backup, never SQLite's stack trace.
  const damaged = dataDir ? damagedDatabaseError(e, dataDir) : null;
  if (damaged) return damaged.toJSON();
  const code = (e as { code?: string })?.code;
  if (code === 'SQLITE_BUSY') {
    return { code: 'CONFLICT', message: 'Cơ sở dữ liệu đang bận, vui lòng thử lại.' };
  }
  if (code === 'ENOSPC' || code === 'SQLITE_FULL' || code === 'EDQUOT') {
    // The transaction was rolled back and a file half-written was removed (blob-store writes to a temporary name).
    return { code: 'DISK_FULL', message: 'Ổ đĩa đầy: không ghi được, không có gì được ghi. Hãy giải phóng chỗ trống trên ổ chứa dữ liệu rồi thử lại.' };
  }
  if (typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT')) {
    return { code: 'CONFLICT', message: 'Dữ liệu trùng hoặc vi phạm ràng buộc; không có gì được ghi.' };
  }
  console.error('[vanphong] unexpected error:', e);
  return { code: 'INTERNAL', message: 'Lỗi không mong đợi; không có gì được ghi. Chi tiết đã ghi vào nhật ký.' };
}

export type { MethodName };
