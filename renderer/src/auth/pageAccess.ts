import type { MethodName } from '../../../shared/api/contract';
import { mayCall } from '../../../shared/api/permissions';
import type { Role } from '../../../shared/auth/roles';
import type { Route } from '../router';

/**
 * The pages only some roles may open, by the method each one needs (the same rule as the menu and the page guards in
 * layout/AppShell.tsx: keep them together). Every other page is open to any account.
 */
export const PAGE_METHOD: Partial<Record<Route['page'], MethodName>> = {
  audit: 'audit.list',
  users: 'users.create',
  settings: 'settings.saveOrganisation',
  units: 'settings.saveOrganisation',
  sessions: 'sessions.list',
  backup: 'backup.status',
};

export function pageAllowed(page: Route['page'], roles: readonly Role[]): boolean {
  const m = PAGE_METHOD[page];
  return !m || mayCall(m, roles);
}
