import type { Role } from './roles';

/**
 * Who may call a method, enforced by the dispatcher for every host (the UI only hides what the API refuses).
 * 'public': before login (the login and first-account screens); 'user': any logged-in account; else the roles
 * listed. Services add the checks that depend on the record (a drafter edits only their own draft, the leader it was
 * submitted to decides on it). Each domain declares its table in its own `access.ts` (no zod: the sandboxed preload
 * reads the method names from these tables).
 */
export type Access = 'public' | 'user' | readonly Role[];

export type AccessTable = Record<string, Access>;

export const CLERK = ['vanthu'] as const;
export const ADMIN = ['quantri'] as const;
export const LEADER = ['lanhdao'] as const;
export const DRAFTERS = ['chuyenvien', 'lanhdao', 'vanthu'] as const;
export const DIRECTORY = ['vanthu', 'quantri'] as const;

export const authAccess = {
  'auth.status': 'public',
  'auth.setup': 'public',
  'auth.login': 'public',
  'auth.logout': 'public',
  'auth.changePassword': 'user',
  'users.list': 'user',
  'users.create': ADMIN,
  'users.update': ADMIN,
} as const satisfies AccessTable;
