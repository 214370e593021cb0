import { describe, expect, it } from 'vitest';
import { optionalText, requiredText } from '../../shared/api/fields';
import { cleanText, controlCharIn, escapeControls } from '../../shared/text/hygiene';
import { foldVietnamese } from '../../shared/text/fold';
import { registerIncomingInput } from '../../shared/incoming/schemas';
import { draftSchema } from '../../shared/drafting/model';
import { statePlan } from '../fixtures/sample-drafts';

describe('one normaliser for every text field', () => {
  const ref = requiredText('số và ký hiệu', 42);
  const note = optionalText('ghi chú', 2000);

  it('refuses NUL, escape and other control characters, naming the field and the character', () => {
    for (const [bad, code] of [['70\u0000/KH', 'U+0000'], ['\u001b[31m70/KH', 'U+001B'], ['70/KH\u0085', 'U+0085']] as const) {
      const r = ref.safeParse(bad);
      expect(r.success).toBe(false);
      expect(r.error!.issues[0].message).toBe(`Số và ký hiệu chứa ký tự điều khiển không được phép (${code}).`);
    }
    expect(controlCharIn('Dòng một\nDòng hai\tcột')).toBeNull();
  });

  it('removes zero-width and bidi characters and stores NFC, so look-alikes are the same text', () => {
    const nfd = 'Ủy ban'.normalize('NFD');
    expect(ref.parse('70\u200B/KH-\u202EUBND\uFEFF')).toBe('70/KH-UBND');
    expect(ref.parse('70/KH-UBND\uFE0F\u{E0041}\u3164')).toBe('70/KH-UBND');
    expect(ref.parse('70/\u2028KH')).toBe('70/ KH');
    expect(requiredText('tên', 100).parse(` ${nfd}\u200D nhân dân `)).toBe('Ủy ban nhân dân');
    expect(foldVietnamese('Sở\u200B Tài chính')).toBe(foldVietnamese('Sở Tài chính'));
  });

  it('keeps line breaks only where the field takes lines', () => {
    expect(ref.parse('70/\r\nKH')).toBe('70/ KH');
    expect(note.parse('Dòng một\r\nDòng hai')).toBe('Dòng một\nDòng hai');
    expect(cleanText('a\t\tb')).toBe('a b');
    expect(cleanText('a\tb', { lines: true })).toBe('a\tb');
  });

  it('applies to the register and the drafting model alike', () => {
    const r = registerIncomingInput.safeParse({ sender: 'UBND\u0007 tỉnh', ref: '1/KH', docDate: '2026-01-02', subject: 'Về việc' });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0].path).toEqual(['sender']);
    const plan = statePlan(1);
    const d = draftSchema.safeParse({ ...plan, subject: `Kế hoạch\u0000 năm` });
    expect(d.success).toBe(false);
    expect(draftSchema.parse({ ...plan, subject: 'Kế\u200B hoạch' }).subject).toBe('Kế hoạch');
  });

  it('escapes control characters and bidi overrides for the terminal, keeping tab and newline', () => {
    expect(escapeControls('a\u001b[2Jb\u202Ec\n\td')).toBe('a\\u{1b}[2Jb\\u{202e}c\n\td');
  });
});
