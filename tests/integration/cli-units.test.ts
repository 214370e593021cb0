import { describe, expect, it } from 'vitest';
import { addUser } from '../helpers/app';
import { provisionedDataDir, vanphong } from '../helpers/cli';

describe('vanphong units', () => {
  it('adds a unit with its head and members, routes to it by name, and says who reads secret documents', async () => {
    const dir = await provisionedDataDir('vanphong-units-', async (app) => {
      await addUser(app, 'hoa', ['chuyenvien'], 'Lê Thị Hoa');
      await addUser(app, 'nam', ['chuyenvien'], 'Trần Văn Nam');
      await addUser(app, 'ld', ['lanhdao'], 'Phạm Giám Đốc');
    });
    const add = vanphong(['units', 'add', 'Phòng Tổng hợp', '--head', 'nam', '--member', 'hoa', '--data-dir', dir]);
    expect(add.err).toBe('');
    expect(add.out).toMatch(/^Đã thêm đơn vị «Phòng Tổng hợp» \(mã \d+\): 1 thành viên, trưởng đơn vị Trần Văn Nam\.$/m);
    const bad = vanphong(['units', 'add', 'Phòng Kế toán', '--member', 'khong-co', '--data-dir', dir]);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('Không có tài khoản «khong-co»');
    expect(vanphong(['units', 'add', 'PHÒNG TỔNG HỢP', '--data-dir', dir]).code).toBe(2);

    const doc = vanphong(['incoming', 'add', '--subject', 'Về việc báo cáo quý I', '--sender', 'Sở Nội vụ', '--ref', '5/SNV', '--date', '2026-03-02', '--json', '--data-dir', dir]);
    const id = JSON.parse(doc.out).id as number;
    const routed = vanphong(['incoming', 'route', String(id), '--lead', 'phong tong hop', '--co', 'Công an huyện', '--info', 'Phạm Giám Đốc', '--data-dir', dir]);
    expect(routed.code).toBe(0);
    expect(routed.out).toContain('  Chủ trì: Phòng Tổng hợp (đơn vị)');
    expect(routed.out).toContain('  Phối hợp: Công an huyện (ngoài cơ quan)');
    expect(routed.out).toContain('  Để biết: Phạm Giám Đốc (tài khoản)');

    const secrecy = vanphong(['units', 'secrecy', '--office-head', 'ld', '--data-dir', dir]);
    expect(secrecy.out).toContain('Thủ trưởng cơ quan: Phạm Giám Đốc (ld)');
    expect(secrecy.out).toContain('Văn thư giữ sổ mật: chưa chọn — mọi văn thư');
    expect(vanphong(['units', 'secrecy', '--office-head', 'hoa', '--data-dir', dir]).err).toContain('không phải lãnh đạo');
    // A unit with a document still waiting for it is not removed (the API says what to do first); an idle one is.
    const idOf = (out: string) => Number(/\(mã (\d+)\)/.exec(out)![1]);
    const busy = vanphong(['units', 'remove', String(idOf(add.out)), '--data-dir', dir]);
    expect(busy.code).toBe(1);
    expect(busy.err).toContain('còn 1 việc, văn bản đang chờ xử lý');
    const idle = vanphong(['units', 'add', 'Phòng Lưu trữ', '--data-dir', dir]);
    expect(vanphong(['units', 'remove', String(idOf(idle.out)), '--data-dir', dir]).out).toContain('Đã xóa đơn vị mã');
    const list = vanphong(['units', 'list', '--data-dir', dir]);
    expect(list.out).toMatch(/Phòng Tổng hợp — trưởng: Trần Văn Nam \(nam\); thành viên: hoa/);
    expect(list.out).not.toContain('Phòng Lưu trữ');
  });
});
