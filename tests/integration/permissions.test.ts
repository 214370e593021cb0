import { describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/api/dispatch';
import { anonymousSession } from '../../electron/app/caller';
import { METHOD_NAMES } from '../../shared/api/contract';
import { METHOD_ACCESS, type Access } from '../../shared/api/permissions';
import { ROLES, type Role } from '../../shared/auth/roles';
import { addUser, call, callErr, rowsCount, tempApp } from '../helpers/app';

describe('roles are enforced by the API for every method', () => {
  it('refuses every non-public method before login, and every role-bound method to an account without the role, writing nothing', async () => {
    const app = await tempApp();
    const sessions = Object.fromEntries(await Promise.all(ROLES.map(async (r) => [r, await addUser(app, `chi-${r}`, [r])] as const))) as Record<Role, Awaited<ReturnType<typeof addUser>>>;
    const audit = rowsCount(app, 'audit_log');
    let checked = 0;
    for (const name of METHOD_NAMES) {
      const access: Access = METHOD_ACCESS[name];
      if (access === 'public') continue;
      const anon = await dispatch(app, name, {}, anonymousSession());
      expect(anon.ok ? 'ok' : anon.error.code, name).toBe('UNAUTHENTICATED');
      if (access === 'user') continue;
      for (const role of ROLES.filter((r) => !access.includes(r))) {
        const r = await dispatch(app, name, {}, sessions[role]);
        expect(r.ok ? 'ok' : r.error.code, `${name} as ${role}`).toBe('FORBIDDEN');
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(60);
    expect(rowsCount(app, 'audit_log')).toBe(audit);
    await app.cleanup();
  });

  it('a locked account loses its session at once; the last administrator cannot be locked or demoted', async () => {
    const app = await tempApp({ withUser: false });
    const admin = await addUser(app, 'qt', ['quantri']);
    const clerk = await addUser(app, 'vt', ['vanthu']);
    expect((await dispatch(app, 'books.list', {}, clerk)).ok).toBe(true);
    await dispatch(app, 'users.update', { id: clerk.caller!.id, active: false }, admin);
    const after = await dispatch(app, 'books.list', {}, clerk);
    expect(after.ok ? 'ok' : after.error.code).toBe('UNAUTHENTICATED');
    expect(clerk.caller).toBeNull();
    expect(await callErr(app, 'users.update', { id: admin.caller!.id, roles: ['vanthu'] }, admin)).toMatchObject({ code: 'CONFLICT', field: 'roles' });
    expect(await callErr(app, 'users.update', { id: admin.caller!.id, active: false }, admin)).toMatchObject({ code: 'CONFLICT' });
    // Setup is only for a fresh database.
    expect(await callErr(app, 'auth.setup', { username: 'ke-gian', fullName: 'Kẻ Gian', roles: ['quantri'], password: '12345678' }, anonymousSession())).toMatchObject({ code: 'FORBIDDEN' });
    expect(await callErr(app, 'users.create', { username: 'a', fullName: 'A', roles: ['quantri'], password: 'ngan' }, admin)).toMatchObject({ code: 'VALIDATION', field: 'username' });
    await app.cleanup();
  });

  it('a reset password ends the account\'s other sessions; a saved list is changed only by its maker or the văn thư', async () => {
    const app = await tempApp({ withUser: false });
    const admin = await addUser(app, 'qt', ['quantri']);
    const a = await addUser(app, 'cv1', ['chuyenvien']);
    const other = await addUser(app, 'cv2', ['chuyenvien']);
    const clerk = await addUser(app, 'vt', ['vanthu']);
    const list = await call(app, 'recipients.saveList', { name: 'Của cv1', entries: [{ kind: 'text', text: 'Sở Tư pháp' }] }, a);
    expect(await callErr(app, 'recipients.saveList', { id: list.id, name: 'Của cv1', entries: [{ kind: 'text', text: 'Sở Y tế' }] }, other)).toMatchObject({ code: 'FORBIDDEN' });
    expect(await callErr(app, 'recipients.deleteList', { id: list.id }, other)).toMatchObject({ code: 'FORBIDDEN' });
    expect((await call(app, 'recipients.deleteList', { id: list.id }, clerk)).deleted).toBe(true);
    await call(app, 'users.update', { id: a.caller!.id, password: 'mat-khau-moi-dai' }, admin);
    const after = await dispatch(app, 'books.list', {}, a);
    expect(after.ok ? 'ok' : after.error.code).toBe('UNAUTHENTICATED');
    expect((await dispatch(app, 'books.list', {}, other)).ok).toBe(true);
    await app.cleanup();
  });

  it('on a fresh database the first account created is the administrator', async () => {
    const app = await tempApp({ withUser: false });
    const s = anonymousSession();
    const st = await dispatch(app, 'auth.status', {}, s);
    expect(st.ok && st.value).toEqual({ needsSetup: true, user: null });
    const r = await dispatch(app, 'auth.setup', { username: 'vanthu1', fullName: 'Lê Văn Cường', roles: ['vanthu'], password: 'mat-khau-dai' }, s);
    expect(r.ok && (r.value as { user: { roles: string[] } }).user.roles).toEqual(['quantri', 'vanthu']);
    expect(s.caller?.username).toBe('vanthu1');
    const hash = app.db.prepare('SELECT password_hash FROM users').pluck().get() as string;
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(hash).not.toContain('mat-khau-dai');
    await app.cleanup();
  });
});
