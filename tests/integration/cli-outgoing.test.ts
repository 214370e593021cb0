import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, loginAs, openDataDb, tempDir } from '../helpers/app';
import { root, run, withDataDir } from '../helpers/cli';
import { makeTestPki } from '../helpers/test-ca';
import { statePlan } from '../fixtures/sample-drafts';
import { has } from '../helpers/tools';

const haveOpenssl = has('openssl', ['version']);
const havePdfsig = has('pdfsig', ['-v']);
if (!haveOpenssl) console.log('[cli-outgoing] skipped: the openssl command is not installed (it makes the test CA)');

beforeAll(() => {
  if (!fs.existsSync(path.join(root, 'dist', 'cli', 'main.mjs'))) throw new Error('dist/ is missing: run `npm run build` first (npm test does).');
});

const PW = 'mat-khau-du-dai';

/** The plan every step imports: a State Kế hoạch of the provincial People's Committee, without number or recipients. */
const planModel = () => ({ ...statePlan(1), number: null, date: null, organ: 'Ủy ban nhân dân tỉnh Bắc Ninh', organAbbr: 'UBND', recipients: [], archive: [], signature: { authority: 'TM.', onBehalfOf: 'Ủy ban nhân dân', title: 'Chủ tịch', name: 'Nguyễn Văn An' } });

