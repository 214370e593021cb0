import crypto from 'node:crypto';
import path from 'node:path';
import { AppError } from '../../shared/api/result';
import type { ExchangeSettings, SaveExchangeSettings, SmtpSecurity } from '../../shared/exchange/settings';
import type { AppContext } from '../app/context';
import { getSetting, setSetting } from '../app/settings';
import { deriveKey } from '../db/cipher-chunks';

/**
 * The exchange settings, one JSON value in the settings table (key 'exchange'). The SMTP password is sealed with
 * AES-256-GCM under a key derived from the folder's installation key (HKDF, purpose "exchange smtp v1"): a copy of the
 * database alone does not give it away, and it is never returned by the API nor logged.
 */
const KEY = 'exchange';
const PURPOSE = 'exchange smtp v1';

interface Stored {
  outbox?: string;
  inbox?: string;
  smtp?: { host: string; port: number; security: SmtpSecurity; user: string; from: string; password?: string } | null;
  autoStatuses?: boolean;
  /** The start of the last pass whose automatic statuses were all queued (outbox.ts syncAutoStatuses). */
  autoSyncedAt?: string;
}

function stored(app: AppContext): Stored {
  try {
    const raw = getSetting(app.db, KEY);
    const v = raw ? (JSON.parse(raw) as unknown) : {};
    return v && typeof v === 'object' ? (v as Stored) : {};
  } catch {
    return {};
  }
}

export function exchangeSettings(app: AppContext): ExchangeSettings {
  const s = stored(app);
  return {
    outbox: s.outbox ?? '',
    inbox: s.inbox ?? '',
    smtp: s.smtp ? { host: s.smtp.host, port: s.smtp.port, security: s.smtp.security, user: s.smtp.user, from: s.smtp.from, hasPassword: !!s.smtp.password } : null,
    autoStatuses: s.autoStatuses ?? true,
  };
}

/** Two folder paths naming one folder (trailing separators and, on Windows, letter case aside). */
function samePath(a: string, b: string): boolean {
  const norm = (p: string) => {
    const r = path.resolve(p).replace(/[\\/]+$/, '');
    return process.platform === 'win32' || /^[A-Za-z]:/.test(p) ? r.toLowerCase() : r;
  };
  return norm(a) === norm(b);
}

function keyOf(app: AppContext): Buffer {
  if (!app.installationKey) throw new AppError('CONFLICT', 'Thư mục dữ liệu này chưa có khóa cài đặt nên không cất được mật khẩu SMTP an toàn: chạy «vanphong encrypt» trước.', { field: 'smtp.password' });
  return deriveKey(app.installationKey, PURPOSE);
}

function seal(app: AppContext, password: string): string {
  const iv = crypto.randomBytes(12);
  const c = crypto.createCipheriv('aes-256-gcm', keyOf(app), iv);
  const ct = Buffer.concat([c.update(password, 'utf8'), c.final()]);
  return `v1:${Buffer.concat([iv, c.getAuthTag(), ct]).toString('base64')}`;
}

/** The SMTP account's password, opened; '' when none is stored or it cannot be opened (another folder's key). */
export function smtpPassword(app: AppContext): string {
  const sealed = stored(app).smtp?.password;
  if (!sealed?.startsWith('v1:')) return '';
  try {
    const b = Buffer.from(sealed.slice(3), 'base64');
    const d = crypto.createDecipheriv('aes-256-gcm', keyOf(app), b.subarray(0, 12));
    d.setAuthTag(b.subarray(12, 28));
    return Buffer.concat([d.update(b.subarray(28)), d.final()]).toString('utf8');
  } catch {
    return '';
  }
}

/** Since when the automatic statuses are to be looked for (null: never looked, so every document). */
export function autoStatusesSince(app: AppContext): string | null {
  return stored(app).autoSyncedAt ?? null;
}

/** The automatic statuses of everything changed before `at` are queued; runs inside the caller's transaction. */
export function markAutoStatusesSynced(app: AppContext, at: string): void {
  const s = stored(app);
  if (s.autoSyncedAt && s.autoSyncedAt >= at) return;
  setSetting(app.db, KEY, JSON.stringify({ ...s, autoSyncedAt: at }));
}

/** Runs inside the caller's transaction. Fields left out keep their value. */
export function storeExchangeSettings(app: AppContext, input: SaveExchangeSettings): void {
  const s = stored(app);
  if (input.outbox !== undefined) s.outbox = input.outbox;
  if (input.inbox !== undefined) s.inbox = input.inbox;
  if (s.outbox && s.inbox && samePath(s.outbox, s.inbox)) {
    throw new AppError('VALIDATION', 'Thư mục nhận không được trùng thư mục gửi: gói gửi đi sẽ bị đọc lại như gói nhận về.', { field: input.inbox !== undefined ? 'inbox' : 'outbox' });
  }
  if (input.autoStatuses !== undefined) s.autoStatuses = input.autoStatuses;
  if (input.smtp === null) s.smtp = null;
  else if (input.smtp) {
    const { password, ...rest } = input.smtp;
    const kept = s.smtp?.password;
    s.smtp = { ...rest, ...(password === undefined ? (kept ? { password: kept } : {}) : password === '' ? {} : { password: seal(app, password) }) };
  }
  setSetting(app.db, KEY, JSON.stringify(s));
}
