import { hasRole, type Caller } from '../../shared/auth/roles';
import { currentActor } from '../app/caller';
import type { AppContext } from '../app/context';
import type { DB } from '../db/connection';
import type { Viewer } from './repo';
import { readsSecrets } from './secrecy';

/**
 * Who is reading, for the read rule (scope/repo.ts). Null when no API caller is in progress: the hosts' own work
 * (indexing, recovery) and the services' internal reads, never a call from outside (the dispatcher refuses those
 * without a login).
 */
export function viewerOf(app: AppContext): Viewer | null {
  return currentViewer(app.db);
}

/** The viewer of the API call in progress, for the data layer's reads that name other records (meetings' links). */
export function currentViewer(db: DB): Viewer | null {
  const c = currentActor();
  return c ? callerViewer(db, c) : null;
}

/** The viewer for a caller known outside an API call (the HTTP hosts' file downloads). */
export function viewerFor(app: AppContext, c: Caller): Viewer {
  return callerViewer(app.db, c);
}

const callerViewer = (db: DB, c: Caller): Viewer => ({ userId: c.id, registers: hasRole(c, 'vanthu', 'lanhdao'), secret: readsSecrets(db, c) });
