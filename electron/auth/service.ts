import { AppError } from '../../shared/api/result';
import type { MethodParsed } from '../../shared/api/contract';
import type { AuthStatus, UserInfo } from '../../shared/auth/schemas';
import type { Role } from '../../shared/auth/roles';
import type { AppContext } from '../app/context';
import { immediate } from '../db/connection';
import { audit } from '../audit/record';
import { runAs, type Session } from '../app/caller';
import { DUMMY_HASH, hashPassword, verifyPassword } from './passwords';
import { auditFailure, beginAttempt, delayAfter, recordSuccess, THROTTLE } from './throttle';
import * as repo from './repo';

const WRONG = 'Sai tên đăng nhập hoặc mật khẩu.';

export function status(app: AppContext, session: Session): AuthStatus {
  return { needsSetup: repo.countUsers(app.db) === 0, user: session.caller };
}

/**
 * Checks a name and password; the same message and about the same time whether the name exists or not. Failed
 * attempts are counted per name and client address (auth/throttle.ts): too many, and that address must wait.
 */
export async function authenticate(app: AppContext, username: string, password: string, address = 'local'): Promise<UserInfo> {
  const f = beginAttempt(app, username, address);
  const u = repo.userByName(app.db, username);
  const ok = await verifyPassword(password, u?.passwordHash ?? DUMMY_HASH);
  if (!u || !ok) {
    auditFailure(app, u ? { id: u.id, username: u.username } : null, address, f);
    const then = f.lockedUntilMs
      ? ` Đã sai ${f.failures} lần: đăng nhập tài khoản này từ máy này tạm khóa ${THROTTLE.lockMinutes} phút.`
      : delayAfter(f.failures) > 0
        ? ` Đã sai ${f.failures} lần: hãy đợi ${delayAfter(f.failures)} giây trước lần thử sau.`
        : '';
    throw new AppError('UNAUTHENTICATED', `${WRONG}${then}`, { field: 'password' });
  }
  recordSuccess(app, username, address);
  if (!u.active) throw new AppError('FORBIDDEN', `Tài khoản «${u.username}» đã bị khóa; hãy liên hệ quản trị.`, { field: 'username' });
  const { passwordHash: _omit, ...user } = u;
  return user;
}

export async function login(app: AppContext, input: MethodParsed<'auth.login'>, session: Session): Promise<AuthStatus> {
  const user = await authenticate(app, input.username, input.password, session.address);
  session.caller = repo.toCaller(user);
  session.stamp = repo.passwordStamp(app.db, user.id);
  runAs(session.caller, () => immediate(app.db, () => audit(app, 'user.login', 'user', user.id)));
  return status(app, session);
}

export function logout(app: AppContext, session: Session): AuthStatus {
  session.caller = null;
  session.stamp = undefined;
  return status(app, session);
}

/**
 * Creates an account. On a fresh database anyone may create the first one, and it becomes the administrator
 * (quản trị) whatever roles were asked for; after that only an administrator may (the dispatcher checks).
 */
export async function createUser(app: AppContext, input: MethodParsed<'users.create'>, session: Session): Promise<UserInfo> {
  const first = repo.countUsers(app.db) === 0;
  if (!first && !session.caller?.roles.includes('quantri')) {
    throw new AppError('FORBIDDEN', 'Chỉ quản trị được tạo tài khoản.');
  }
  const passwordHash = await hashPassword(input.password);
  const roles: Role[] = first && !input.roles.includes('quantri') ? ['quantri', ...input.roles] : input.roles;
  return immediate(app.db, () => {
    // Counted again under the write lock: two windows creating "the first account" at once get one administrator.
    if (first && repo.countUsers(app.db) > 0) throw new AppError('CONFLICT', 'Tài khoản quản trị đầu tiên vừa được tạo ở nơi khác; hãy đăng nhập.');
    if (repo.userByName(app.db, input.username)) throw new AppError('DUPLICATE', `Tên đăng nhập «${input.username}» đã có.`, { field: 'username' });
    const user = repo.insertUser(app.db, { ...input, roles, passwordHash }, app.nowIso());
    runAs(session.caller ?? repo.toCaller(user), () => audit(app, 'user.create', 'user', user.id, { username: user.username, roles: user.roles }));
    return user;
  });
}

/** The first account, from the setup screen: creates it and logs it in. */
export async function setup(app: AppContext, input: MethodParsed<'auth.setup'>, session: Session): Promise<AuthStatus> {
  if (repo.countUsers(app.db) > 0) throw new AppError('FORBIDDEN', 'Đã có tài khoản quản trị; hãy đăng nhập.');
  const user = await createUser(app, input, session);
  session.caller = repo.toCaller(user);
  session.stamp = repo.passwordStamp(app.db, user.id);
  return status(app, session);
}

export async function updateUser(app: AppContext, input: MethodParsed<'users.update'>, session: Session): Promise<UserInfo> {
  const passwordHash = input.password ? await hashPassword(input.password) : undefined;
  return immediate(app.db, () => {
    const before = repo.userById(app.db, input.id);
    if (!before) throw new AppError('NOT_FOUND', 'Không có tài khoản này.');
    const roles = input.roles ?? before.roles;
    const active = input.active ?? before.active;
    // The office must never lose its last administrator (nobody could create or unlock accounts again).
    if (before.roles.includes('quantri') && before.active && (!roles.includes('quantri') || !active) && repo.countActiveWithRole(app.db, 'quantri') <= 1) {
      throw new AppError('CONFLICT', 'Đây là tài khoản quản trị cuối cùng: không bỏ vai trò quản trị hay khóa được.', { field: 'roles' });
    }
    repo.updateUser(app.db, input.id, { ...input, passwordHash }, app.nowIso());
    const after = repo.userById(app.db, input.id)!;
    audit(app, input.password ? 'user.password' : 'user.update', 'user', input.id, {
      roles: after.roles,
      active: after.active,
      ...(input.fullName ? { fullName: after.fullName } : {}),
    });
    if (session.caller?.id === after.id) {
      session.caller = after.active ? repo.toCaller(after) : null;
      session.stamp = repo.passwordStamp(app.db, after.id);
    }
    return after;
  });
}

export async function changePassword(app: AppContext, input: MethodParsed<'auth.changePassword'>, session: Session): Promise<{ changed: true }> {
  const me = session.caller!;
  await authenticate(app, me.username, input.current, session.address).catch((e: unknown) => {
    if (e instanceof AppError && e.code === 'RATE_LIMITED') throw new AppError('RATE_LIMITED', e.message, { field: 'current' });
    throw new AppError('VALIDATION', 'Mật khẩu hiện tại không đúng.', { field: 'current' });
  });
  const passwordHash = await hashPassword(input.password);
  immediate(app.db, () => {
    repo.updateUser(app.db, me.id, { passwordHash }, app.nowIso());
    audit(app, 'user.password', 'user', me.id);
  });
  // This session stays; every other one of the account ends at its next call.
  session.stamp = repo.passwordStamp(app.db, me.id);
  return { changed: true };
}

/**
 * The dispatcher's check before every call: the account still exists and is active, with its current roles
 * (an administrator may have changed them since login), and its password has not been changed or reset since.
 */
export function refreshSession(app: AppContext, session: Session): void {
  if (!session.caller) return;
  const u = repo.userWithStamp(app.db, session.caller.id);
  const stale = session.stamp !== undefined && session.stamp !== u?.stamp;
  session.caller = u && u.active && !stale ? repo.toCaller(u) : null;
  if (!session.caller) session.stamp = undefined;
}
