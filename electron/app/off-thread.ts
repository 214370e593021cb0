import { AppError, type ApiError } from '../../shared/api/result';

/**
 * CPU-heavy pure work (laying out a PDF, preparing and completing a signature) off the event loop that serves the
 * API: the office server installs a pool of worker threads (hosts/server/cpu-pool.ts); every other host, and the
 * tests, run the same function in-process. Tasks take and return plain data (bytes, numbers, Dates), and an
 * AppError thrown in a worker comes back as the same AppError. Only speed depends on this: nothing is remembered.
 */
export type Offload = (task: string, input: unknown) => Promise<unknown>;

let offload: Offload | null = null;

export function installOffload(fn: Offload | null): void {
  offload = fn;
}

export async function offThread<T>(task: string, input: unknown, local: () => Promise<T> | T): Promise<T> {
  return offload ? ((await offload(task, input)) as T) : local();
}

/** How a worker reports a failure, and how the caller gets the AppError back. */
export type TaskFailure = { appError: ApiError } | { message: string };

export function toTaskFailure(e: unknown): TaskFailure {
  return e instanceof AppError ? { appError: e.toJSON() } : { message: (e as Error)?.message ?? String(e) };
}

export function fromTaskFailure(f: TaskFailure): Error {
  if ('appError' in f) return new AppError(f.appError.code, f.appError.message, { field: f.appError.field, details: f.appError.details });
  return new Error(f.message);
}
