import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { draftSchema } from '../../shared/drafting/model';
import { asNewDraft, sourceLine } from '../../shared/drafting/import-draft';
import { parseOfficialText } from '../../shared/drafting/parse-text';

const read = (name: string) => fs.readFileSync(path.resolve(__dirname, '../fixtures/drafting', name), 'utf8');

const PLAN_70 = `ỦY BAN NHÂN DÂN
TỈNH BẮC NINH
Số: 70/KH-UBND
Bắc Ninh, ngày 07 tháng 02 năm 2024

KẾ HOẠCH
Triển khai chuyển đổi số năm 2024

Nội dung kế hoạch./.

TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH

Nguyễn Văn A`;

describe('a new draft from imported text starts unnumbered and undated', () => {
  it('drops the source’s number and date from the draft and keeps them as "in the source"', () => {
    const r = asNewDraft(parseOfficialText(PLAN_70));
    expect(r.draft.number).toBeNull();
    expect(r.draft.date).toBeNull();
    expect(r.source).toEqual({ number: 70, notation: 'KH-UBND', date: '2024-02-07', text: 'Số 70/KH-UBND, ngày 07/02/2024' });
    expect(sourceLine(r.source!)).toBe('Trong văn bản gốc: Số 70/KH-UBND, ngày 07/02/2024');
    expect(r.recognised).toContain('Số, ký hiệu (văn bản gốc): 70/KH-UBND');
    expect(r.recognised).toContain('Ngày (văn bản gốc): 07/02/2024');
    // Everything else the import found stays: the type and the ký hiệu that goes with the organ.
    expect(r.draft).toMatchObject({ docType: 'ke-hoach', notation: 'KH-UBND', organAbbr: 'UBND', place: 'Bắc Ninh', subject: 'Triển khai chuyển đổi số năm 2024' });
    expect(draftSchema.safeParse(r.draft).success).toBe(true);
  });

  it('writes the Party number in its own form, pads a number below 10, and has no source without number or date', () => {
    const party = asNewDraft(parseOfficialText(read('party-chuong-trinh.txt')));
    expect(party.draft.number).toBeNull();
    expect(party.draft.date).toBeNull();
    expect(party.source?.text).toBe('Số 01-CTr/ĐU, ngày 15/01/2025');
    const state = asNewDraft(parseOfficialText(read('state-ke-hoach-header.txt')));
    expect(state.source?.text).toBe('Số 05/KH-SNV, ngày 07/03/2024');
    expect(asNewDraft(parseOfficialText(read('not-a-document.txt'))).source).toBeNull();
  });

  it('does the same for text pasted from a PDF viewer (hard-wrapped, columns merged, page numbers in it)', () => {
    const text = fs.readFileSync(path.resolve(__dirname, '../fixtures/intake/shapes/party-programme.viewer.txt'), 'utf8');
    const r = asNewDraft(parseOfficialText(text));
    expect([r.draft.number, r.draft.date]).toEqual([null, null]);
    expect(r.source?.text).toBe('Số 01-CTr/ĐU, ngày 05/03/2025');
    expect(r.recognised).toEqual(expect.arrayContaining(['Số, ký hiệu (văn bản gốc): 01-CTr/ĐU', 'Tiêu đề: CHƯƠNG TRÌNH HÀNH ĐỘNG', 'Tên loại: Chương trình']));
    expect(r.draft).toMatchObject({ profile: 'party', docType: 'chuong-trinh', title: 'CHƯƠNG TRÌNH HÀNH ĐỘNG', organ: 'ĐẢNG ỦY MẶT TRẬN TỔ QUỐC, CÁC ĐOÀN THỂ TRUNG ƯƠNG' });
    expect(r.warnings).toEqual([]);
    expect(draftSchema.safeParse(r.draft).success).toBe(true);
  });

  it('leaves the plain parse (convert, extraction) with the source’s number and date', () => {
    const r = parseOfficialText(PLAN_70);
    expect(r.draft.number).toBe(70);
    expect(r.draft.date).toBe('2024-02-07');
  });
});
