import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/app';
import { bin, CLI_PASSWORD, CLI_USER, provisionedDataDir, root, vanphong, withDataDir } from '../helpers/cli';
import { generatedRow, writeRegisterXlsx } from '../fixtures/old-register';

/** `vanphong import` (issue 18): the mapping asked for when unsure, the report file, and a real kill -9 half-way. */
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

describe('vanphong import', () => {
  it('asks for --map when the header is not clear, imports with it and writes the per-row report', async () => {
    const dir = await provisionedDataDir('vanphong-cli-import-');
    const src = tempDir('vanphong-cli-import-src-');
    dirs.push(dir, src);
    const csv = path.join(src, 'so-cu.csv');
    // «Ngày VB» names no field: the proposal lacks «Ngày văn bản».
    fs.writeFileSync(csv, 'STT;Số đến;Ngày đến;Nơi gửi;Số ký hiệu;Ngày VB;Trích yếu\n1;3;02/03/2025;Sở Tư pháp;3/STP;01/03/2025;Về việc rà soát văn bản\n2;4;;Sở Tư pháp;4/STP;01/03/2025;Về việc khác\n');
    const unsure = vanphong(['import', csv, '--data-dir', dir]);
    expect(unsure.code).toBe(2);
    expect(unsure.err).toContain('chưa chắc cách ghép cột');
    expect(unsure.err).toContain('Thiếu: Ngày văn bản.');
    expect(unsure.err).toContain('F=«Ngày VB»');
    const report = path.join(src, 'bao-cao.csv');
    const done = vanphong(['import', csv, '--map', 'Ngày văn bản=F', '--report', report, '--data-dir', dir]);
    expect(done.err).toContain('Nhập sổ cũ (sổ văn bản đến): 2/2 dòng (100%) — đã nhập 1, bỏ qua 0, lỗi 1');
    expect(done.code).toBe(0);
    expect(fs.readFileSync(report, 'utf8')).toBe('\uFEFFDòng,Kết quả,Số đến,Lý do\r\n2,Đã nhập,3/2025,\r\n3,Lỗi,,Thiếu ngày đến.\r\n');
    const listed = await withDataDir(dir, async (app) => app.db.prepare('SELECT arrival_number, year, ref FROM incoming_docs').raw().all());
    expect(listed).toEqual([[3, 2025, '3/STP']]);

    // An old outgoing register: its header says so; --register says otherwise only when asked.
    const di = path.join(src, 'so-di.csv');
    fs.writeFileSync(di, 'Số, ký hiệu;Ngày tháng văn bản;Trích yếu nội dung;Người ký;Nơi nhận văn bản\n15/UBND-VP;03/03/2025;Về việc rà soát văn bản;Nguyễn Văn An;Sở Tư pháp\n16/KH-UBND;04/03/2025;Kế hoạch kiểm tra;Nguyễn Văn An;Các sở, ngành\n');
    expect(vanphong(['import', di, '--register', 'ra', '--data-dir', dir]).err).toContain('--register phải là den (sổ văn bản đến) hoặc di (sổ văn bản đi).');
    const asIncoming = vanphong(['import', di, '--register', 'den', '--data-dir', dir]);
    expect(asIncoming.code).toBe(2);
    expect(asIncoming.err).toContain('Thiếu: Số đến, Ngày đến, Tác giả (nơi gửi).');
    const out = vanphong(['import', di, '--data-dir', dir]);
    expect(out.err).toContain('Nhập sổ cũ (sổ văn bản đi): 2/2 dòng (100%) — đã nhập 2, bỏ qua 0, lỗi 0');
    expect(out.code).toBe(0);
    const issued = await withDataDir(dir, async (app) => app.db.prepare('SELECT number, period, ref, status, signer FROM outgoing_docs ORDER BY number').raw().all());
    expect(issued).toEqual([
      [15, '2025', '15/UBND-VP', 'issued', 'Nguyễn Văn An'],
      [16, '2025', '16/KH-UBND', 'issued', 'Nguyễn Văn An'],
    ]);
  });

  it('killed with -9 half-way through 300 rows, the same command resumes and ends with 300 records, none twice', async () => {
    const dir = await provisionedDataDir('vanphong-cli-kill-');
    const src = tempDir('vanphong-cli-kill-src-');
    dirs.push(dir, src);
    const file = path.join(src, 'so-den-2025.xlsx');
    await writeRegisterXlsx(file, Array.from({ length: 300 }, (_, i) => generatedRow(i)));
    const env = { ...process.env, VANPHONG_USER: CLI_USER, VANPHONG_PASSWORD: CLI_PASSWORD, VANPHONG_IMPORT_ROW_DELAY_MS: '5' };
    const child = spawn(process.execPath, [bin, 'import', file, '--data-dir', dir], { cwd: root, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    let killedAt = -1;
    const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      err += chunk;
      const seen = [...err.matchAll(/Nhập sổ cũ \(sổ văn bản đến\): (\d+)\/300/g)].map((m) => Number(m[1]));
      if (killedAt < 0 && seen.some((n) => n >= 100 && n < 300)) {
        killedAt = Math.max(...seen);
        child.kill('SIGKILL');
      }
    });
    await exit;
    expect(killedAt, `not killed half-way; stderr: ${err}`).toBeGreaterThanOrEqual(100);
    const half = await withDataDir(dir, async (app) => app.db.prepare('SELECT COUNT(*) FROM incoming_docs').pluck().get() as number);
    expect(half).toBeGreaterThanOrEqual(killedAt);
    expect(half).toBeLessThan(300);

    const again = vanphong(['import', file, '--data-dir', dir, '--json']);
    expect(again.code).toBe(0);
    const s = JSON.parse(again.out);
    expect(s).toMatchObject({ state: 'done', total: 300, done: 300, imported: 300, skipped: 0, failed: 0, resumedAt: expect.any(Number) });
    const counts = await withDataDir(dir, async (app) =>
      app.db.prepare('SELECT COUNT(*) AS n, COUNT(DISTINCT arrival_number) AS numbers, MAX(arrival_number) AS max FROM incoming_docs').get(),
    );
    expect(counts).toEqual({ n: 300, numbers: 300, max: 300 });
  });
});
