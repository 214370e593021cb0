import type { AppContext } from '../../electron/app/context';
import { hashPassword } from '../../electron/auth/passwords';
import { insertUser, toCaller, userByName } from '../../electron/auth/repo';
import type { Session } from '../../electron/app/caller';
import { immediate } from '../../electron/db/connection';
import { ROLES } from '../../shared/auth/roles';

/** The account benchmarks and test workers act as (every role), created on first use in a database. */
export async function benchSession(app: AppContext, username = 'bench'): Promise<Session> {
  const existing = userByName(app.db, username);
  if (existing) return { caller: toCaller(existing) };
  const passwordHash = await hashPassword('bench-password');
  const u = immediate(app.db, () => userByName(app.db, username) ?? insertUser(app.db, { username, fullName: username, roles: [...ROLES], passwordHash }, app.nowIso()));
  return { caller: toCaller(u) };
}
