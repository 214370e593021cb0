import { hasRole, type Caller } from '../../shared/auth/roles';
import { getSetting, setSetting } from '../app/settings';
import type { DB } from '../db/connection';

/** The secrecy settings as stored: account ids, and whether this installation is a machine kept off any network. */
export interface StoredSecrecy {
  secretClerks: number[];
  officeHeads: number[];
  offlineMachine: boolean;
}

const KEY = 'secrecy';

export function storedSecrecy(db: DB): StoredSecrecy {
  const raw = getSetting(db, KEY);
  const s = raw ? (JSON.parse(raw) as Partial<StoredSecrecy>) : {};
  return { secretClerks: s.secretClerks ?? [], officeHeads: s.officeHeads ?? [], offlineMachine: s.offlineMachine === true };
}

export function saveStoredSecrecy(db: DB, s: StoredSecrecy): void {
  setSetting(db, KEY, JSON.stringify(s));
}

/**
 * A secret document's content (its files, its text) is kept only on a machine marked as kept off any network, and never
 * by the office server (Luật Bảo vệ bí mật nhà nước 2018); elsewhere the register holds its metadata only.
 */
export function secretContentAllowed(db: DB, networked: boolean): boolean {
  return !networked && storedSecrecy(db).offlineMachine;
}

/**
 * The văn thư who keeps the secret register and the head of the office read every secret document. Until the quản
 * trị names them, every văn thư and every lãnh đạo is taken to be (a small office has one of each).
 */
export function readsSecrets(db: DB, c: Pick<Caller, 'id' | 'roles'>): boolean {
  const s = storedSecrecy(db);
  if (hasRole(c, 'vanthu') && (s.secretClerks.length === 0 || s.secretClerks.includes(c.id))) return true;
  return hasRole(c, 'lanhdao') && (s.officeHeads.length === 0 || s.officeHeads.includes(c.id));
}
