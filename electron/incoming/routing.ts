import type { AppContext } from '../app/context';
import { listUsers, userByName } from '../auth/repo';
import { unitByFolded } from '../units/repo';
import { folded } from '../directory/repo';
import type { NewHandler } from './handlers-repo';

/**
 * A name typed as chủ trì, phối hợp or để biết, as the office knows it: one of its units (same name, with or without
 * diacritics), else an account (its login name, or a full name only one active account has), else an outside
 * organisation kept as text.
 */
export function resolveHandler(app: AppContext, typed: string, role: NewHandler['role']): NewHandler {
  const name = typed.trim().replace(/\s+/g, ' ');
  const nameFolded = folded(name);
  const unit = unitByFolded(app.db, nameFolded);
  if (unit) return { role, unitId: unit.id, userId: null, name: unit.name, nameFolded };
  const login = userByName(app.db, name);
  if (login?.active) return { role, unitId: null, userId: login.id, name: login.fullName, nameFolded };
  const byName = listUsers(app.db).filter((u) => u.active && folded(u.fullName) === nameFolded);
  if (byName.length === 1) return { role, unitId: null, userId: byName[0].id, name: byName[0].fullName, nameFolded };
  return { role, unitId: null, userId: null, name, nameFolded };
}

/** The handlers of one routing: the lead first, then phối hợp and để biết, each name once. */
export function resolveRouting(app: AppContext, r: { lead: string; coUnits: string[]; info: string[] }): NewHandler[] {
  const out: NewHandler[] = [];
  const seen = new Set<string>();
  const add = (h: NewHandler) => {
    const key = h.unitId !== null ? `u${h.unitId}` : h.userId !== null ? `a${h.userId}` : `t${h.nameFolded}`;
    if (!seen.has(key)) (seen.add(key), out.push(h));
  };
  add(resolveHandler(app, r.lead, 'lead'));
  for (const c of r.coUnits) add(resolveHandler(app, c, 'co'));
  for (const i of r.info) add(resolveHandler(app, i, 'info'));
  return out;
}
