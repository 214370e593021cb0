import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { call, sampleIncoming, tempDir } from '../helpers/app';
import { provisionedDataDir, vanphong } from '../helpers/cli';
import { makePdf } from '../fixtures/make-files';

describe('vanphong hoso', () => {
  it('makes a hồ sơ, puts a document in it, closes it, hands it over and verifies the package; a changed byte is named', async () => {
    let docId = 0;
    const dir = await provisionedDataDir('vanphong-hoso-', async (app, tester) => {
      await call(app, 'settings.saveOrganisation', { profile: 'state', name: 'Sở Nội vụ', organId: '000.00.12.H06' }, tester);
      const d = await call(app, 'incoming.register', { ...sampleIncoming({ ref: '7/TB-VP' }), attachments: [{ name: 'thong-bao.pdf', data: makePdf(['Thong bao so 7 cua Van phong']) }] }, tester);
      await call(app, 'incoming.setStatus', { id: d.id, status: 'hoan-thanh' }, tester);
      docId = d.id;
    });
    const added = vanphong(['hoso', 'add', '--code', 'TH.01', '--title', 'Hồ sơ thông báo của Văn phòng', '--year', '2026', '--retention', '1.1', '--json', '--data-dir', dir]);
    expect(added.err).toBe('');
    const id = JSON.parse(added.out).id as number;
    expect(JSON.parse(added.out)).toMatchObject({ code: 'TH.01', fileCode: '000.00.12.H06.2026.TH.01', retention: { label: '5 năm' } });

    const doc = vanphong(['hoso', 'add-doc', String(id), '--incoming', String(docId), '--data-dir', dir]);
    expect(doc.out).toContain(`Đã đưa văn bản đến mã ${docId} vào hồ sơ TH.01.`);
    expect(doc.out).toMatch(/ {2}1\. Văn bản đến 7\/TB-VP {2}10\/03\/2026 .*\(trang 1\)/);

    const closed = vanphong(['hoso', 'close', String(id), '--data-dir', dir]);
    expect(closed.out).toContain('Đã kết thúc hồ sơ TH.01: 1 văn bản, 1 trang.');

    const out = path.join(tempDir('vanphong-hoso-out-'), 'goi.zip');
    const handed = vanphong(['hoso', 'handover', String(id), '--out', out, '--json', '--data-dir', dir]);
    const pkg = JSON.parse(handed.out) as { sha256: string; files: number };
    expect(pkg.files).toBe(4);
    const ok = vanphong(['hoso', 'verify', out, '--data-dir', dir]);
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('Gói nộp lưu hợp lệ: 4 tệp đúng mã băm, metadata.xml khớp.');
    expect(ok.out).toContain(`Đúng gói đã nộp lưu của hồ sơ TH.01 (mã ${id}).`);

    const bytes = fs.readFileSync(out);
    bytes[bytes.indexOf('Thong bao so 7')] ^= 0x20;
    fs.writeFileSync(out, bytes);
    const changed = vanphong(['hoso', 'verify', out, '--data-dir', dir]);
    expect(changed.code).toBe(3);
    expect(changed.out).toContain('files/001-thong-bao.pdf: nội dung đã bị thay đổi: mã SHA-256 không khớp bản kê');
  });
});
