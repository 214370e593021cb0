import { AppError } from '../../shared/api/result';
import type { MethodParsed } from '../../shared/api/contract';
import type { AccountStamp, OrganisationSettings, StampMeta } from '../../shared/settings/schemas';
import type { AppContext } from '../app/context';
import { immediate } from '../db/connection';
import { requireCaller } from '../app/caller';
import { hasRole } from '../../shared/auth/roles';
import { audit } from '../audit/record';
import { decodeStamp } from '../signing/appearance';
import { DEFAULT_SEAL_MM } from '../signing/placement';
import { organisation, storeOrganisation } from './organisation';
import * as repo from './repo';

/** Cài đặt: the organisation and the images that stand for the office (its seal) and its people (their signatures). */

const DEFAULT_SIGNATURE_MM = 40;

export function organisationSettings(app: AppContext): OrganisationSettings {
  return { ...organisation(app.db), seal: repo.stampMeta(app.db) };
}

export function saveOrganisation(app: AppContext, input: MethodParsed<'settings.saveOrganisation'>): OrganisationSettings {
  immediate(app.db, () => {
    storeOrganisation(app.db, input);
    audit(app, 'settings.organisation', 'settings', null, { name: input.name, profile: input.profile, ...(input.organId ? { organId: input.organId } : {}) });
  });
  return organisationSettings(app);
}

export function stamps(app: AppContext): { seal: StampMeta | null; accounts: AccountStamp[] } {
  return { seal: repo.stampMeta(app.db), accounts: repo.accountStamps(app.db) };
}

function requireAccount(app: AppContext, userId: number | undefined): void {
  if (userId !== undefined && !repo.userExists(app.db, userId)) throw new AppError('NOT_FOUND', 'Không có tài khoản này.', { field: 'userId' });
}

export function stampImage(app: AppContext, input: MethodParsed<'settings.stampImage'>): { png: Uint8Array } {
  // The images that sign for the office are not handed to everyone: the quản trị sees them all, the văn thư the seal
  // it stamps, an account its own signature.
  const c = requireCaller();
  const may = hasRole(c, 'quantri') || (input.userId === undefined ? hasRole(c, 'vanthu') : input.userId === c.id);
  if (!may) throw new AppError('FORBIDDEN', 'Chỉ quản trị, văn thư (con dấu) hoặc chính người ký (chữ ký của mình) xem được ảnh này.');
  const s = repo.stampPng(app.db, input.userId);
  if (!s) throw new AppError('NOT_FOUND', input.userId === undefined ? 'Chưa có ảnh con dấu.' : 'Tài khoản này chưa có ảnh chữ ký.');
  return { png: s.png };
}

export function setStamp(app: AppContext, input: MethodParsed<'settings.setStamp'>): StampMeta {
  requireAccount(app, input.userId);
  const img = decodeStamp(input.png);
  if (!img.alpha) throw new AppError('VALIDATION', 'Ảnh phải có nền trong suốt (PNG có kênh alpha), theo Nghị định 30/2020/NĐ-CP.', { field: 'png' });
  const seal = input.userId === undefined;
  const declared = img.widthMm && img.widthMm >= 5 && img.widthMm <= 120 ? Math.round(img.widthMm * 10) / 10 : undefined;
  const widthMm = input.widthMm ?? declared ?? (seal ? DEFAULT_SEAL_MM : DEFAULT_SIGNATURE_MM);
  immediate(app.db, () => {
    repo.upsertStamp(app.db, { userId: input.userId, png: input.png, widthPx: img.width, heightPx: img.height, widthMm }, app.nowIso());
    audit(app, 'stamp.set', seal ? 'seal' : 'signature', input.userId ?? null, { widthMm });
  });
  return repo.stampMeta(app.db, input.userId)!;
}

export function removeStamp(app: AppContext, input: MethodParsed<'settings.removeStamp'>): { deleted: true } {
  requireAccount(app, input.userId);
  immediate(app.db, () => {
    if (!repo.deleteStamp(app.db, input.userId)) throw new AppError('NOT_FOUND', 'Chưa có ảnh.');
    audit(app, 'stamp.remove', input.userId === undefined ? 'seal' : 'signature', input.userId ?? null);
  });
  return { deleted: true };
}
