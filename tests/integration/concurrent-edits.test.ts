import { afterEach, describe, expect, it } from 'vitest';
import { addUser, call, callErr, fixedClock, loginAs, rowsCount, sampleIncoming, tempApp } from '../helpers/app';
import type { AppContext } from '../../electron/app/context';
import { statePlan } from '../fixtures/sample-drafts';

/**
 * Issue 13, "Live work": two desks open the same draft, meeting or incoming record and both save with the updatedAt
 * they read. The first save wins; the second is refused (CONFLICT on expectedUpdatedAt) with who changed it and when,
 * and writes nothing. A save without expectedUpdatedAt (a script) still overwrites, as before.
 */
const clock = fixedClock();
let app: Awaited<ReturnType<typeof tempApp>>;
afterEach(async () => {
  await app?.cleanup();
  clock.set(new Date('2026-03-15T03:00:00.000Z'));
});

/** The audit log's entries for one record, by action (as the tester, who holds every role). */
async function auditActions(a: AppContext, entity: string, entityId: number): Promise<string[]> {
  return (await call(a, 'audit.list', { entity, entityId })).map((e) => e.action).reverse();
}

const TAIL = 'sau khi bạn mở. Bản của bạn chưa được lưu: hãy sao lại phần đã sửa, mở lại bản mới rồi gộp.';

