import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AppContext, AppOptions } from '../../electron/app/context';
import { openApp } from '../../electron/hosts/open-app';
import { dispatch } from '../../electron/api/dispatch';
import { hashPassword } from '../../electron/auth/passwords';
import { authenticate } from '../../electron/auth/service';
import { insertUser, passwordStamp, toCaller } from '../../electron/auth/repo';
import { anonymousSession, type Session } from '../../electron/app/caller';
import { immediate, openConnection, type DB } from '../../electron/db/connection';
import { databaseState } from '../../electron/db/cipher';
import { findFolderKey } from '../../electron/db/keys';
import type { MethodInput, MethodName, MethodOutput } from '../../shared/api/contract';
import type { ApiError, Result } from '../../shared/api/result';
import { ROLES, type Role } from '../../shared/auth/roles';

export function tempDir(prefix = 'vanphong-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/*
 * Data folders are encrypted with a key kept in the per-user key store (electron/db/keys.ts). Tests keep that store in
 * one temporary folder (inherited by the CLI processes they spawn), never in the real home: keys are named by each
 * folder's random id, so every test process shares it, like the data folders they sit beside in the temporary folder.
 */
process.env.VANPHONG_KEY_DIR ??= path.join(os.tmpdir(), `vanphong-test-keys-${process.getuid?.() ?? 'user'}`);

/** A data folder's database opened directly, with its key (as a test that tampers with the file must: it is encrypted). */
export function openDataDb(dataDir: string): DB {
  const file = path.join(dataDir, 'vanphong.sqlite');
  return openConnection(file, { key: databaseState(file) === 'plaintext' ? null : findFolderKey(dataDir).key, fileMustExist: true });
}

/** A fixed clock: 10:00 on 15 March 2026 in Vietnam (03:00 UTC). */
export const FIXED_NOW = new Date('2026-03-15T03:00:00.000Z');

export function fixedClock(at: Date = FIXED_NOW): { clock: () => Date; set(d: Date): void; advance(ms: number): void } {
  let now = at;
  return { clock: () => now, set: (d) => (now = d), advance: (ms) => (now = new Date(now.getTime() + ms)) };
}

export const TEST_PASSWORD = 'mat-khau-thu-nghiem';
let hashed: Promise<string> | null = null;

/** Adds an account directly (the scrypt hash of TEST_PASSWORD is computed once per test process) and logs it in. */
export async function addUser(app: AppContext, username: string, roles: Role[], fullName = username, extra: { unit?: string; title?: string } = {}): Promise<Session> {
  const passwordHash = await (hashed ??= hashPassword(TEST_PASSWORD));
  const u = immediate(app.db, () => insertUser(app.db, { username, fullName, roles, passwordHash, ...extra }, app.nowIso()));
  return { caller: toCaller(u), stamp: passwordStamp(app.db, u.id) };
}

/** Logs an existing account in, as the CLI does for each command (checks the password; writes no audit entry). */
export async function loginAs(app: AppContext, username: string, password = TEST_PASSWORD): Promise<Session> {
  const u = await authenticate(app, username, password);
  return { caller: toCaller(u), stamp: passwordStamp(app.db, u.id) };
}

const sessions = new WeakMap<AppContext, Session>();

/**
 * A temporary app. Unless `withUser` is false, it has one account holding every role, logged in, which `call` and
 * `callErr` use: tests of one capability are not about permissions (tests/integration/permissions.test.ts is).
 */
export async function tempApp(opts: Partial<AppOptions> & { withUser?: boolean } = {}): Promise<AppContext & { session: Session; cleanup(): Promise<void> }> {
  const { withUser = true, ...appOpts } = opts;
  const dataDir = appOpts.dataDir ?? tempDir();
  const app = await openApp({ clock: () => FIXED_NOW, onNewKey: () => undefined, ...appOpts, dataDir });
  const session = withUser ? await addUser(app, 'tester', [...ROLES], 'Người Thử Nghiệm') : anonymousSession();
  sessions.set(app, session);
  return Object.assign(app, {
    session,
    async cleanup() {
      await app.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  });
}

/** Calls a method through the dispatcher, as every host does, as the app's test account (or `as`); throws if it failed. */
export async function call<K extends MethodName>(app: AppContext, name: K, input: MethodInput<K>, as?: Session): Promise<MethodOutput<K>> {
  const r = (await dispatch(app, name, input, as ?? sessions.get(app) ?? anonymousSession())) as Result<MethodOutput<K>>;
  if (!r.ok) throw new Error(`${name} failed: ${r.error.code} ${r.error.message}`);
  return r.value;
}

/** Calls a method that must fail; returns the error. */
export async function callErr<K extends MethodName>(app: AppContext, name: K, input: unknown, as?: Session): Promise<ApiError> {
  const r = await dispatch(app, name, input, as ?? sessions.get(app) ?? anonymousSession());
  if (r.ok) throw new Error(`${name} unexpectedly succeeded: ${JSON.stringify(r.value).slice(0, 200)}`);
  return r.error;
}

export const sampleIncoming = (over: Partial<MethodInput<'incoming.register'>> = {}): MethodInput<'incoming.register'> => ({
  sender: 'Ủy ban nhân dân tỉnh Bắc Ninh',
  ref: '70/KH-UBND',
  docDate: '2026-03-10',
  docType: 'Kế hoạch',
  subject: 'Kế hoạch tổ chức Đại hội Đảng ủy khối cơ quan nhiệm kỳ 2025–2030',
  ...over,
});

export function rowsCount(app: AppContext, table: string): number {
  return app.db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get() as number;
}
