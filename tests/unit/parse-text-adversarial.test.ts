import { describe, expect, it } from 'vitest';
import { parseOfficialText } from '../../shared/drafting/parse-text';
import { findRefLine } from '../../shared/intake/ref';
import { propose } from '../../shared/intake/propose';

/**
 * Text from outside reaches the importer and the extraction's field reader on the API thread (and the renderer): a
 * pattern that backtracks over a long run is a hang for every user. Each input below took from seconds to minutes
 * before its pattern was rewritten (10,000 spaces after "Số": 205 s); the bound only catches a hang, it is no speed goal.
 */
const HANG_MS = 3_000;

const hostile: [string, string][] = [
  ['10,000 spaces after "Số" and before the end', `Số ${' '.repeat(10_000)}x`],
  ['a run of 10,000 spaces ending in "/"', `Nội dung ${' '.repeat(10_000)}/ x`],
  ['80,000 commas on one line', `Hà Nội${','.repeat(80_000)} x`],
  ['a date line whose fillers run for 20,000 dots', `Hà Nội, ngày ${'.'.repeat(20_000)} tháng`],
  ['64,000 non-breaking spaces after "Số:"', `Số:${'\u00a0'.repeat(64_000)}12 x`],
  ['alternating dots and spaces, 40,000 of them', `V/v ${'. '.repeat(20_000)}`],
  ['2,000 lines of "/ ." fragments', Array.from({ length: 2_000 }, () => '  /  .  ').join('\n')],
];

describe('the importer and the field reader on hostile text', () => {
  it.each(hostile)('finish at once on %s', (_what, text) => {
    const t0 = performance.now();
    const parsed = parseOfficialText(text);
    expect(parsed.draft).toBeDefined();
    findRefLine(text);
    const p = propose({ file: { name: 'x.txt', kind: 'text', size: text.length }, text, firstPage: text, source: 'plain', pageCount: null, now: new Date('2026-12-06T03:00:00Z') });
    expect(p.warnings).toBeDefined();
    expect(performance.now() - t0).toBeLessThan(HANG_MS);
  });

  it('still reads what the rewritten patterns read: the end mark, a date with fillers, a spaced "Số :"', () => {
    const d = parseOfficialText('SỞ NỘI VỤ\nSố : 12 / KH-SNV\nNinh Bình, ngày 07 tháng 3 năm 2025\n\nKẾ HOẠCH\nTriển khai\n\nNội dung cuối .  / .\n\nNơi nhận:\n- Lưu: VT.\n\nGIÁM ĐỐC\n\nNguyễn Văn An').draft;
    expect([d.number, d.notation, d.date, d.place]).toEqual([12, 'KH-SNV', '2025-03-07', 'Ninh Bình']);
    expect(JSON.stringify(d.body)).not.toContain('/ .');
    expect(parseOfficialText('SỞ NỘI VỤ\nSố:   /KH-SNV\nNinh Bình, ngày ...... tháng ...... năm 2025\n\nKẾ HOẠCH\nA').draft.date).toBeNull();
    expect(findRefLine('So :  01 - CTr/ĐU')).toMatchObject({ number: 1, notation: 'CTr/ĐU', sep: '-' });
  });
});
