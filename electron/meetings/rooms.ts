import { AppError } from '../../shared/api/result';
import type { MethodParsed } from '../../shared/api/contract';
import type { Room } from '../../shared/meetings/schemas';
import type { AppContext } from '../app/context';
import { immediate } from '../db/connection';
import { audit } from '../audit/record';
import * as repo from './repo';

/** Phòng họp: names are unique whatever their diacritics or case; a room in use is retired, never deleted. */
export function saveRoom(app: AppContext, input: MethodParsed<'rooms.save'>): Room {
  return immediate(app.db, () => {
    const same = repo.roomByName(app.db, input.name);
    if (same && same.id !== input.id) throw new AppError('DUPLICATE', `Đã có phòng «${same.name}».`, { field: 'name' });
    const r = { name: input.name, capacity: input.capacity, location: input.location ?? '', active: input.active };
    let id = input.id;
    if (id === undefined) id = repo.insertRoom(app.db, r, app.nowIso());
    else if (!repo.getRoom(app.db, id)) throw new AppError('NOT_FOUND', `Không có phòng họp số ${id}.`);
    else repo.updateRoom(app.db, id, r);
    audit(app, 'room.save', 'room', id, { name: r.name, active: r.active });
    return repo.getRoom(app.db, id)!;
  });
}
