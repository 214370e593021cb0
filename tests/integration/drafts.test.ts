import { describe, expect, it } from 'vitest';
import { call, callErr, rowsCount, tempApp } from '../helpers/app';
import { draftSchema } from '../../shared/drafting/model';
import { draftTemplate, draftableTypes } from '../../shared/drafting/templates';
import { PROFILE_IDS } from '../../shared/drafting/model';
import { statePlan } from '../fixtures/sample-drafts';

describe('drafts API', () => {
  it('saves, lists, reloads, updates and deletes a draft; a bad model changes nothing', async () => {
    const app = await tempApp();
    const saved = await call(app, 'drafts.save', { draft: statePlan(1) });
    expect(saved.id).toBe(1);
    expect(saved.draft.signature.authority).toBe('TM.');
    const list = await call(app, 'drafts.list', {});
    expect(list.map((d) => [d.id, d.docType, d.subject])).toEqual([[1, 'ke-hoach', 'Tổ chức Tháng hành động vì hợp tác xã năm 2026']]);

    const changed = await call(app, 'drafts.save', { id: 1, draft: { ...statePlan(1), subject: 'Kế hoạch sửa' } });
    expect(changed.subject).toBe('Kế hoạch sửa');
    expect((await call(app, 'drafts.get', { id: 1 })).draft.subject).toBe('Kế hoạch sửa');

    const bad = await callErr(app, 'drafts.save', { id: 1, draft: { ...statePlan(1), signature: { ...statePlan(1).signature, authority: 'T/M' } } });
    expect(bad).toMatchObject({ code: 'VALIDATION', field: 'draft.signature.authority' });
    expect((await call(app, 'drafts.get', { id: 1 })).draft.signature.authority).toBe('TM.');
    expect(await callErr(app, 'drafts.save', { id: 99, draft: statePlan(1) })).toMatchObject({ code: 'NOT_FOUND' });
    expect(rowsCount(app, 'drafts')).toBe(1);

    expect(await call(app, 'drafts.delete', { id: 1 })).toEqual({ deleted: true });
    expect(await callErr(app, 'drafts.get', { id: 1 })).toMatchObject({ code: 'NOT_FOUND' });
    await app.cleanup();
  });

  it('renders a draft to PDF with its signature slots, and parses pasted text', async () => {
    const app = await tempApp();
    const pdf = await call(app, 'drafting.render', { draft: statePlan(1), format: 'pdf' });
    expect(pdf.fileName).toBe('ke-hoach-70-kh-btvlmhtxvn.pdf');
    expect(pdf.pageCount).toBeGreaterThanOrEqual(1);
    expect(pdf.slots?.map((s) => s.kind)).toEqual(['signature', 'seal']);
    const parsed = await call(app, 'drafting.parseText', { text: 'ỦY BAN NHÂN DÂN\nTỈNH BẮC NINH\nSố: 12/KH-UBND\nBắc Ninh, ngày 03 tháng 3 năm 2026\n\nKẾ HOẠCH\nPhòng, chống thiên tai năm 2026\n\nNội dung kế hoạch./.\n\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nNguyễn Văn A' });
    expect(parsed.draft).toMatchObject({ number: 12, date: '2026-03-03', docType: 'ke-hoach' });
    await app.cleanup();
  });
});

describe('templates', () => {
  it('every type a profile offers starts from a template that validates', () => {
    for (const profile of PROFILE_IDS) {
      const types = draftableTypes(profile);
      expect(types.slice(0, 3).map((t) => t.code)).toEqual(['ke-hoach', 'chuong-trinh', 'cong-van']);
      for (const t of types) {
        const r = draftSchema.safeParse(draftTemplate({ profile, docType: t.code, organ: 'Sở Nội vụ', place: 'Hà Nội' }));
        expect(r.success, `${profile}/${t.code}: ${r.success ? '' : r.error.issues[0].message}`).toBe(true);
      }
    }
  });
});
