import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, sampleIncoming, tempApp } from '../helpers/app';
import type { AppContext } from '../../electron/app/context';
import { makeDocx, makePdf } from '../fixtures/make-files';
import { buildMatch } from '../../electron/search/query';

let app: AppContext & { cleanup(): Promise<void> };
beforeEach(async () => {
  app = await tempApp();
});
afterEach(async () => app.cleanup());

describe('search over the incoming register', () => {
  it('finds Vietnamese with or without diacritics, including đ/Đ', async () => {
    const a = await call(app, 'incoming.register', sampleIncoming({ ref: '01-KH/ĐU', subject: 'Kế hoạch tổ chức Đại hội Đảng ủy', sender: 'Đảng ủy Khối' }));
    const b = await call(app, 'incoming.register', sampleIncoming({ ref: '12/BC-UBND', subject: 'Báo cáo tình hình kinh tế quý I', docType: 'Báo cáo' }));
    const ids = async (q: string) => (await call(app, 'search.query', { query: q })).map((h) => h.id);
    expect(await ids('dang uy')).toEqual([a.id]);
    expect(await ids('Đảng ủy')).toEqual([a.id]);
    expect(await ids('ke hoach')).toContain(a.id);
    expect(await ids('bao cao tinh hinh')).toEqual([b.id]);
    expect(await ids('12/BC-UBND')).toEqual([b.id]);
    expect(await ids('tinh hin')).toEqual([b.id]); // the last word is a prefix while typing
    expect(await ids('hoach bao')).toEqual([]);
    expect(await ids('"*) OR (')).toEqual([]); // FTS syntax is inert
    const hit = (await call(app, 'search.query', { query: 'dai hoi' }))[0];
    expect(hit.snippet).toContain('Đại hội'); // the snippet shows the original diacritics
    expect(hit.number).toBe('1/2026');
  });

  it('returns newest first and honours the limit', async () => {
    const records = Array.from({ length: 30 }, (_, i) => sampleIncoming({ ref: `${i + 1}/TB`, subject: `Thông báo lịch họp số ${i + 1}` }));
    await call(app, 'incoming.bulkRegister', { records });
    const hits = await call(app, 'search.query', { query: 'thong bao lich hop', limit: 5 });
    expect(hits.map((h) => h.number)).toEqual(['30/2026', '29/2026', '28/2026', '27/2026', '26/2026']);
  });

  it('finds words that appear only inside attachments (PDF and DOCX), after background extraction', async () => {
    const pdf = makePdf(['Bao cao tong ket cong tac phong chong lut bao nam 2025']);
    const docx = await makeDocx(['Phương án xử lý sạt lở bờ sông Đuống']);
    const d = await call(app, 'incoming.register', {
      ...sampleIncoming({ subject: 'Văn bản có tệp đính kèm' }),
      attachments: [
        { name: 'bao-cao.pdf', data: pdf },
        { name: 'phuong-an.docx', data: docx },
      ],
    });
    expect(app.indexer.status().pending).toBe(2);
    expect(await call(app, 'search.query', { query: 'phong chong lut' })).toEqual([]);
    await app.indexer.runUntilIdle();
    expect(app.indexer.status()).toMatchObject({ pending: 0, done: 2 });
    const h1 = await call(app, 'search.query', { query: 'phong chong lut bao' });
    expect(h1.map((h) => h.id)).toEqual([d.id]);
    expect(h1[0].snippet).toMatch(/phong chong lut bao/i);
    const h2 = await call(app, 'search.query', { query: 'sat lo bo song duong' });
    expect(h2.map((h) => h.id)).toEqual([d.id]);
    expect(h2[0].snippet).toContain('sạt lở bờ sông Đuống');
    const detail = await call(app, 'incoming.get', { id: d.id });
    expect(detail.attachments.map((a) => [a.name, a.mime, a.textStatus])).toEqual([
      ['bao-cao.pdf', 'application/pdf', 'done'],
      ['phuong-an.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'done'],
    ]);
    expect(detail.attachments[0].pageCount).toBe(1);
  });

  it('builds safe MATCH expressions', () => {
    expect(buildMatch('Kế hoạch')).toBe('"ke" "hoach"*');
    expect(buildMatch('  ')).toBeNull();
    expect(buildMatch('a"b', 'meta')).toBe('meta : ("a" "b"*)');
  });
});