describe.skipIf(!haveOpenssl)('vanphong CLI: the outgoing workflow', () => {
  // One data folder for the whole workflow; each step goes on from where the one before left it.
  const dir = tempDir('vanphong-cli-out-');
  const files = tempDir('vanphong-cli-out-files-');
  const model = path.join(files, 'ke-hoach.json');
  const as = (user: string) => ({ VANPHONG_USER: user, VANPHONG_PASSWORD: PW });
  const v = (args: string[], user?: string, input?: string) => run([...args, '--data-dir', dir], user ? as(user) : { VANPHONG_USER: undefined, VANPHONG_PASSWORD: undefined }, input);
  let leader: string;
  let organ: string;
  let id: string;

  beforeAll(() => {
    const pki = makeTestPki();
    leader = pki.p12('Nguyễn Văn An');
    organ = pki.p12('Ủy ban nhân dân tỉnh Bắc Ninh');
    fs.writeFileSync(model, JSON.stringify(planModel()));
  });

  it('reads nothing without an account; makes the first account administrator without login, later ones only by an administrator', async () => {
    const noUser = v(['outgoing', 'list']);
    expect(noUser.code).not.toBe(0);
    expect(noUser.err).toContain('vanphong users add TÊN --role quantri --password-stdin');
    const first = v(['users', 'add', 'quantri', '--role', 'vanthu', '--full-name', 'Quản Trị', '--password-stdin'], undefined, PW);
    expect(first.out).toContain('tài khoản đầu tiên là quản trị');
    expect(v(['users', 'add', 'x', '--role', 'chuyenvien', '--password-stdin'], undefined, PW).code).not.toBe(0); // needs an administrator now
    const binh = v(['users', 'add', 'binh', '--role', 'chuyenvien', '--full-name', 'Trần Thị Bình', '--unit', 'KT', '--password-stdin'], 'quantri', PW);
    expect(binh.code, binh.err).toBe(0);
    // The leader and the văn thư through the same API call, in this process: `users add` is tested just above.
    await withDataDir(dir, async (app) => {
      const admin = await loginAs(app, 'quantri', PW);
      await call(app, 'users.create', { username: 'an', roles: ['lanhdao'], fullName: 'Nguyễn Văn An', password: PW }, admin);
      await call(app, 'users.create', { username: 'cuong', roles: ['vanthu'], fullName: 'Lê Văn Cường', password: PW }, admin);
      const users = await call(app, 'users.list', {}, admin);
      expect(users.map((u) => [u.username, [...u.roles].sort().join(','), u.unit]).sort()).toEqual([
        ['an', 'lanhdao', ''],
        ['binh', 'chuyenvien', 'KT'],
        ['cuong', 'vanthu', ''],
        ['quantri', 'quantri,vanthu', ''],
      ]);
    });
    const wrong = run(['outgoing', 'list', '--data-dir', dir], { VANPHONG_USER: 'binh', VANPHONG_PASSWORD: 'sai' });
    expect(wrong.err).toContain('Sai tên đăng nhập hoặc mật khẩu.');
  });

  it('the văn thư imports the directory (a bad row reported), the chuyên viên may not, and saves a list with purposes', () => {
    const csv = path.join(files, 'danh-ba.csv');
    fs.writeFileSync(csv, 'Tên cơ quan,Mã định danh,Nhóm\nTỉnh ủy Bắc Ninh,000.00.00.H06,\nSở Nội vụ,,Các sở ngành\nSở Tài chính,,Các sở ngành\nSở Sai Mã,12.34,\n');
    const imp = v(['recipients', 'import', csv], 'cuong');
    expect(imp.code, imp.err).toBe(0);
    expect(imp.out).toContain('thêm 3');
    expect(imp.out).toMatch(/Dòng 5 \[organId\]/);
    expect(v(['recipients', 'import', csv], 'binh').err).toContain('không có quyền');
    const saved = v(['recipients', 'save-list', 'Gửi tỉnh', '--entry', 'Tỉnh ủy Bắc Ninh (để báo cáo)', '--entry', 'Các sở ngành (để thực hiện)', '--expand'], 'binh');
    expect(saved.code, saved.err).toBe(0);
  });

  it('imports a draft with the list; submit → return → submit version 2 → approve, a chuyên viên refused approving', () => {
    const imported = v(['draft', 'import', model, '--recipients', 'Gửi tỉnh', '--json'], 'binh');
    expect(imported.code, imported.err).toBe(0);
    id = String(JSON.parse(imported.out).id);
    expect(v(['outgoing', 'submit', id, '--to', 'an', '--comment', 'Kính trình'], 'binh').out).toContain('Đã trình phiên bản 1 cho Nguyễn Văn An');
    const denied = v(['outgoing', 'approve', id], 'binh');
    expect(denied.code).not.toBe(0);
    expect(denied.err).toContain('không có quyền này; cần vai trò lãnh đạo');
    expect(v(['outgoing', 'return', id, '--comment', 'Bổ sung kinh phí'], 'an').code).toBe(0);
    expect(v(['outgoing', 'submit', id, '--to', 'an'], 'binh').out).toContain('phiên bản 2');
    expect(v(['outgoing', 'approve', id], 'an').code).toBe(0);
  });

  it('refuses issuing before the signature; the leader signs, the văn thư issues 01 to the list, once; the PDF carries both signatures', () => {
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
  });

  it('issues a second plan as 02 and lists both', async () => {
    // Drafted, submitted, approved and signed through the API in this process: the CLI did each of these above.
    const second = await withDataDir(dir, async (app) => {
      const [binh, an] = [await loginAs(app, 'binh', PW), await loginAs(app, 'an', PW)];
      const d = await call(app, 'drafts.save', { draft: planModel() }, binh);
      await call(app, 'outgoing.submit', { id: d.id, to: an.caller!.id }, binh);
      await call(app, 'outgoing.approve', { id: d.id }, an);
      await call(app, 'outgoing.sign', { id: d.id, key: { kind: 'p12', data: new Uint8Array(fs.readFileSync(leader)), password: '123456' } }, an);
      return d.id;
    });
    expect(v(['outgoing', 'issue', String(second), '--p12', organ, '--pass', '123456'], 'cuong').out).toContain('số 02/KH-UBND');
    const list = v(['outgoing', 'list'], 'an').out;
    expect(list).toMatch(/01\/KH-UBND[\s\S]*02\/KH-UBND/);
  });

  it('exports the outgoing book with both documents', () => {
    const book = path.join(files, 'so-di.docx');
    const b = v(['register-book', 'outgoing', '--from', '2026-01-01', '--to', '2026-12-31', '--out', book], 'cuong');
    expect(b.code, b.err).toBe(0);
    expect(b.out).toContain('Đã xuất 2 văn bản');
  });

  it('shows every step in the audit trail; audit verify passes, and catches a row deleted by someone with the key (exit code 3)', async () => {
    const show = v(['outgoing', 'show', id], 'an').out;
    expect(show.match(/submit|return|approve|sign|issue/g)).toEqual(['submit', 'return', 'submit', 'approve', 'sign', 'issue']);
    const ok = v(['audit', 'verify'], 'quantri');
    expect(ok.code, ok.err).toBe(0);
    expect(ok.out).toContain('Nhật ký toàn vẹn');
    const head = v(['audit', 'head', '--json'], 'quantri');
    expect(head.code, head.err).toBe(0);
    const rows = Number(/(\d+) bản ghi/.exec(ok.out)?.[1]);
    expect(JSON.parse(head.out)).toEqual({ seq: rows, hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    // Read as people read it: full names, Vietnam time, the action and its details in the screens' words.
    const list = v(['audit', 'list', '--limit', '500'], 'quantri');
    expect(list.code, list.err).toBe(0);
    expect(list.out).toMatch(/\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}  Trần Thị Bình: Tạo dự thảo — Dự thảo #\d+ \(.*Loại: Kế hoạch/);
    expect(list.out).not.toMatch(/docType|ke-hoach/);
    const tamper = 'DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE seq = 7;';
    // The file is encrypted (Debian's sqlite3 shell cannot open it): through the library, with the folder's key.
    const db = openDataDb(dir);
    db.exec(tamper);
    db.close();
    const broken = v(['audit', 'verify'], 'quantri');
    expect(broken.code).toBe(3);
    expect(broken.out).toContain('Thiếu bản ghi số 7');
  });
});
