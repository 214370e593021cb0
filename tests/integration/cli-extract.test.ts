import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IntakeProposal } from '../../shared/intake/schemas';
import { call, loginAs, rowsCount, tempDir } from '../helpers/app';
import { provisionedDataDir, root, run, vanphong, withDataDir } from '../helpers/cli';
import { exported, hugeEmlFile, stateLetterModel } from '../fixtures/intake-files/make';

/**
 * `vanphong extract FILE [--json]` from dist/: the proposal as readable Vietnamese lines or JSON, registering nothing;
 * bad input a Vietnamese line on standard error and a non-zero exit. Without an account it needs no data folder; as an
 * account (--user / VANPHONG_USER) it runs through the API and matches the organ in the office's directory.
 */
let work: string;
let pdf: string;
let dataDir: string;
/** Not logged in: the file is read on this computer alone. */
const alone = (args: string[]) => run(args, { VANPHONG_USER: undefined, VANPHONG_PASSWORD: undefined });

beforeAll(async () => {
  if (!fs.existsSync(path.join(root, 'dist', 'cli', 'main.mjs'))) throw new Error('dist/ is missing: run `npm run build` first (npm test does).');
  work = tempDir('vanphong-cli-extract-');
  pdf = path.join(work, 'cong-van-125.pdf');
  fs.writeFileSync(pdf, (await exported(stateLetterModel(), 'pdf')).data);
  dataDir = await provisionedDataDir('vanphong-cli-extract-data-', async (app) => {
    await call(app, 'organizations.create', { name: 'Sở Y tế tỉnh Bắc Ninh' }, await loginAs(app, 'tester'));
  });
});
afterAll(() => {
  fs.rmSync(work, { recursive: true, force: true });
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('vanphong extract', () => {
  it('prints each field with its confidence and source, and the incoming add line to register it; registers nothing', () => {
    const r = alone(['extract', pdf]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('Tệp: cong-van-125.pdf (PDF, 1 trang)');
    expect(r.out).toMatch(/Số và ký hiệu\s+125\/SYT-NVY\s+\[95 % · dòng «Số» \(lớp chữ của PDF\)\]/);
    expect(r.out).toMatch(/Ngày văn bản\s+02\/03\/2026\s+\[95 %/);
    expect(r.out).toMatch(/Độ khẩn\s+Khẩn\s+\[95 %/);
    expect(r.out).toMatch(/Người ký\s+Nguyễn Thị Hoa/);
    expect(r.out).toContain('Chưa đối chiếu danh bạ: thêm --user TÊN');
    expect(r.out).toContain(`Chưa vào sổ. Sau khi kiểm tra: vanphong incoming add --sender "SỞ Y TẾ TỈNH BẮC NINH" --ref "125/SYT-NVY" --date 2026-03-02`);
  });

  it('--json as an account: the proposal with the directory’s entry, through the API', () => {
    const r = vanphong(['extract', pdf, '--json', '--data-dir', dataDir]);
    expect(r.code, r.err).toBe(0);
    const p = JSON.parse(r.out) as IntakeProposal;
    expect(p.match).toMatchObject({ name: 'Sở Y tế tỉnh Bắc Ninh', how: 'close' });
    expect(p.sender?.value).toBe('Sở Y tế tỉnh Bắc Ninh');
    expect(p.ref).toMatchObject({ value: '125/SYT-NVY', confidence: 0.95 });
    expect(p.docType?.value).toEqual({ code: 'cong-van', name: 'Công văn' });
    expect(p.pageCount?.value).toBe(1);
  });

  it('registered nothing', async () => {
    await withDataDir(dataDir, async (app) => expect(rowsCount(app, 'incoming_docs')).toBe(0));
  });

  it('bad input: a clear Vietnamese line on standard error and a non-zero exit', () => {
    const usage = alone(['extract']);
    expect(usage.code).toBe(2);
    expect(usage.err).toContain('Dùng: vanphong extract TỆP [--json]');
    const exe = path.join(work, 'setup.exe');
    fs.writeFileSync(exe, Buffer.from([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0]));
    const bad = alone(['extract', exe]);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/^Lỗi \[file\]: Không đọc được tệp «setup\.exe»: chỉ đọc được PDF/);
    // Text with nothing of a document in it: the proposal is empty, and the exit says so.
    const empty = path.join(work, 'so.txt');
    fs.writeFileSync(empty, '12345 67890\n');
    const none = alone(['extract', empty, '--json']);
    expect(none.code).toBe(1);
    expect(JSON.parse(none.out).warnings).toContain('Tệp không có chữ để đọc.');
    expect(none.err).toContain('không đọc được thông tin nào từ tệp «so.txt»');
  });

  it('an e-mail of 100 MB is refused by its size, before it is read', () => {
    const big = hugeEmlFile(path.join(work, 'thu-100mb.eml'));
    const started = performance.now();
    const r = alone(['extract', big]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('Tệp «thu-100mb.eml» dung lượng 100 MB: quá lớn để tự đọc (tối đa 64 MB)');
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});
