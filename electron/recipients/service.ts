import { AppError } from '../../shared/api/result';
import type { MethodParsed } from '../../shared/api/contract';
import type { DirectoryImportReport, RecipientGroup, RecipientList, ResolvedEntry } from '../../shared/recipients/schemas';
import type { AppContext } from '../app/context';
import { immediate } from '../db/connection';
import { audit } from '../audit/record';
import { currentActor } from '../app/caller';
import { hasRole } from '../../shared/auth/roles';
import * as directory from '../directory/repo';
import * as repo from './repo';
import { parseOrRefuse } from '../parsing/untrusted';
import type { DirectoryImportResult } from './import-rows';

/** Nơi nhận: groups, saved lists and the directory import; the directory itself grows from the registers too. */

export function saveGroup(app: AppContext, input: MethodParsed<'recipients.saveGroup'>): RecipientGroup {
  const id = immediate(app.db, () => {
    for (const m of input.memberIds) if (!directory.getOrganization(app.db, m)) throw new AppError('NOT_FOUND', `Không có cơ quan mã ${m} trong danh bạ.`, { field: 'memberIds' });
    const other = repo.groupIdByName(app.db, input.name);
    if (other !== undefined && other !== input.id) throw new AppError('DUPLICATE', `Đã có nhóm «${input.name}».`, { field: 'name' });
    const id = repo.upsertGroup(app.db, input, app.nowIso());
    repo.setGroupMembers(app.db, id, input.memberIds);
    audit(app, 'recipients.group', 'recipient_group', id, { name: input.name, members: input.memberIds.length });
    return id;
  });
  return repo.groupById(app.db, id)!;
}

/** A saved list is changed or deleted by whoever made it, or by the văn thư and the administrator who keep the directory. */
function requireListOwner(app: AppContext, id: number): RecipientList {
  const l = repo.listById(app.db, id);
  if (!l) throw new AppError('NOT_FOUND', 'Không có danh sách này.');
  const who = currentActor();
  if (l.createdBy !== null && who && l.createdBy !== who.id && !hasRole(who, 'vanthu', 'quantri')) {
    throw new AppError('FORBIDDEN', `Danh sách «${l.name}» do người khác lập: chỉ người lập, văn thư hoặc quản trị sửa, xóa được.`);
  }
  return l;
}

export function saveList(app: AppContext, input: MethodParsed<'recipients.saveList'>): RecipientList {
  const id = immediate(app.db, () => {
    if (input.id !== undefined) requireListOwner(app, input.id);
    const other = repo.listIdByName(app.db, input.name);
    if (other !== undefined && other !== input.id) throw new AppError('DUPLICATE', `Đã có danh sách «${input.name}».`, { field: 'name' });
    for (const [i, e] of input.entries.entries()) {
      const missing = e.kind === 'organization' ? !directory.getOrganization(app.db, e.id) : e.kind === 'group' ? !repo.groupById(app.db, e.id) : false;
      if (missing) throw new AppError('NOT_FOUND', `Nơi nhận thứ ${i + 1} không còn trong danh bạ.`, { field: `entries.${i}` });
    }
    const id = repo.upsertList(app.db, input, currentActor()?.id ?? null, app.nowIso());
    audit(app, 'recipients.list', 'recipient_list', id, { name: input.name, entries: input.entries.length });
    return id;
  });
  return repo.listById(app.db, id)!;
}

export function deleteList(app: AppContext, id: number): { deleted: true } {
  immediate(app.db, () => {
    const l = requireListOwner(app, id);
    repo.deleteList(app.db, id);
    audit(app, 'recipients.list', 'recipient_list', id, { name: l.name, deleted: true });
  });
  return { deleted: true };
}

/** The names a saved list prints, from the directory as it is today (a renamed organisation prints its new name). */
export function resolveList(app: AppContext, id: number): ResolvedEntry[] {
  const list = repo.listById(app.db, id);
  if (!list) throw new AppError('NOT_FOUND', 'Không có danh sách nơi nhận này.', { field: 'id' });
  return list.entries.map((e): ResolvedEntry => {
    const purpose = e.purpose || null;
    if (e.kind === 'text') return { lines: [e.text], purpose, organizationIds: [] };
    if (e.kind === 'organization') {
      const o = directory.getOrganization(app.db, e.id);
      return { lines: o ? [o.name] : [], purpose, organizationIds: o ? [o.id] : [] };
    }
    const g = repo.groupById(app.db, e.id);
    if (!g) return { lines: [], purpose, organizationIds: [] };
    return { lines: e.expand ? g.members.map((m) => m.name) : [g.name], purpose, organizationIds: g.members.map((m) => m.id) };
  });
}

/**
 * Imports a directory file (CSV or XLSX): new organisations are added, known ones (same name) get the details they
 * lacked, units are linked to their parent, groups are created as named. Bad rows are reported and skipped; the good
 * ones go in one transaction.
 */
export async function importDirectory(app: AppContext, input: MethodParsed<'recipients.import'>): Promise<DirectoryImportReport> {
  // The file comes from outside: parsed in the parse worker, under its time and memory limits (electron/parsing/).
  // exceljs, jszip and csv-parse load there, and only when a directory file is imported.
  const parsed = await parseOrRefuse<DirectoryImportResult>('recipients.directory', { name: input.fileName, data: input.data }, {
    name: input.fileName,
    local: async () => (await import('./import-file')).parseDirectoryFile(input.fileName, input.data),
  });
  const issues = [...parsed.issues];
  let added = 0;
  let updated = 0;
  const groupsTouched = new Set<number>();
  immediate(app.db, () => {
    const now = app.nowIso();
    const ids = new Map<string, number>();
    for (const r of parsed.rows) {
      const taken = r.organId ? directory.organizationByOrganId(app.db, r.organId) : undefined;
      const existing = directory.findOrganizationByName(app.db, r.name);
      if (taken && taken.id !== existing?.id) {
        issues.push({ line: r.line, field: 'organId', message: `Mã định danh ${r.organId} đã thuộc «${taken.name}».` });
        continue;
      }
      const details = { shortName: r.shortName, organId: r.organId, address: r.address, email: r.email };
      if (existing) {
        directory.updateOrganization(app.db, existing.id, details);
        ids.set(directory.folded(r.name), existing.id);
        updated++;
      } else {
        ids.set(directory.folded(r.name), directory.insertOrganization(app.db, { name: r.name, ...details }, now).id);
        added++;
      }
    }
    for (const r of parsed.rows) {
      const id = ids.get(directory.folded(r.name));
      if (id === undefined) continue;
      if (r.parent) {
        const parent = ids.get(directory.folded(r.parent)) ?? directory.findOrganizationByName(app.db, r.parent)?.id ?? directory.insertOrganization(app.db, { name: r.parent }, now).id;
        directory.updateOrganization(app.db, id, { parentId: parent });
      }
      for (const g of r.groups) {
        const gid = repo.groupIdByName(app.db, g) ?? repo.upsertGroup(app.db, { name: g }, now);
        repo.addGroupMember(app.db, gid, id);
        groupsTouched.add(gid);
      }
    }
    audit(app, 'recipients.import', 'organization', null, { file: input.fileName, added, updated, groups: groupsTouched.size, skipped: issues.length });
  });
  return { added, updated, groups: groupsTouched.size, issues };
}
