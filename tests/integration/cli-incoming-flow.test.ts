import { describe, expect, it } from 'vitest';
import { addUser, call, sampleIncoming } from '../helpers/app';
import { provisionedDataDir, vanphong } from '../helpers/cli';

/** `vanphong incoming submit|instruct|assign|progress|finish`, each as the account that does it (--user). */
describe('vanphong incoming: trình, bút phê, phân công, tiến độ, kết quả', () => {
  it('goes from the văn thư to the chuyên viên and back, saying each step; a refusal exits 2 with its reason', async () => {
    let id = 0;
    const dir = await provisionedDataDir('vanphong-flow-', async (app, tester) => {
      await addUser(app, 'vt', ['vanthu'], 'Trần Văn Thư');
      await addUser(app, 'gd', ['lanhdao'], 'Nguyễn Văn An');
      await addUser(app, 'tp', ['chuyenvien'], 'Vũ Trưởng Phòng');
      await addUser(app, 'cv', ['chuyenvien'], 'Nguyễn Kế Toán');
      await addUser(app, 'hc', ['chuyenvien'], 'Đỗ Hành Chính');
      await call(app, 'units.save', { name: 'Phòng Kế toán', head: 'tp', members: ['cv'] }, tester);
      id = (await call(app, 'incoming.register', sampleIncoming({ docDate: '2026-01-05', arrivalDate: '2026-01-06' }), tester)).id;
    });
    const as = (user: string, args: string[]) => vanphong(['incoming', ...args, '--data-dir', dir, '--user', user]);

    const submitted = as('vt', ['submit', String(id), '--to', 'gd', '--note', 'Kính trình Giám đốc']);
    expect(submitted.err).toBe('');
    expect(submitted.out).toContain('Đã ghi «Trình lãnh đạo»');
    expect(submitted.out).toMatch(/Trình lãnh đạo: Trần Văn Thư → Nguyễn Văn An · «Kính trình Giám đốc»/);

    const instructed = as('gd', ['instruct', String(id), '--lead', 'phong ke toan', '--co', 'Đỗ Hành Chính;Công an huyện', '--working-days', '3', '--note', 'Giao Phòng Kế toán chủ trì', '--json']);
    expect(instructed.err).toBe('');
    const d = JSON.parse(instructed.out) as { status: string; lead: string; deadline: string; handlers: { name: string; kind: string }[] };
    expect(d).toMatchObject({ status: 'dang-xu-ly', lead: 'Phòng Kế toán' });
    expect(d.deadline).toMatch(/^\d{4}-\d\d-\d\d$/);
    expect(d.handlers.map((h) => `${h.name}:${h.kind}`)).toEqual(['Phòng Kế toán:unit', 'Đỗ Hành Chính:user', 'Công an huyện:text']);

    const assigned = as('tp', ['assign', String(id), '--to', 'cv', '--note', 'Đồng chí Kế Toán xử lý']);
    expect(assigned.out).toMatch(/Phân công: Vũ Trưởng Phòng → Phòng Kế toán → Nguyễn Kế Toán/);

    expect(as('cv', ['progress', String(id), '--percent', '50', '--note', 'Đang dự thảo']).out).toMatch(/Báo cáo tiến độ: Nguyễn Kế Toán · 50 % · «Đang dự thảo»/);
    const badReply = as('cv', ['finish', String(id), '--reply', '999']);
    expect(badReply.code).toBe(2);
    expect(badReply.err).toContain('Không tìm thấy văn bản đi có mã 999');
    const finished = as('cv', ['finish', String(id), '--note', 'Đã trả lời bằng điện thoại']);
    expect(finished.out).toContain('(Hoàn thành)');
    expect(finished.out.split('\n').filter((l) => /^ {2}\d/.test(l))).toHaveLength(5);
  }, 60_000);
});
