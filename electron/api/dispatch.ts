import { z } from 'zod';
import { AppError, type ApiError, type Result } from '../../shared/api/result';
import { isMethodName, methods, type MethodName } from '../../shared/api/contract';
import type { AppContext } from '../app/context';
import { handlers } from './handlers';

/** Turns a zod failure into one Vietnamese message naming the first offending field. */
export function validationError(err: z.ZodError): ApiError {
  const first = err.issues[0];
  const field = first?.path.map(String).join('.') || undefined;
  const message = first?.message ?? 'Dữ liệu không hợp lệ.';
  const e: ApiError = { code: 'VALIDATION', message, details: err.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })) };
  if (field) e.field = field;
  return e;
}

/**
 * The single entry point every host calls: parse the input with the method's zod schema, run the handler,
 * and return errors as values. Unexpected errors are logged and reported without internals.
 */
export async function dispatch(app: AppContext, name: unknown, input: unknown): Promise<Result<unknown>> {
  if (!isMethodName(name)) {
    return { ok: false, error: { code: 'UNKNOWN_METHOD', message: `Không có chức năng «${String(name)}».` } };
  }
  const parsed = methods[name].input.safeParse(input ?? {});
  if (!parsed.success) return { ok: false, error: validationError(parsed.error) };
  try {
    const handler = handlers[name] as (app: AppContext, input: unknown) => unknown;
    const value = await handler(app, parsed.data);
    return { ok: true, value };
  } catch (e) {
    return { ok: false, error: toApiError(e) };
  }
}

export function toApiError(e: unknown): ApiError {
  if (e instanceof AppError) return e.toJSON();
  const code = (e as { code?: string })?.code;
  if (code === 'SQLITE_BUSY') {
    return { code: 'CONFLICT', message: 'Cơ sở dữ liệu đang bận, vui lòng thử lại.' };
  }
  if (typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT')) {
    return { code: 'CONFLICT', message: 'Dữ liệu trùng hoặc vi phạm ràng buộc; không có gì được ghi.' };
  }
  console.error('[vanphong] unexpected error:', e);
  return { code: 'INTERNAL', message: 'Lỗi không mong đợi; không có gì được ghi. Chi tiết đã ghi vào nhật ký.' };
}

export type { MethodName };
