import { AppError } from '../../shared/api/result';
import type { MethodParsed } from '../../shared/api/contract';
import type { SecrecySettings, UnitInfo, UnitMember } from '../../shared/units/schemas';
import { hasRole } from '../../shared/auth/roles';
import type { AppContext } from '../app/context';
import { immediate } from '../db/connection';
import { audit } from '../audit/record';
import { listUsers, userById, userByName } from '../auth/repo';
import { folded } from '../directory/repo';
import { saveStoredSecrecy, storedSecrecy } from '../scope/secrecy';
import * as repo from './repo';

function account(app: AppContext, username: string, field: string): UnitMember {
  const u = userByName(app.db, username.trim());
  if (!u) throw new AppError('VALIDATION', `Không có tài khoản «${username}».`, { field });
  return { id: u.id, username: u.username, fullName: u.fullName };
}

export function listUnits(app: AppContext): UnitInfo[] {
  return repo.listUnits(app.db);
}

/**
 * A new unit, or a unit renamed or given another head and members. A new unit also takes the accounts whose "đơn vị"
 * reads the same name, and the routings written as free text with that name.
 */
export function saveUnit(app: AppContext, input: MethodParsed<'units.save'>): UnitInfo {
  const name = input.name.trim().replace(/\s+/g, ' ');
  const nameFolded = folded(name);
  const head = input.head ? account(app, input.head, 'head') : null;
  const members = input.members.map((m, i) => account(app, m, `members.${i}`));
  const id = immediate(app.db, () => {
    const same = repo.unitByFolded(app.db, nameFolded);
    if (same && same.id !== input.id) throw new AppError('DUPLICATE', `Đã có đơn vị «${same.name}».`, { field: 'name' });
    const now = app.nowIso();
    let id = input.id;
    const memberIds = new Set(members.map((m) => m.id));
    if (id === undefined) {
      id = repo.insertUnit(app.db, { name, nameFolded, headId: head?.id ?? null }, now);
      for (const u of listUsers(app.db)) if (u.unit && folded(u.unit) === nameFolded) memberIds.add(u.id);
    } else {
      if (!repo.unitById(app.db, id)) throw new AppError('NOT_FOUND', `Không có đơn vị mã ${id}.`, { field: 'id' });
      repo.updateUnit(app.db, id, { name, nameFolded, headId: head?.id ?? null }, now);
    }
    repo.setMembers(app.db, id, [...memberIds]);
    const linked = repo.linkTextHandlers(app.db, id, nameFolded);
    audit(app, input.id === undefined ? 'unit.create' : 'unit.update', 'unit', id, { name, head: head?.username ?? null, members: memberIds.size, linkedRoutings: linked });
    return id;
  });
  return repo.unitById(app.db, id)!;
}

/**
 * Removes a unit that nothing waits for: refused while tasks it leads or helps with are open, documents wait for it,
 * or open hồ sơ belong to it. The unit is marked removed, not deleted (repo.removeUnit): what it handled before stays
 * as it was, readable by its members.
 */
export function removeUnit(app: AppContext, id: number): { removed: true } {
  immediate(app.db, () => {
    const unit = repo.unitById(app.db, id);
    if (!unit) throw new AppError('NOT_FOUND', `Không có đơn vị mã ${id}.`, { field: 'id' });
    const tasks = repo.openTasksOfUnit(app.db, id);
    if (tasks.length) {
      const named = tasks.slice(0, 3).map((t) => `#${t.id} «${t.title}»`).join(', ');
      throw new AppError('CONFLICT', `Đơn vị «${unit.name}» còn ${tasks.length} công việc chưa xong (${named}${tasks.length > 3 ? ', …' : ''}): giao lại cho đơn vị khác hoặc kết thúc các việc đó trước khi xóa đơn vị.`, { field: 'id' });
    }
    const waiting = repo.openWorkOfUnit(app.db, id);
    if (waiting) throw new AppError('CONFLICT', `Đơn vị «${unit.name}» còn ${waiting} việc, văn bản đang chờ xử lý: chuyển cho đơn vị khác trước khi xóa đơn vị.`, { field: 'id' });
    const hoso = repo.openHosoOfUnit(app.db, id);
    if (hoso) throw new AppError('CONFLICT', `Đơn vị «${unit.name}» còn ${hoso} hồ sơ công việc đang mở: kết thúc hoặc chuyển hồ sơ cho đơn vị khác trước khi xóa đơn vị.`, { field: 'id' });
    repo.removeUnit(app.db, id, app.nowIso());
    audit(app, 'unit.remove', 'unit', id, { name: unit.name });
  });
  return { removed: true };
}

export function secrecySettings(app: AppContext): SecrecySettings {
  const s = storedSecrecy(app.db);
  const people = (ids: number[]) =>
    ids.flatMap((id) => {
      const u = userById(app.db, id);
      return u ? [{ id: u.id, username: u.username, fullName: u.fullName }] : [];
    });
  return { secretClerks: people(s.secretClerks), officeHeads: people(s.officeHeads), offlineMachine: s.offlineMachine };
}

export function saveSecrecy(app: AppContext, input: MethodParsed<'units.saveSecrecy'>): SecrecySettings {
  const pick = (names: string[], field: string, role: 'vanthu' | 'lanhdao', label: string) =>
    names.map((n, i) => {
      const m = account(app, n, `${field}.${i}`);
      if (!hasRole(userById(app.db, m.id), role)) throw new AppError('VALIDATION', `«${m.fullName}» không phải ${label}.`, { field: `${field}.${i}` });
      return m.id;
    });
  const secretClerks = pick(input.secretClerks, 'secretClerks', 'vanthu', 'văn thư');
  const officeHeads = pick(input.officeHeads, 'officeHeads', 'lanhdao', 'lãnh đạo');
  immediate(app.db, () => {
    saveStoredSecrecy(app.db, { secretClerks, officeHeads, offlineMachine: input.offlineMachine });
    audit(app, 'secrecy.settings', 'settings', null, { secretClerks: input.secretClerks, officeHeads: input.officeHeads, offlineMachine: input.offlineMachine });
  });
  return secrecySettings(app);
}
