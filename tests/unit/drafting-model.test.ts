import { describe, expect, it } from 'vitest';
import { draftSchema } from '../../shared/drafting/model';
import { numberLine, padNumber, placeDateLine, buildNotation } from '../../shared/drafting/notation';
import { PARTY_PROFILE, STATE_PROFILE } from '../../shared/drafting/profiles';
import { buildPlan, parseInline, plainText } from '../../shared/drafting/plan';
import { partyProgramme, statePlan, stateLetter } from '../fixtures/sample-drafts';

describe('numbers and dates by the rules (ND30 Phụ lục I, II.3–4)', () => {
  it('pads numbers below 10, days below 10 and only months 1 and 2', () => {
    expect(padNumber(5)).toBe('05');
    expect(padNumber(70)).toBe('70');
    expect(placeDateLine('Hà Nội', '2020-01-05')).toBe('Hà Nội, ngày 05 tháng 01 năm 2020');
    expect(placeDateLine('Hà Nội', '2024-02-07')).toBe('Hà Nội, ngày 07 tháng 02 năm 2024');
    expect(placeDateLine('Thành phố Hồ Chí Minh', '2019-06-29')).toBe('Thành phố Hồ Chí Minh, ngày 29 tháng 6 năm 2019');
    expect(placeDateLine('Huế', '2026-03-09')).toBe('Huế, ngày 09 tháng 3 năm 2026');
  });

  it('writes the number in each profile’s notation, or leaves a blank before it is issued', () => {
    const s = draftSchema.parse(statePlan(1));
    expect(numberLine(s, STATE_PROFILE)).toBe('Số: 70/KH-BTVLMHTXVN');
    const p = draftSchema.parse(partyProgramme());
    expect(numberLine(p, PARTY_PROFILE)).toBe('Số 01-CTr/ĐU');
    const l = draftSchema.parse(stateLetter());
    expect(buildNotation(l, STATE_PROFILE)).toBe('SNV-VP');
    expect(numberLine(l, STATE_PROFILE)).toMatch(/^Số:\s+\/SNV-VP$/);
  });
});

describe('the model refuses what the rules forbid, saying where and why', () => {
  const issues = (input: unknown) => {
    const r = draftSchema.safeParse(input);
    return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };
  it('a Party signature prefix in a State document', () => {
    const d = statePlan(1);
    expect(issues({ ...d, signature: { ...d.signature, authority: 'T/M' } })).toEqual([
      'signature.authority: Quyền hạn ký «T/M» thuộc thể thức văn bản Đảng; thể thức này dùng TM., KT., TL., TUQ. hoặc Q.',
    ]);
    expect(issues({ ...d, signature: { ...d.signature, authority: '', title: 'K/T BÍ THƯ\nPHÓ BÍ THƯ' } })[0]).toMatch(/^signature\.title: .*«K\/T»/);
  });
  it('a State prefix in a Party document', () => {
    const d = partyProgramme();
    expect(issues({ ...d, signature: { ...d.signature, authority: 'TM.' } })[0]).toMatch(/^signature\.authority: .*thể thức văn bản hành chính/);
  });
  it('a missing trích yếu (a mandatory part of every type)', () => {
    expect(issues({ ...statePlan(1), subject: '' })).toEqual(['subject: Trích yếu không được để trống.']);
    expect(issues({ ...stateLetter(), subject: '   ' })).toEqual(['subject: Trích yếu không được để trống.']);
  });
  it('an unknown type abbreviation, an impossible date, a type the profile does not have', () => {
    expect(issues({ ...statePlan(1), docType: 'XYZ' })).toEqual(['docType: Tên loại văn bản không có trong danh mục.']);
    expect(issues({ ...statePlan(1), date: '2026-02-30' })[0]).toMatch(/^date: Ngày ban hành không hợp lệ/);
    expect(issues({ ...partyProgramme(), docType: 'giay-moi' })[0]).toMatch(/^docType: Loại «Giấy mời» không có trong thể thức văn bản Đảng/);
    expect(issues({ ...statePlan(1), docType: 'KH' })).toEqual([]);
  });
});

