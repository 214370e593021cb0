import { beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { statePlan } from '../fixtures/sample-drafts';
import { provisionedDataDir, vanphong as asTester, withDataDir } from '../helpers/cli';
import { getDraftRow } from '../../electron/drafting/repo';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = path.join(root, 'bin', 'vanphong.cjs');
const fixtures = path.join(root, 'tests', 'fixtures', 'drafting');
const tmp = (p: string) => fs.mkdtempSync(path.join(os.tmpdir(), p));

function vanphong(args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', cwd: root });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

beforeAll(() => {
  if (!fs.existsSync(path.join(root, 'dist', 'cli', 'main.mjs'))) throw new Error('dist/ is missing: run `npm run build` first (npm test does).');
});

describe('vanphong convert / export', () => {
  it('converts plain text to the model, Word and PDF, printing what it recognised', () => {
    const out = tmp('vanphong-convert-');
    const r = vanphong(['convert', path.join(fixtures, 'state-ke-hoach-header.txt'), '--out', out]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('Nhận ra:');
    expect(r.out).toMatch(/Số, ký hiệu: 05\/KH-SNV/);
    for (const ext of ['json', 'docx', 'pdf']) expect(fs.existsSync(path.join(out, `state-ke-hoach-header.${ext}`)), ext).toBe(true);
    const model = JSON.parse(fs.readFileSync(path.join(out, 'state-ke-hoach-header.json'), 'utf8'));
    expect(model.profile).toBe('state');
    expect(model.docType).toBe('ke-hoach');
    expect(fs.readFileSync(path.join(out, 'state-ke-hoach-header.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('still converts text that is not an official document, warning what is missing', () => {
    const out = tmp('vanphong-convert-');
    const r = vanphong(['convert', path.join(fixtures, 'not-a-document.txt'), '--out', out, '--json']);
    expect(r.code, r.err).toBe(0);
    const res = JSON.parse(r.out);
    expect(res.files).toHaveLength(3);
    expect(res.warnings.join('\n')).toMatch(/Không thấy/);
  });

  it('refuses an empty or binary input instead of importing its bytes, writing nothing', () => {
    const dir = tmp('vanphong-convert-bad-');
    fs.writeFileSync(path.join(dir, 'rong.txt'), '');
    fs.writeFileSync(path.join(dir, 'scan.pdf'), '%PDF-1.4\n1 0 obj\n<<>>\nendobj\n');
    for (const [f, message] of [['rong.txt', /rỗng/], ['scan.pdf', /không phải văn bản dạng chữ/]] as const) {
      const out = path.join(dir, `out-${f}`);
      const r = vanphong(['convert', path.join(dir, f), '--out', out]);
      expect(r.code).not.toBe(0);
      expect(r.err).toMatch(message);
      expect(fs.existsSync(out)).toBe(false);
    }
    const unknown = vanphong(['convert', path.join(dir, 'rong.txt'), '--bogus']);
    expect(unknown.err).toContain('không có tùy chọn «--bogus»');
  });

  it('exports a model JSON, and refuses a bad one with the exact path and reason, writing nothing', () => {
    const dir = tmp('vanphong-export-');
    const good = path.join(dir, 'ke-hoach.json');
    fs.writeFileSync(good, JSON.stringify(statePlan(2)));
    const out = path.join(dir, 'out');
    const r = vanphong(['export', good, '--out', out, '--pdf']);
    expect(r.code, r.err).toBe(0);
    expect(fs.readdirSync(out)).toEqual(['ke-hoach.pdf']);

    const cases: [unknown, RegExp][] = [
      [{ ...statePlan(1), signature: { ...statePlan(1).signature, authority: 'T/M' } }, /signature\.authority: Quyền hạn ký «T\/M» thuộc thể thức văn bản Đảng/],
      [{ ...statePlan(1), docType: 'XYZ' }, /docType: Tên loại văn bản không có trong danh mục/],
      [{ ...statePlan(1), date: '2026-02-30' }, /date: Ngày ban hành không hợp lệ/],
    ];
    for (const [model, message] of cases) {
      const bad = path.join(dir, 'bad.json');
      fs.writeFileSync(bad, JSON.stringify(model));
      const badOut = path.join(dir, 'bad-out');
      const e = vanphong(['export', bad, '--out', badOut]);
      expect(e.code).not.toBe(0);
      expect(e.err).toMatch(message);
      expect(fs.existsSync(badOut)).toBe(false);
    }
    fs.writeFileSync(path.join(dir, 'broken.json'), '{ "profile": ');
    const broken = vanphong(['export', path.join(dir, 'broken.json'), '--out', path.join(dir, 'x')]);
    expect(broken.code).not.toBe(0);
    expect(broken.err).toMatch(/không phải JSON hợp lệ/);
  });
});

describe('vanphong draft import (text)', () => {
  it('makes an unnumbered, undated draft and prints the source’s number and date as "in the source"; convert keeps them', async () => {
    const dir = await provisionedDataDir('vanphong-cli-draft-import-');
    const file = path.join(fixtures, 'state-ke-hoach-header.txt');
    const r = asTester(['draft', 'import', file, '--data-dir', dir]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^Đã tạo dự thảo số 1: /);
    expect(r.out).toContain('Trong văn bản gốc: Số 05/KH-SNV, ngày 07/03/2024 — bản dự thảo để trống số và ngày');
    const json = JSON.parse(asTester(['draft', 'import', file, '--json', '--data-dir', dir]).out);
    expect(json.source).toEqual({ number: 5, notation: 'KH-SNV', date: '2024-03-07', text: 'Số 05/KH-SNV, ngày 07/03/2024' });
    await withDataDir(dir, async (app) => {
      for (const id of [1, 2]) expect(getDraftRow(app.db, id)?.model).toMatchObject({ number: null, date: null, notation: 'KH-SNV', docType: 'ke-hoach' });
    });
    // convert reproduces the document as it is: number and date stay.
    const out = tmp('vanphong-convert-keep-');
    expect(vanphong(['convert', file, '--out', out]).code).toBe(0);
    expect(JSON.parse(fs.readFileSync(path.join(out, 'state-ke-hoach-header.json'), 'utf8'))).toMatchObject({ number: 5, date: '2024-03-07' });
  });
});
