import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/app';
import { root, run } from '../helpers/cli';
import { makeTestPki } from '../helpers/test-ca';
import { statePlan } from '../fixtures/sample-drafts';

const has = (cmd: string, args: string[]) => !spawnSync(cmd, args).error;
const haveOpenssl = has('openssl', ['version']);
const havePdfsig = has('pdfsig', ['-v']);
const haveSqlite = has('sqlite3', ['-version']);
if (!haveOpenssl) console.log('[cli-outgoing] skipped: the openssl command is not installed (it makes the test CA)');
if (!haveSqlite) console.log('[cli-outgoing] the sqlite3 shell is not installed: the row is deleted through better-sqlite3 instead');

beforeAll(() => {
  if (!fs.existsSync(path.join(root, 'dist', 'cli', 'main.mjs'))) throw new Error('dist/ is missing: run `npm run build` first (npm test does).');
});

const PW = 'mat-khau-du-dai';

describe.skipIf(!haveOpenssl)('vanphong CLI: the outgoing workflow', () => {
  it('users, directory, a saved list, draft → return → approve → sign → issue 01 and 02, the book, audit verify catching a deleted row', async () => {
    const dir = tempDir('vanphong-cli-out-');
    const files = tempDir('vanphong-cli-out-files-');
    const as = (user: string) => ({ VANPHONG_USER: user, VANPHONG_PASSWORD: PW });
    const v = (args: string[], user?: string, input?: string) => run([...args, '--data-dir', dir], user ? as(user) : { VANPHONG_USER: undefined, VANPHONG_PASSWORD: undefined }, input);

    // Without an account nothing is readable; the first account becomes the administrator without login.
    const noUser = v(['outgoing', 'list']);
    expect(noUser.code).not.toBe(0);
    expect(noUser.err).toContain('vanphong users add TÊN --role quantri --password-stdin');
    const first = v(['users', 'add', 'quantri', '--role', 'vanthu', '--full-name', 'Quản Trị', '--password-stdin'], undefined, PW);
    expect(first.out).toContain('tài khoản đầu tiên là quản trị');
    expect(v(['users', 'add', 'x', '--role', 'chuyenvien', '--password-stdin'], undefined, PW).code).not.toBe(0); // needs an administrator now
    for (const [name, role, full, unit] of [['binh', 'chuyenvien', 'Trần Thị Bình', 'KT'], ['an', 'lanhdao', 'Nguyễn Văn An', ''], ['cuong', 'vanthu', 'Lê Văn Cường', '']]) {
      const r = v(['users', 'add', name, '--role', role, '--full-name', full, ...(unit ? ['--unit', unit] : []), '--password-stdin'], 'quantri', PW);
      expect(r.code, r.err).toBe(0);
    }
    const wrong = run(['outgoing', 'list', '--data-dir', dir], { VANPHONG_USER: 'binh', VANPHONG_PASSWORD: 'sai' });
    expect(wrong.err).toContain('Sai tên đăng nhập hoặc mật khẩu.');

    // The văn thư imports the directory; the chuyên viên saves a list with purposes.
    const csv = path.join(files, 'danh-ba.csv');
    fs.writeFileSync(csv, 'Tên cơ quan,Mã định danh,Nhóm\nTỉnh ủy Bắc Ninh,000.00.00.H06,\nSở Nội vụ,,Các sở ngành\nSở Tài chính,,Các sở ngành\nSở Sai Mã,12.34,\n');
    const imp = v(['recipients', 'import', csv], 'cuong');
    expect(imp.code, imp.err).toBe(0);
    expect(imp.out).toContain('thêm 3');
    expect(imp.out).toMatch(/Dòng 5 \[organId\]/);
    expect(v(['recipients', 'import', csv], 'binh').err).toContain('không có quyền');
    const saved = v(['recipients', 'save-list', 'Gửi tỉnh', '--entry', 'Tỉnh ủy Bắc Ninh (để báo cáo)', '--entry', 'Các sở ngành (để thực hiện)', '--expand'], 'binh');
    expect(saved.code, saved.err).toBe(0);

    // Draft import with the list, then the workflow.
    const model = path.join(files, 'ke-hoach.json');
    fs.writeFileSync(model, JSON.stringify({ ...statePlan(1), number: null, date: null, organ: 'Ủy ban nhân dân tỉnh Bắc Ninh', organAbbr: 'UBND', recipients: [], archive: [], signature: { authority: 'TM.', onBehalfOf: 'Ủy ban nhân dân', title: 'Chủ tịch', name: 'Nguyễn Văn An' } }));
    const imported = v(['draft', 'import', model, '--recipients', 'Gửi tỉnh', '--json'], 'binh');
    expect(imported.code, imported.err).toBe(0);
    const id = String(JSON.parse(imported.out).id);
    expect(v(['outgoing', 'submit', id, '--to', 'an', '--comment', 'Kính trình'], 'binh').out).toContain('Đã trình phiên bản 1 cho Nguyễn Văn An');
    const denied = v(['outgoing', 'approve', id], 'binh');
    expect(denied.code).not.toBe(0);
    expect(denied.err).toContain('không có quyền này; cần vai trò lãnh đạo');
    expect(v(['outgoing', 'return', id, '--comment', 'Bổ sung kinh phí'], 'an').code).toBe(0);
    expect(v(['outgoing', 'submit', id, '--to', 'an'], 'binh').out).toContain('phiên bản 2');
    expect(v(['outgoing', 'approve', id], 'an').code).toBe(0);
    const pki = makeTestPki();
    const leader = pki.p12('Nguyễn Văn An');
    const organ = pki.p12('Ủy ban nhân dân tỉnh Bắc Ninh');
    const early = v(['outgoing', 'issue', id, '--p12', organ, '--pass', '123456'], 'cuong');
    expect(early.err).toContain('Chỉ phát hành được văn bản đã được lãnh đạo duyệt và ký số.');
    const signed = v(['outgoing', 'sign', id, '--p12', leader, '--pass', '123456'], 'an');
    expect(signed.code, signed.err).toBe(0);
    const issued = v(['outgoing', 'issue', id, '--p12', organ, '--pass', '123456', '--json'], 'cuong');
    expect(issued.code, issued.err).toBe(0);
    const rec = JSON.parse(issued.out);
    expect(rec).toMatchObject({ number: 1, ref: '01/KH-UBND', recipients: ['Tỉnh ủy Bắc Ninh', 'Sở Nội vụ', 'Sở Tài chính'] });
    expect(v(['outgoing', 'issue', id, '--p12', organ, '--pass', '123456'], 'cuong').err).toContain('đã được phát hành');
    const pdf = path.join(files, '01.pdf');
    expect(v(['outgoing', 'file', String(rec.id), '--out', pdf], 'binh').code).toBe(0);
    if (havePdfsig) expect(execFileSync('pdfsig', [pdf], { encoding: 'utf8' }).match(/Signature is Valid/g)).toHaveLength(2);

    // A second plan gets 02.
    const second = JSON.parse(v(['draft', 'import', model, '--json'], 'binh').out).id as number;
    v(['outgoing', 'submit', String(second), '--to', 'an'], 'binh');
    v(['outgoing', 'approve', String(second)], 'an');
    v(['outgoing', 'sign', String(second), '--p12', leader, '--pass', '123456'], 'an');
    expect(v(['outgoing', 'issue', String(second), '--p12', organ, '--pass', '123456'], 'cuong').out).toContain('số 02/KH-UBND');
    const list = v(['outgoing', 'list'], 'an').out;
    expect(list).toMatch(/01\/KH-UBND[\s\S]*02\/KH-UBND/);

    // The outgoing book.
    const book = path.join(files, 'so-di.docx');
    const b = v(['register-book', 'outgoing', '--from', '2026-01-01', '--to', '2026-12-31', '--out', book], 'cuong');
    expect(b.code, b.err).toBe(0);
    expect(b.out).toContain('Đã xuất 2 văn bản');

    // The audit trail shows every step; a row deleted with the sqlite3 shell is caught (exit code 3).
    const show = v(['outgoing', 'show', id], 'an').out;
    expect(show.match(/submit|return|approve|sign|issue/g)).toEqual(['submit', 'return', 'submit', 'approve', 'sign', 'issue']);
    const ok = v(['audit', 'verify'], 'quantri');
    expect(ok.code, ok.err).toBe(0);
    expect(ok.out).toContain('Nhật ký toàn vẹn');
    const tamper = 'DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE seq = 7;';
    const dbFile = path.join(dir, 'vanphong.sqlite');
    if (haveSqlite) execFileSync('sqlite3', [dbFile, tamper]);
    else {
      const Database = (await import('better-sqlite3')).default;
      const db = new Database(dbFile);
      db.exec(tamper);
      db.close();
    }
    const broken = v(['audit', 'verify'], 'quantri');
    expect(broken.code).toBe(3);
    expect(broken.out).toContain('Thiếu bản ghi số 7');
  }, 120_000);
});
