import { describe, expect, it } from 'vitest';
import { addUser, call } from '../helpers/app';
import { provisionedDataDir, vanphong } from '../helpers/cli';

describe('vanphong tasks', () => {
  it('gives a unit a task in working days, takes the handler’s progress and result, and the giver finishes it', async () => {
    const dir = await provisionedDataDir('vanphong-tasks-', async (app, tester) => {
      await addUser(app, 'hoa', ['chuyenvien'], 'Lê Thị Hoa');
      await call(app, 'units.save', { name: 'Phòng Tổng hợp', members: ['hoa'] }, tester);
    });
    const add = vanphong(['tasks', 'add', '--title', 'Báo cáo quý I', '--lead', 'phong tong hop', '--co', 'Sở Tài chính', '--working-days', '3', '--data-dir', dir]);
    // A handful of processes (each opens the folder and logs in): bad input is the API tests' (tasks.test.ts).
    expect(add.err).toBe('');
    expect(add.out).toMatch(/^Đã giao việc #1: Báo cáo quý I — chủ trì: Phòng Tổng hợp, hạn \d\d\/\d\d\/\d{4}\.$/m);

    const asHoa = { VANPHONG_USER: 'hoa' };
    expect(vanphong(['tasks', 'update', '1', '--progress', '80', '--note', 'Đã có số liệu', '--data-dir', dir], asHoa).out).toContain('Đã cập nhật: #1');
    expect(vanphong(['tasks', 'done', '1', '--note', 'Gửi báo cáo', '--data-dir', dir], asHoa).out).toBe('Đã trình kết quả, chờ người giao việc duyệt: #1 Báo cáo quý I.\n');
    expect(vanphong(['tasks', 'done', '1', '--data-dir', dir]).out).toBe('Đã hoàn thành: #1 Báo cáo quý I.\n');

    const dash = JSON.parse(vanphong(['tasks', 'dashboard', '--unit', 'Phòng Tổng hợp', '--json', '--data-dir', dir]).out);
    expect(dash.units).toEqual([{ unitId: 1, name: 'Phòng Tổng hợp', total: 1, onTime: 1, late: 0, open: 0, overdue: 0 }]);
  }, 60_000);
});
