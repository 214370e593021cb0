import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventFor, eventsAfter, lastSeq } from '../../electron/live/service';
import type { Session } from '../../electron/app/caller';
import { addUser, call, tempApp } from '../helpers/app';
import { statePlan } from '../fixtures/sample-drafts';

/**
 * What the office server pushes (issue 13): every audit-log entry becomes an event naming what changed and never its
 * content; a notice goes to the person it concerns (the leader a draft is submitted to, the drafter when it comes
 * back, the people of a meeting), never to the one who acted, never to anyone else.
 */
let app: Awaited<ReturnType<typeof tempApp>>;
let cv: Session;
let ld: Session;
let vt: Session;
let other: Session;

beforeAll(async () => {
  app = await tempApp();
  cv = await addUser(app, 'binh', ['chuyenvien'], 'Trần Thị Bình');
  ld = await addUser(app, 'an', ['lanhdao'], 'Nguyễn Văn An');
  vt = await addUser(app, 'cuong', ['vanthu'], 'Lê Văn Cường');
  other = await addUser(app, 'dung', ['chuyenvien'], 'Phạm Văn Dũng');
});
afterAll(async () => {
  await app?.cleanup();
});

const plan = () => ({ ...statePlan(1), number: null, date: null, organ: 'Ủy ban nhân dân tỉnh Bắc Ninh', organAbbr: 'UBND', subject: 'triển khai chuyển đổi số năm 2026', recipients: [], archive: [], signature: { authority: 'TM.', onBehalfOf: 'Ủy ban nhân dân', title: 'Chủ tịch', name: 'Nguyễn Văn An' } });

/** The events after `seq` as each of the given users would receive them. */
function seen(after: number, ...who: Session[]) {
  const items = eventsAfter(app, after, 100);
  return who.map((s) => items.map((i) => eventFor(i, s.caller!.id)));
}

describe('live events', () => {
  it('tell the leader a draft was submitted to them, and the drafter when it comes back; nobody else gets a notice', async () => {
    const d = await call(app, 'drafts.save', { draft: plan() }, cv);
    const from = lastSeq(app);
    await call(app, 'outgoing.submit', { id: d.id, to: ld.caller!.id }, cv);
    const [forLeader, forDrafter, forOther] = seen(from, ld, cv, other);
    expect(forLeader).toHaveLength(1);
    expect(forLeader[0]).toMatchObject({ topic: 'drafts', action: 'outgoing.submit', entityId: d.id, by: 'binh', notice: { title: 'Trần Thị Bình trình văn bản chờ bạn duyệt', body: 'triển khai chuyển đổi số năm 2026' } });
    expect(forDrafter[0].notice).toBeUndefined();
    expect(forOther[0].notice).toBeUndefined();
    // What changed, never its content: the same event without the notice for everyone else.
    expect(Object.keys(forOther[0]).sort()).toEqual(['action', 'at', 'by', 'entityId', 'seq', 'topic']);

    const back = lastSeq(app);
    await call(app, 'outgoing.return', { id: d.id, comment: 'Bổ sung kinh phí' }, ld);
    const [drafter, leader, clerk] = seen(back, cv, ld, vt);
    expect(drafter[0].notice?.title).toBe('Văn bản bị trả lại');
    expect(leader[0].notice).toBeUndefined();
    expect(clerk[0].notice).toBeUndefined();
  });

  it('tell the chair and the participants of a meeting when it is added, moved or cancelled', async () => {
    const from = lastSeq(app);
    const r = await call(
      app,
      'meetings.save',
      { title: 'Giao ban tuần', start: '2026-11-23T08:00', end: '2026-11-23T10:00', chairId: ld.caller!.id, participants: [{ kind: 'person', userId: cv.caller!.id }] },
      vt,
    );
    const [chair, participant, clerk, outsider] = seen(from, ld, cv, vt, other);
    expect(chair[0].notice?.title).toBe('Lịch họp mới có bạn');
    expect(participant[0].notice?.body).toContain('Giao ban tuần');
    expect(clerk[0].notice).toBeUndefined(); // the one who acted
    expect(outsider[0].notice).toBeUndefined();
    const moved = lastSeq(app);
    await call(app, 'meetings.setStatus', { id: r.meeting.id, status: 'huy', reason: 'Lãnh đạo đi công tác' }, vt);
    const [p2] = seen(moved, cv);
    expect(p2.at(-1)?.notice?.title).toBe('Cuộc họp đã bị hủy');
  });
});
