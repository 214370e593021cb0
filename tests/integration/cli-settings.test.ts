import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { addUser, tempDir } from '../helpers/app';
import { provisionedDataDir, vanphong } from '../helpers/cli';
import { sealPng, signaturePng } from '../helpers/stamp-images';

describe('vanphong settings', () => {
  it('keeps the organisation: refuses a bad mã định danh and changes nothing, saves the rest, and the seal and signatures by account', async () => {
    const dir = await provisionedDataDir('vanphong-settings-', async (app) => {
      await addUser(app, 'an', ['lanhdao'], 'Nguyễn Văn An');
    });
    const before = vanphong(['settings', 'organ', '--data-dir', dir]);
    expect(before.code).toBe(0);
    expect(before.out).toContain('chưa lưu');

    const bad = vanphong(['settings', 'organ', '--name', 'Sở Nội vụ', '--organ-id', '12.34', '--data-dir', dir]);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('Mã định danh gồm 13 ký tự');
    expect(vanphong(['settings', 'organ', '--name', 'Sở Nội vụ', '--profile', 'dang', '--data-dir', dir]).err).toContain('--profile phải là state');
    expect(vanphong(['settings', 'organ', '--data-dir', dir]).out).toContain('chưa lưu');

    const ok = vanphong(['settings', 'organ', '--name', 'Sở Nội vụ', '--parent', 'Ủy ban nhân dân tỉnh Bắc Ninh', '--abbr', 'SNV', '--place', 'Bắc Ninh', '--organ-id', '000.00.12.h06', '--profile', 'state', '--data-dir', dir]);
    expect(ok.err).toBe('');
    expect(ok.out).toContain('Đã lưu thông tin cơ quan.');
    expect(ok.out).toMatch(/Mã định danh:\s+000\.00\.12\.H06/);
    expect(ok.out).toMatch(/Con dấu:\s+chưa có ảnh/);
    // One option changes one field; the rest stay.
    const json = JSON.parse(vanphong(['settings', 'organ', '--place', 'TP. Bắc Ninh', '--json', '--data-dir', dir]).out);
    expect(json).toMatchObject({ configured: true, name: 'Sở Nội vụ', abbr: 'SNV', place: 'TP. Bắc Ninh', organId: '000.00.12.H06' });

    const files = tempDir();
    fs.writeFileSync(path.join(files, 'seal.png'), sealPng());
    fs.writeFileSync(path.join(files, 'sig.png'), signaturePng());
    const seal = vanphong(['settings', 'seal', '--png', path.join(files, 'seal.png'), '--width-mm', '36', '--data-dir', dir]);
    expect(seal.out).toContain('Đã lưu ảnh con dấu: 400×400 px, rộng thật 36 mm.');
    expect(vanphong(['settings', 'organ', '--data-dir', dir]).out).toMatch(/Con dấu:\s+có ảnh, rộng 36 mm/);
    expect(vanphong(['settings', 'signature', 'an', '--png', path.join(files, 'sig.png'), '--data-dir', dir]).out).toContain('Đã lưu ảnh chữ ký của «an»');
    const nobody = vanphong(['settings', 'signature', 'khong-co', '--png', path.join(files, 'sig.png'), '--data-dir', dir]);
    expect(nobody.code).not.toBe(0);
    expect(nobody.err).toContain('Không có tài khoản «khong-co»');
  });
});
