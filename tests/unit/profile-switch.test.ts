import { describe, expect, it } from 'vitest';
import { draftSchema, type DraftInput } from '../../shared/drafting/model';
import { describeSwitch, switchProfile } from '../../shared/drafting/profile-switch';
import { draftTemplate } from '../../shared/drafting/templates';

const own = { organ: 'Ủy ban nhân dân tỉnh Bắc Ninh', organAbbr: 'UBND', place: 'Bắc Ninh' };
const stateTemplate = (docType = 'ke-hoach'): DraftInput => draftTemplate({ profile: 'state', docType, ...own });

describe('switching a draft between the State and Party profiles', () => {
  it('re-applies the Party defaults to a State template left as it was, and lists what changed', () => {
    const s = switchProfile(stateTemplate(), 'party');
    expect(s.draft.profile).toBe('party');
    expect(s.draft.signature).toMatchObject({ authority: 'T/M', onBehalfOf: 'Ban Thường vụ', title: 'Bí thư' });
    expect(s.draft.archive).toEqual(['Văn phòng']);
    expect(s.changed.map((c) => c.label)).toEqual(['Quyền hạn ký', 'Thay mặt / ký thay cho', 'Chức vụ', 'Lưu']);
    expect(s.changed.find((c) => c.field === 'signature.onBehalfOf')).toMatchObject({ from: 'Ủy ban nhân dân', to: 'Ban Thường vụ' });
    expect(s.kept).toEqual([]);
    // The result is a valid Party draft once the placeholders are filled.
    expect(draftSchema.safeParse({ ...s.draft, signature: { ...s.draft.signature, name: 'Nguyễn Văn An' } }).success).toBe(true);
  });

  it('leaves the user’s own wording alone, but still gives the quyền hạn its Party form', () => {
    const d = stateTemplate();
    const mine: DraftInput = { ...d, signature: { authority: 'KT.', onBehalfOf: 'Ban Chấp hành', title: 'Phó Bí thư thường trực', name: 'Lê Văn Cường' }, archive: ['Ban Tổ chức'] };
    const s = switchProfile(mine, 'party');
    expect(s.draft.signature).toEqual({ authority: 'K/T', onBehalfOf: 'Ban Chấp hành', title: 'Phó Bí thư thường trực', name: 'Lê Văn Cường' });
    expect(s.draft.archive).toEqual(['Ban Tổ chức']);
    expect(s.changed).toEqual([{ field: 'signature.authority', label: 'Quyền hạn ký', from: 'KT.', to: 'K/T' }]);
    expect(s.kept.map((k) => k.label)).toEqual(['Thay mặt / ký thay cho', 'Chức vụ']);
  });

  it('treats a default in other capitals, or the default of another type, as not written by the user', () => {
    // Imported text prints the signature in capitals; the type was changed after the template was made.
    const d: DraftInput = { ...stateTemplate('ke-hoach'), docType: 'bao-cao', signature: { authority: 'TM.', onBehalfOf: 'ỦY BAN NHÂN DÂN', title: 'CHỦ TỊCH', name: 'Nguyễn Văn An' } };
    const s = switchProfile(d, 'party');
    expect(s.draft.signature).toMatchObject({ authority: 'T/M', onBehalfOf: 'Ban Thường vụ', title: 'Bí thư', name: 'Nguyễn Văn An' });
  });

  it('replaces only the default entry of the Lưu line, keeping the units', () => {
    const s = switchProfile({ ...stateTemplate(), archive: ['VT', 'KT'] }, 'party');
    expect(s.draft.archive).toEqual(['Văn phòng', 'KT']);
    expect(s.changed.find((c) => c.field === 'archive')).toMatchObject({ from: 'VT, KT', to: 'Văn phòng, KT' });
  });

  it('maps a quyền hạn written in the chức vụ line too', () => {
    const d: DraftInput = { ...stateTemplate(), signature: { authority: '', onBehalfOf: '', title: 'KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC', name: 'Trần B' }, archive: [] };
    const s = switchProfile(d, 'party');
    expect(s.draft.signature.title).toBe('K/T GIÁM ĐỐC\nPHÓ GIÁM ĐỐC');
    expect(s.changed.map((c) => c.field)).toEqual(['signature.title']);
  });

  it('falls back to Công văn for a type the Party profile lacks, and says so', () => {
    const s = switchProfile(stateTemplate('giay-moi'), 'party');
    expect(s.draft.docType).toBe('cong-van');
    expect(s.changed[0]).toMatchObject({ label: 'Tên loại', from: 'Giấy mời', to: 'Công văn' });
  });

  it('round-trips: back to State, the State defaults return', () => {
    const there = switchProfile(stateTemplate(), 'party').draft;
    const back = switchProfile(there, 'state');
    expect(back.draft.signature).toMatchObject({ authority: 'TM.', onBehalfOf: 'Ủy ban nhân dân', title: 'Chủ tịch' });
    expect(back.draft.archive).toEqual(['VT']);
  });

  it('knows the drafts made from the organisation’s signers (Cài đặt), and gives them back on the way home', () => {
    const org = { profile: 'state' as const, titles: { head: 'Giám đốc', deputy: 'Phó Giám đốc', collective: '' } };
    const d = draftTemplate({ profile: 'state', docType: 'ke-hoach', ...own, signers: org.titles });
    expect(d.signature).toMatchObject({ authority: '', onBehalfOf: '', title: 'Giám đốc' });
    const party = switchProfile(d, 'party', org);
    expect(party.draft.signature).toMatchObject({ authority: 'T/M', onBehalfOf: 'Ban Thường vụ', title: 'Bí thư' });
    expect(party.changed.map((c) => `${c.label}: ${c.from || '(trống)'} → ${c.to}`)).toEqual([
      'Quyền hạn ký: (trống) → T/M',
      'Thay mặt / ký thay cho: (trống) → Ban Thường vụ',
      'Chức vụ: Giám đốc → Bí thư',
      'Lưu: VT → Văn phòng',
    ]);
    expect(switchProfile(party.draft, 'state', org).draft.signature).toMatchObject({ authority: '', onBehalfOf: '', title: 'Giám đốc' });
  });

  it('does nothing when the profile is the same, and words the message in Vietnamese', () => {
    const d = stateTemplate();
    expect(switchProfile(d, 'state')).toEqual({ draft: d, changed: [], kept: [] });
    const s = switchProfile(d, 'party');
    expect(describeSwitch(s, 'party')).toBe(
      'Đã đổi theo thể thức văn bản của Đảng (HD 36): Quyền hạn ký (TM. → T/M); Thay mặt / ký thay cho (Ủy ban nhân dân → Ban Thường vụ); Chức vụ (Chủ tịch → Bí thư); Lưu (VT → Văn phòng).',
    );
  });
});