describe('the print plan', () => {
  it('reads **bold** and *italic* markup', () => {
    expect(parseInline('- *Thời gian:* Tháng **3**/2026')).toEqual([
      { text: '- ' },
      { text: 'Thời gian:', italic: true },
      { text: ' Tháng ' },
      { text: '3', bold: true },
      { text: '/2026' },
    ]);
  });
  it('builds the State header, title, "./." end, Nơi nhận and signature from the profile', () => {
    const plan = buildPlan(draftSchema.parse(statePlan(1)));
    const text = (role: string) => plan.header.flatMap((r) => [...r.left, ...r.right]).filter((p) => p.role === role).map((p) => plainText(p.runs));
    expect(text('organ')).toEqual(['LIÊN MINH HỢP TÁC XÃ VIỆT NAM', 'BAN THƯỜNG VỤ']);
    expect(text('national-title')).toEqual(['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc']);
    expect(text('place-date')).toEqual(['Hà Nội, ngày 07 tháng 02 năm 2026']);
    const flow = plan.flow.filter((f) => f.kind === 'para');
    expect(plainText(flow[0].runs)).toBe('KẾ HOẠCH');
    expect(plainText(flow[flow.length - 1].runs)).toMatch(/\.\/\.$/);
    const left = plan.closing.left.map((p) => plainText(p.runs));
    expect(left[0]).toBe('Nơi nhận:');
    expect(left).toContain('- Văn phòng Chính phủ (để b/c);');
    expect(left[left.length - 1]).toBe('- Lưu: VT, KHHT.');
    expect(plan.closing.right.map((p) => plainText(p.runs))).toEqual(['TM. BAN THƯỜNG VỤ', 'CHỦ TỊCH', 'Cao Xuân Thu Vân']);
  });
  it('builds the Party forms: "*" under the organ, T/M, "Lưu" without colon, underlined Nơi nhận', () => {
    const plan = buildPlan(draftSchema.parse(partyProgramme()));
    expect(plan.header[0].left.map((p) => plainText(p.runs))).toContain('*');
    expect(plan.header[0].right.map((p) => plainText(p.runs))).toEqual(['ĐẢNG CỘNG SẢN VIỆT NAM']);
    expect(plan.closing.left[0].runs[0].underline).toBe(true);
    expect(plainText(plan.closing.left[plan.closing.left.length - 1].runs)).toBe('- Lưu Văn phòng Đảng ủy.');
    expect(plainText(plan.closing.right[0].runs)).toBe('T/M BAN THƯỜNG VỤ');
  });
  it('gives a Công văn no type line, "V/v" under the number, Kính gửi and "Như trên" first', () => {
    const plan = buildPlan(draftSchema.parse(stateLetter()));
    expect(plan.flow.some((f) => f.kind === 'para' && f.role === 'type-name')).toBe(false);
    expect(plan.header[1].left.map((p) => plainText(p.runs))).toContain('V/v góp ý dự thảo Quy chế làm việc');
    expect(plan.flow.filter((f) => f.kind === 'para' && f.role === 'addressee').map((f) => f.kind === 'para' && plainText(f.runs))).toEqual([
      'Kính gửi:',
      '- Văn phòng Ủy ban nhân dân tỉnh;',
      '- Sở Tư pháp.',
    ]);
    expect(plainText(plan.closing.left[1].runs)).toBe('- Như trên;');
  });
  it('puts độ mật and độ khẩn under the number, the khẩn stamp in its frame (20/40/30 mm)', () => {
    const plan = buildPlan(draftSchema.parse({ ...stateLetter(), urgency: 'thuong-khan', secrecy: 'mat' }));
    const left = plan.header[1].left;
    expect(left.map((p) => plainText(p.runs))).toEqual([`Số: ${'\u00a0'.repeat(8)}/SNV-VP`, 'V/v góp ý dự thảo Quy chế làm việc', 'MẬT', 'THƯỢNG KHẨN']);
    expect(left[3].frameMm).toBe(40);
    expect(buildPlan(draftSchema.parse({ ...stateLetter(), urgency: 'hoa-toc' })).header[1].left.find((p) => p.role === 'urgency')!.frameMm).toBe(30);
  });
});
