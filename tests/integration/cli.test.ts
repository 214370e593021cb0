import { spawnSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { rowsCount, tempDir } from '../helpers/app';
import { makeDocx, makePdf } from '../fixtures/make-files';

import { bin, provisionedDataDir, root, vanphong, withDataDir } from '../helpers/cli';

beforeAll(() => {
  if (!fs.existsSync(path.join(root, 'dist', 'cli', 'main.mjs'))) throw new Error('dist/ is missing: run `npm run build` first (npm test does).');
});

describe('vanphong CLI', () => {
  it('registers, lists, searches and exports the register book', async () => {
    const dir = await provisionedDataDir('vanphong-cli-');
    const files = tempDir('vanphong-cli-files-');
    const pdf = path.join(files, 'ke-hoach.pdf');
    fs.writeFileSync(pdf, makePdf(['Ke hoach trien khai chuyen doi so nam 2026']));
    const docx = path.join(files, 'bao-cao.docx');
    fs.writeFileSync(docx, await makeDocx(['Báo cáo sơ kết công tác phòng, chống thiên tai']));

    const a = vanphong(['incoming', 'add', '--data-dir', dir, '--json', '--subject', 'Kế hoạch triển khai chuyển đổi số', '--sender', 'Sở Khoa học và Công nghệ',
      '--ref', '70/KH-SKHCN', '--date', '2026-03-02', '--arrived', '2026-03-04', '--type', 'Kế hoạch', '--urgency', 'khan', '--file', pdf]);
    expect(a.err).toBe('');
    expect(a.code).toBe(0);
    const rec = JSON.parse(a.out);
    expect(rec.arrivalNumber).toBe(1);
    expect(rec.urgency).toBe('khan');
    expect(rec.attachments[0].textStatus).toBe('done');

    const b = vanphong(['incoming', 'add', '--data-dir', dir, '--subject', 'Báo cáo sơ kết', '--sender', 'Đảng ủy Khối các cơ quan tỉnh',
      '--ref', '12-BC/ĐUK', '--date', '2026-03-03', '--arrived', '2026-03-05', '--file', docx]);
    expect(b.code).toBe(0);
    expect(b.out).toContain('số đến 2/2026');

    const list = vanphong(['incoming', 'list', '--data-dir', dir, '--year', '2026', '--json']);
    expect(JSON.parse(list.out).rows.map((r: { ref: string }) => r.ref)).toEqual(['70/KH-SKHCN', '12-BC/ĐUK']);
    // Without --book each line names its book (the books' series share numbers); with --book the total names it.
    const plain = vanphong(['incoming', 'list', '--data-dir', dir, '--year', '2026']).out.trim().split('\n');
    expect(plain.slice(0, 2).every((l) => l.endsWith('· Sổ văn bản đến'))).toBe(true);
    expect(plain.at(-1)).toContain('(mọi sổ)');
    expect(vanphong(['incoming', 'list', '--data-dir', dir, '--book', 'Sổ văn bản đến']).out).toMatch(/^(?![\s\S]*· Sổ)[\s\S]*trong sổ «Sổ văn bản đến»/);

    const s1 = JSON.parse(vanphong(['search', 'dang uy khoi', '--data-dir', dir, '--json']).out);
    expect(s1.map((h: { number: string; kind: string }) => [h.kind, h.number])).toEqual([['incoming', '2/2026']]);
    const s2 = JSON.parse(vanphong(['search', 'phong chong thien tai', '--data-dir', dir, '--json']).out);
    expect(s2.map((h: { id: number }) => h.id)).toEqual([2]); // text of the DOCX attachment only
    expect(vanphong(['search', 'chuyen doi so', '--data-dir', dir]).out).toContain('70/KH-SKHCN');

    const out = path.join(files, 'so-den.xlsx');
    const e = vanphong(['register-book', 'incoming', '--from', '2026-01-01', '--to', '2026-12-31', '--out', out, '--data-dir', dir]);
    expect(e.code).toBe(0);
    expect(e.out).toContain('Đã xuất 2 văn bản');
    expect(fs.readFileSync(out).subarray(0, 2).toString()).toBe('PK');
    const outDocx = path.join(files, 'so-den.docx');
    expect(vanphong(['register-book', 'incoming', '--from', '2026-01-01', '--to', '2026-12-31', '--out', outDocx, '--data-dir', dir]).code).toBe(0);
    expect(fs.existsSync(outDocx)).toBe(true);
  });

  it('prints a Vietnamese error and exits non-zero on bad input, writing nothing', async () => {
    const dir = await provisionedDataDir('vanphong-cli-bad-');
    const files = tempDir('vanphong-cli-badfiles-');
    const fake = path.join(files, 'gia.pdf');
    fs.writeFileSync(fake, 'MZ not a pdf');
    const base = ['incoming', 'add', '--data-dir', dir, '--subject', 'Thử', '--sender', 'Sở Y tế', '--ref', '1/SYT'];
    const cases: [string[], RegExp][] = [
      [[...base], /Thiếu ngày văn bản/],
      [[...base, '--date', '2026-02-30'], /Ngày văn bản không hợp lệ/],
      [[...base, '--date', '2026-02-03', '--book', 'Sổ lạ'], /Không có sổ «Sổ lạ»/],
      [[...base, '--date', '2026-02-03', '--file', fake], /«gia\.pdf»/],
      [[...base, '--date', '2026-02-03', '--file', path.join(files, 'missing.pdf')], /Không tìm thấy tệp/],
      [[...base, '--date', '2026-02-03', '--urgency', 'gap'], /Độ khẩn/],
      [[...base, '--date', '2026-02-03', '--unknown-flag'], /Tham số không hợp lệ/],
    ];
    for (const [args, msg] of cases) {
      const r = vanphong(args);
      expect(r.code, args.join(' ')).not.toBe(0);
      expect(r.err).toMatch(msg);
      expect(r.out).toBe('');
    }
    const list = JSON.parse(vanphong(['incoming', 'list', '--data-dir', dir, '--json']).out);
    expect(list.total).toBe(0);
    const ok = JSON.parse(vanphong([...base, '--date', '2026-02-03', '--json']).out);
    expect(ok.arrivalNumber).toBe(1);
  });

  it('takes the data folder from VANPHONG_DATA_DIR', async () => {
    const dir = await provisionedDataDir('vanphong-cli-env-');
    const r = vanphong(['incoming', 'add', '--subject', 'A', '--sender', 'B', '--ref', '1/B', '--date', '2026-01-02', '--json'], { VANPHONG_DATA_DIR: dir });
    expect(r.code).toBe(0);
    expect(fs.existsSync(path.join(dir, 'vanphong.sqlite'))).toBe(true);
    // The registration is in that folder's database.
    expect(await withDataDir(dir, async (app) => rowsCount(app, 'incoming_docs'))).toBe(1);
  });

  it('says in one line what it needs when started under an old Node', () => {
    const fakeOld = path.join(tempDir('vanphong-oldnode-'), 'old.cjs');
    fs.writeFileSync(fakeOld, `Object.defineProperty(process.versions, 'node', { value: '20.11.0' }); require(${JSON.stringify(bin)});`);
    const r = spawnSync(process.execPath, [fakeOld], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/cần Node\.js 22\.12/);
  });

  it('serve prints a loopback URL with a one-time code, exchanged once for its token, and answers on it', async () => {
    const dir = tempDir('vanphong-cli-serve-');
    const child = spawn(process.execPath, [bin, 'serve', '--data-dir', dir, '--port', '0', '--no-open'], { cwd: root });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (c: Buffer) => {
          out += c.toString();
          const m = /URL: (http:\/\/127\.0\.0\.1:\d+\/#code=[\w-]+)/.exec(out);
          if (m) resolve(m[1]);
        });
        child.on('exit', (code) => reject(new Error(`serve exited ${code}: ${out}`)));
      });
      const u = new URL(url);
      const launch = () =>
        fetch(new URL('/launch', u), { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: u.origin }, body: JSON.stringify({ code: u.hash.replace('#code=', '') }) });
      const { token } = (await (await launch()).json()) as { token: string };
      expect(token.length).toBeGreaterThanOrEqual(40);
      expect(url).not.toContain(token);
      expect((await launch()).status).toBe(401);
      const post = (name: string, body: unknown, cookie = '', csrf = '') =>
        fetch(new URL(`/api/${name}`, u), { method: 'POST', headers: { 'X-Vanphong-Token': token, 'Content-Type': 'application/json', Cookie: cookie, 'X-Vanphong-Csrf': csrf }, body: JSON.stringify(body) });
      // A fresh database: the first account is made from the browser and is logged in at once.
      const status = await (await post('auth.status', {})).json();
      expect(status.value).toEqual({ needsSetup: true, user: null });
      const setup = await post('auth.setup', { username: 'quantri', fullName: 'Quản Trị Viên', roles: ['vanthu'], password: 'mat-khau-dai-du' });
      const made = await setup.json();
      expect(made.value.user.roles).toEqual(['quantri', 'vanthu']);
      const cookie = String(setup.headers.get('set-cookie')).split(';')[0];
      const body = await (await post('books.list', {}, cookie, String(setup.headers.get('x-vanphong-csrf')))).json();
      expect(body.ok).toBe(true);
      expect(body.value.map((b: { name: string }) => b.name)).toContain('Sổ văn bản đến');
    } finally {
      child.kill('SIGTERM');
    }
  });
});
