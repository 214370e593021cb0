import { describe, expect, it } from 'vitest';
import type { DraftInput } from '../../shared/drafting/model';
import { diffDrafts, diffLines, diffWords, foldUnchanged } from '../../shared/drafting/version-diff';
import { statePlan } from '../fixtures/sample-drafts';

describe('what changed between two versions of a draft', () => {
  it('compares lines, showing a line edited once, word by word', () => {
    const d = diffLines(['a', 'Kinh phí do ngân sách tỉnh bảo đảm.', 'c'], ['a', 'Kinh phí do ngân sách huyện bảo đảm.', 'c', 'd']);
    expect(d.map((l) => `${l.op} ${l.text}`)).toEqual(['same a', 'change Kinh phí do ngân sách huyện bảo đảm.', 'same c', 'add d']);
    expect(d[1].before).toBe('Kinh phí do ngân sách tỉnh bảo đảm.');
    expect(d[1].words).toEqual([
      { op: 'same', text: 'Kinh phí do ngân sách ' },
      { op: 'del', text: 'tỉnh' },
      { op: 'add', text: 'huyện' },
      { op: 'same', text: ' bảo đảm.' },
    ]);
  });

  it('does not pair two lines that have little in common', () => {
    expect(diffWords('Mục đích', 'Tổ chức thực hiện trong toàn tỉnh')).toBeNull();
    expect(diffLines(['Mục đích'], ['Tổ chức thực hiện trong toàn tỉnh']).map((l) => l.op)).toEqual(['del', 'add']);
    expect(diffWords('thêm vào đây', 'thêm hai từ vào đây')).toEqual([
      { op: 'same', text: 'thêm ' },
      { op: 'add', text: 'hai từ ' },
      { op: 'same', text: 'vào đây' },
    ]);
  });

  it('lists a Quyết định’s thẩm quyền ban hành when it changed', () => {
    const v1: DraftInput = { ...(statePlan(1) as DraftInput), docType: 'quyet-dinh', competence: 'Giám đốc Sở Nội vụ' };
    const diff = diffDrafts(v1, { ...v1, competence: 'Chủ tịch Ủy ban nhân dân tỉnh Ninh Bình' });
    expect(diff.map((s) => s.label)).toEqual(['Thẩm quyền ban hành']);
  });

  it('lists only the sections that changed: a paragraph added to the body and a new signer', () => {
    const v1 = statePlan(1) as DraftInput;
    const v2: DraftInput = {
      ...v1,
      body: [...(v1.body ?? []), { kind: 'paragraph', text: 'Kinh phí thực hiện từ ngân sách tỉnh năm 2026.' }],
      signature: { ...v1.signature, name: 'Nguyễn Văn An' },
    };
    const diff = diffDrafts(v1, v2);
    expect(diff.map((s) => s.label)).toEqual(['Nội dung', 'Người ký']);
    const body = diff[0];
    expect(body).toMatchObject({ added: 1, removed: 0, changed: 0 });
    expect(body.lines.filter((l) => l.op === 'add').map((l) => l.text)).toEqual(['Kinh phí thực hiện từ ngân sách tỉnh năm 2026.']);
    expect(diff[1].lines.filter((l) => l.op !== 'same').map((l) => `${l.op} ${l.before} → ${l.text}`)).toEqual([`change Họ tên: ${v1.signature.name} → Họ tên: Nguyễn Văn An`]);
    expect(diffDrafts(v1, structuredClone(v1))).toEqual([]);
  });

  it('folds long unchanged runs, keeping one line of context', () => {
    const a = ['1', '2', '3', '4', '5', '6'];
    const shown = foldUnchanged(diffLines(a, ['1', '2', '3', '4', '5', 'sáu']));
    expect(shown).toEqual([{ op: 'skip', count: 4 }, { op: 'same', text: '5' }, { op: 'del', text: '6' }, { op: 'add', text: 'sáu' }]);
    expect(foldUnchanged(diffLines(['1', '2', '3'], ['1', '2', '3']))).toEqual([{ op: 'skip', count: 3 }]);
  });
});
