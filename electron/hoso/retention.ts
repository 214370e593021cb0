import { AppError } from '../../shared/api/result';
import type { MethodParsed } from '../../shared/api/contract';
import { belowFloor, retentionLabel, type RetentionFloor } from '../../shared/hoso/rules';
import { RETENTION_GROUPS, RETENTION_TT10, TT10_SOURCE } from '../../shared/hoso/retention-tt10';
import type { RetentionRow } from '../../shared/hoso/schemas';
import { foldVietnamese } from '../../shared/text/fold';
import type { AppContext } from '../app/context';
import { immediate } from '../db/connection';
import { audit } from '../audit/record';
import * as repo from './retention-repo';

/**
 * The table of thời hạn bảo quản (Thông tư 10/2022/TT-BNV): the circular's rows as shipped, and the office's own
 * (Cơ quan bổ sung). A period may be lengthened, never set below the circular's for that kind (refused with the
 * minimum named); the circular's wording stays as published.
 */
const floorOf = (r: repo.RetentionDbRow): RetentionFloor | null =>
  r.min_permanent ? { years: null, permanent: true } : r.min_years !== null ? { years: r.min_years, permanent: false } : null;

/**
 * An office row without a base (a kind the circular does not name) may not be kept shorter than the circular's shortest
 * period (5 years): the floor is stored with the row, so a later change cannot go below it either.
 */
export const OFFICE_FLOOR: RetentionFloor = {
  years: Math.min(...RETENTION_TT10.flatMap((r) => (r.years === null ? [] : [r.years]))),
  permanent: false,
};

export function toRetentionRow(r: repo.RetentionDbRow): RetentionRow {
  const floor = floorOf(r);
  return {
    id: r.id,
    code: r.code,
    group: r.group_no,
    groupName: r.group_name,
    title: r.title,
    years: r.years,
    label: retentionLabel(r.years),
    source: r.source,
    baseCode: r.base_code,
    minimum: floor ? retentionLabel(floor.permanent ? null : floor.years) : null,
  };
}

export function listRetention(app: AppContext): RetentionRow[] {
  return repo.listRetention(app.db).map(toRetentionRow);
}

/** A row by its code, or a VALIDATION error on `field`. */
export function requireRetention(app: AppContext, code: string, field = 'retention'): repo.RetentionDbRow {
  const r = repo.retentionByCode(app.db, code);
  if (!r) throw new AppError('VALIDATION', `Không có dòng «${code}» trong bảng thời hạn bảo quản.`, { field });
  return r;
}

export function addRetention(app: AppContext, input: MethodParsed<'retention.add'>): RetentionRow {
  const id = immediate(app.db, () => {
    const base = input.base === undefined ? undefined : requireRetention(app, input.base, 'base');
    if (base && base.source !== TT10_SOURCE) throw new AppError('VALIDATION', `«${base.code}» không phải một dòng của Thông tư 10/2022/TT-BNV: chọn dòng của thông tư.`, { field: 'base' });
    const floor = (base ? floorOf(base) : null) ?? OFFICE_FLOOR;
    const refused = belowFloor(input.years, floor, base?.title ?? input.title);
    if (refused) throw new AppError('VALIDATION', refused, { field: 'years' });
    const code = input.code ?? repo.nextOfficeCode(app.db);
    if (repo.retentionByCode(app.db, code)) throw new AppError('DUPLICATE', `Đã có dòng mã «${code}».`, { field: 'code' });
    const group = input.group ?? base?.group_no ?? 14;
    const id = repo.insertRetention(
      app.db,
      {
        code,
        group,
        groupName: repo.groupName(app.db, group) ?? RETENTION_GROUPS[group] ?? `Nhóm ${group}`,
        title: input.title,
        titleFolded: foldVietnamese(input.title),
        years: input.years,
        baseId: base?.id ?? null,
        minYears: floor.years,
        minPermanent: floor.permanent,
      },
      app.nowIso(),
    );
    audit(app, 'retention.add', 'retention', id, { ref: code, name: input.title, retention: retentionLabel(input.years), ...(base ? { base: base.code } : {}) });
    return id;
  });
  return toRetentionRow(repo.retentionById(app.db, id)!);
}

export function updateRetention(app: AppContext, input: MethodParsed<'retention.update'>): RetentionRow {
  immediate(app.db, () => {
    const r = repo.retentionById(app.db, input.id);
    if (!r) throw new AppError('NOT_FOUND', `Không có dòng mã ${input.id} trong bảng thời hạn bảo quản.`, { field: 'id' });
    if (input.title !== undefined && input.title !== r.title && r.source === TT10_SOURCE)
      throw new AppError('VALIDATION', 'Tên một dòng của Thông tư 10/2022/TT-BNV giữ như văn bản ban hành: thêm một dòng của cơ quan để ghi khác.', { field: 'title' });
    const years = input.years === undefined ? r.years : input.years;
    const refused = belowFloor(years, floorOf(r), r.title);
    if (refused) throw new AppError('VALIDATION', refused, { field: 'years' });
    const title = input.title ?? r.title;
    const now = app.nowIso();
    repo.updateRetention(app.db, r.id, { title, titleFolded: foldVietnamese(title), years }, now);
    const open = years !== r.years ? repo.followRetention(app.db, r.id, years, now) : 0;
    audit(app, 'retention.update', 'retention', r.id, { ref: r.code, ...(title !== r.title ? { name: title } : {}), retention: retentionLabel(years), openHoso: open });
  });
  return toRetentionRow(repo.retentionById(app.db, input.id)!);
}