describe('concurrent edits: the second save of a stale copy is refused', () => {
  it('a draft open at two desks of its drafter, even within the same millisecond', async () => {
    app = await tempApp({ clock: clock.clock });
    await addUser(app, 'binh', ['chuyenvien'], 'Trần Thị Bình');
    const deskA = await loginAs(app, 'binh');
    const deskB = await loginAs(app, 'binh');
    const created = await call(app, 'drafts.save', { draft: statePlan(1) }, deskA);
    const readA = await call(app, 'drafts.get', { id: created.id }, deskA);
    const readB = await call(app, 'drafts.get', { id: created.id }, deskB);
    expect(readB.updatedAt).toBe(readA.updatedAt);

    // The clock does not move: the stamp still does, so the stale copy cannot match the new version.
    const first = await call(app, 'drafts.save', { id: created.id, draft: { ...readA.draft, subject: 'Bản của bàn A' }, expectedUpdatedAt: readA.updatedAt }, deskA);
    expect(first.updatedAt > readA.updatedAt).toBe(true);
    const refused = await callErr(app, 'drafts.save', { id: created.id, draft: { ...readB.draft, subject: 'Bản của bàn B' }, expectedUpdatedAt: readB.updatedAt }, deskB);
    expect(refused).toMatchObject({ code: 'CONFLICT', field: 'expectedUpdatedAt' });
    expect(refused.message).toBe(`Bản dự thảo đã được Trần Thị Bình (chính bạn, ở một cửa sổ hoặc máy khác) sửa lúc 10:00 ngày 15/03/2026, ${TAIL}`);
    expect(refused.details).toMatchObject({ updatedAt: first.updatedAt, by: { username: 'binh', fullName: 'Trần Thị Bình' } });

    const stored = await call(app, 'drafts.get', { id: created.id }, deskA);
    expect(stored.draft).toEqual(first.draft);
    expect(stored.updatedAt).toBe(first.updatedAt);
    expect(await auditActions(app, 'draft', created.id)).toEqual(['draft.create', 'draft.update']);

    // Merged onto the newer version, it saves; a script without the field overwrites whatever is there.
    const merged = await call(app, 'drafts.save', { id: created.id, draft: { ...stored.draft, subject: 'Bản đã gộp' }, expectedUpdatedAt: stored.updatedAt }, deskB);
    expect(merged.subject).toBe('Bản đã gộp');
    const script = await call(app, 'drafts.save', { id: created.id, draft: { ...stored.draft, subject: 'Bản của kịch bản' } }, deskA);
    expect(script.subject).toBe('Bản của kịch bản');
    expect(await auditActions(app, 'draft', created.id)).toEqual(['draft.create', 'draft.update', 'draft.update', 'draft.update']);
  });

  it('a meeting edited by a leader and the văn thư', async () => {
    app = await tempApp({ clock: clock.clock });
    const leader = await addUser(app, 'chutich', ['lanhdao'], 'Nguyễn Văn An', { title: 'Chủ tịch' });
    const clerk = await addUser(app, 'vanthu', ['vanthu'], 'Lê Thị Hoa');
    const member = await addUser(app, 'chuyenvien', ['chuyenvien'], 'Phạm Văn Cường');
    const room = (await call(app, 'rooms.save', { name: 'Phòng họp số 1', capacity: 30 })).id;
    const base = { title: 'Giao ban tuần', start: '2026-03-23T08:00', end: '2026-03-23T10:00', roomId: room };
    const { meeting } = await call(app, 'meetings.save', base, clerk);
    const readLeader = await call(app, 'meetings.get', { id: meeting.id }, leader);
    const readClerk = await call(app, 'meetings.get', { id: meeting.id }, clerk);

    clock.set(new Date('2026-03-15T03:32:00.000Z'));
    const first = await call(app, 'meetings.save', { ...base, id: meeting.id, title: 'Giao ban tuần (dời giờ)', start: '2026-03-23T14:00', end: '2026-03-23T16:00', expectedUpdatedAt: readLeader.updatedAt }, leader);
    clock.advance(60_000);
    const refused = await callErr(
      app,
      'meetings.save',
      { ...base, id: meeting.id, title: 'Giao ban tuần mở rộng', participants: [{ kind: 'person', userId: member.caller!.id }], expectedUpdatedAt: readClerk.updatedAt },
      clerk,
    );
    expect(refused).toMatchObject({ code: 'CONFLICT', field: 'expectedUpdatedAt' });
    expect(refused.message).toBe(`Cuộc họp đã được Nguyễn Văn An sửa lúc 10:32 ngày 15/03/2026, ${TAIL}`);

    const stored = await call(app, 'meetings.get', { id: meeting.id });
    expect(stored).toEqual(first.meeting);
    expect(stored.participants).toEqual([]);
    expect(rowsCount(app, 'meeting_participants')).toBe(0);
    expect(await auditActions(app, 'meeting', meeting.id)).toEqual(['meeting.create', 'meeting.update']);

    const script = await call(app, 'meetings.save', { ...base, id: meeting.id, title: 'Giao ban tuần (kịch bản)' }, clerk);
    expect(script.meeting.title).toBe('Giao ban tuần (kịch bản)');
    expect(script.meeting.updatedAt > stored.updatedAt).toBe(true);
  });

  it('an incoming record corrected by two văn thư, and one routed after it was opened', async () => {
    app = await tempApp({ clock: clock.clock });
    const hoa = await addUser(app, 'hoa', ['vanthu'], 'Nguyễn Thị Hoa');
    const dung = await addUser(app, 'dung', ['vanthu'], 'Phạm Văn Dũng');
    const doc = await call(app, 'incoming.register', sampleIncoming(), hoa);
    const readHoa = await call(app, 'incoming.get', { id: doc.id }, hoa);
    const readDung = await call(app, 'incoming.get', { id: doc.id }, dung);
    expect(readHoa.updatedAt).toBe(doc.updatedAt);

    clock.set(new Date('2026-03-15T03:05:00.000Z'));
    const first = await call(app, 'incoming.update', { id: doc.id, subject: 'Trích yếu đã sửa của chị Hoa', expectedUpdatedAt: readHoa.updatedAt }, hoa);
    clock.advance(120_000);
    const refused = await callErr(
      app,
      'incoming.update',
      { id: doc.id, subject: 'Trích yếu của anh Dũng', note: 'Ghi chú mới', attachments: [{ name: 'scan.txt', data: new TextEncoder().encode('bản quét') }], expectedUpdatedAt: readDung.updatedAt },
      dung,
    );
    expect(refused).toMatchObject({ code: 'CONFLICT', field: 'expectedUpdatedAt' });
    expect(refused.message).toBe(`Văn bản đến đã được Nguyễn Thị Hoa sửa lúc 10:05 ngày 15/03/2026, ${TAIL}`);

    const stored = await call(app, 'incoming.get', { id: doc.id }, hoa);
    expect(stored).toEqual(first);
    expect(stored.subject).toBe('Trích yếu đã sửa của chị Hoa');
    expect(rowsCount(app, 'incoming_attachments')).toBe(0);
    expect(rowsCount(app, 'blobs')).toBe(0);
    expect(await auditActions(app, 'incoming', doc.id)).toEqual(['incoming.register', 'incoming.update']);

    // Routing moves the record on too: a form opened before it is refused, naming who routed it.
    const leader = await addUser(app, 'an', ['lanhdao'], 'Nguyễn Văn An');
    clock.set(new Date('2026-03-15T07:45:00.000Z'));
    await call(app, 'incoming.route', { id: doc.id, lead: 'Phòng Tổng hợp' }, leader);
    const late = await callErr(app, 'incoming.update', { id: doc.id, note: 'Ghi chú', expectedUpdatedAt: stored.updatedAt }, dung);
    expect(late.message).toBe(`Văn bản đến đã được Nguyễn Văn An sửa lúc 14:45 ngày 15/03/2026, ${TAIL}`);

    // Without expectedUpdatedAt (the CLI, scripts), the last write wins as before.
    const script = await call(app, 'incoming.update', { id: doc.id, subject: 'Trích yếu của anh Dũng' }, dung);
    expect(script.subject).toBe('Trích yếu của anh Dũng');
  });

  it('an expectedUpdatedAt that is not a time is refused as bad input', async () => {
    app = await tempApp({ clock: clock.clock });
    const d = await call(app, 'drafts.save', { draft: statePlan(1) });
    expect(await callErr(app, 'drafts.save', { id: d.id, draft: statePlan(1), expectedUpdatedAt: 'hôm qua' })).toMatchObject({ code: 'VALIDATION', field: 'expectedUpdatedAt' });
  });
});
