/** Errors cross every host boundary as plain values (Signal's sql_channel pattern), never as thrown objects. */
export type ErrorCode =
  | 'VALIDATION'
  | 'NOT_FOUND'
  | 'DUPLICATE'
  | 'CONFLICT'
  | 'FILE_INVALID'
  | 'FILE_TOO_LARGE'
  | 'DISK_FULL'
  | 'FILE_EMPTY'
  | 'FORBIDDEN'
  | 'UNAUTHENTICATED'
  /** Too many failed logins from this address: wait, or the address is locked out for a while. */
  | 'RATE_LIMITED'
  /** An HTTP call whose session's anti-forgery token is missing, wrong or from an earlier login. */
  | 'CSRF'
  /** The office server could not be reached: nothing was written; the client keeps what was typed and retries. */
  | 'OFFLINE'
  | 'UNKNOWN_METHOD'
  | 'INTERNAL';

export interface ApiError {
  code: ErrorCode;
  /** Vietnamese, shown to the user as is. */
  message: string;
  /** Dotted path of the offending input field, when there is one ("sender", "attachments.0"). */
  field?: string;
  details?: unknown;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });

/** Thrown inside services; the dispatcher turns it into `{ok:false,error}`. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly field?: string;
  readonly details?: unknown;
  constructor(code: ErrorCode, message: string, opts: { field?: string; details?: unknown } = {}) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.field = opts.field;
    this.details = opts.details;
  }
  toJSON(): ApiError {
    const e: ApiError = { code: this.code, message: this.message };
    if (this.field !== undefined) e.field = this.field;
    if (this.details !== undefined) e.details = this.details;
    return e;
  }
}
