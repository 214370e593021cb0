import type { AppContext } from '../../electron/app/context';
import { dispatch } from '../../electron/api/dispatch';
import { hashPassword } from '../../electron/auth/passwords';
import { insertUser, toCaller } from '../../electron/auth/repo';
import { immediate } from '../../electron/db/connection';
import type { Session } from '../../electron/app/caller';
import type { IncomingList } from '../../shared/incoming/schemas';
import { benchSession } from './session';
import { percentile } from './stats';

type Emit = (name: string, value: number, unit: string) => void;

async function ok<T>(app: AppContext, name: string, input: unknown, session?: Session): Promise<T> {
  const r = await dispatch(app, name, input, session ?? (await benchSession(app)));
  if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
  return r.value as T;
}

async function p50(fn: () => Promise<unknown>, rounds = 30): Promise<number> {
  await fn();
  const ms: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    await fn();
    ms.push(performance.now() - t0);
  }
  return percentile(ms, 50);
}

/**
 * The register beside the figures of bench.ts (issue 15): the page after one half-way down, by keyset, as the virtual
 * list asks for it while scrolling; and the dashboard of a chuyên viên (counted from their own documents, not from the
 * tallies), who has 200 documents routed to them.
 */
export async function benchRegisterPaging(app: AppContext, emit: Emit, total: number): Promise<void> {
  const half = await ok<IncomingList>(app, 'incoming.list', { sort: 'arrivalDate', order: 'desc', offset: Math.floor(total / 2), limit: 100, withTotal: false });
  emit('register_view.deep_page_keyset_500k_p50', await p50(() => ok(app, 'incoming.list', { sort: 'arrivalDate', order: 'desc', after: half.nextCursor, limit: 100, withTotal: false })), 'ms');
  const bySubject = await ok<IncomingList>(app, 'incoming.list', { sort: 'subject', order: 'asc', offset: Math.floor(total / 2), limit: 100, withTotal: false });
  emit('register_view.deep_page_keyset_by_subject_p50', await p50(() => ok(app, 'incoming.list', { sort: 'subject', order: 'asc', after: bySubject.nextCursor, limit: 100, withTotal: false })), 'ms');

  const passwordHash = await hashPassword('bench-password');
  const cv = immediate(app.db, () => {
    const u = insertUser(app.db, { username: 'bench-cv', fullName: 'Chuyên Viên Bench', roles: ['chuyenvien'], passwordHash }, app.nowIso());
    const add = app.db.prepare(`INSERT INTO incoming_handlers (doc_id, role, user_id, name, name_folded) VALUES (?, 'lead', ?, 'Chuyên Viên Bench', 'chuyen vien bench')`);
    for (let i = 0; i < 200; i++) add.run(1 + Math.floor((i * total) / 200), u.id);
    return u;
  });
  const session: Session = { caller: toCaller(cv) };
  const t0 = performance.now();
  await ok(app, 'dashboard.summary', {}, session);
  emit('dashboard.summary_chuyenvien', performance.now() - t0, 'ms');
}
