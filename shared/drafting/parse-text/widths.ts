/**
 * Natural widths of text in Times New Roman (ND30 Phụ lục I: the only font of an official document), in thousandths
 * of an em: enough to tell whether a line of a hard-wrapped text ended because the next word did not fit (a wrapped
 * line) or because its paragraph ended. Figures from the metric-compatible Tinos the exporters embed.
 */

// Advance widths of " " (32) to "~" (126).
const REGULAR = [
  250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250, 278, 500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 278, 278, 564, 564, 564, 444, 921, 722,
  667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722, 556, 722, 667, 556, 611, 722, 722, 944, 722, 722, 611, 333, 278, 333, 469, 500, 333, 444, 500, 444,
  500, 444, 333, 500, 500, 278, 278, 500, 278, 778, 500, 500, 500, 500, 333, 389, 278, 500, 500, 722, 500, 500, 444, 480, 200, 480, 541,
];
const BOLD = [
  250, 333, 555, 500, 500, 1000, 833, 278, 333, 333, 500, 570, 250, 333, 250, 278, 500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 333, 333, 570, 570, 570, 500, 930, 722,
  667, 722, 722, 667, 611, 778, 778, 389, 500, 778, 667, 944, 722, 778, 611, 778, 722, 556, 667, 722, 722, 1000, 722, 722, 667, 333, 278, 333, 581, 500, 333, 500, 556, 444,
  556, 444, 333, 500, 556, 278, 333, 556, 278, 833, 556, 500, 556, 556, 444, 389, 333, 556, 500, 722, 500, 500, 444, 394, 220, 394, 520,
];
// The Vietnamese letters whose width differs from their base letter's, and common punctuation outside ASCII.
const SPECIAL: Record<string, [number, number]> = {
  ơ: [529, 554],
  ư: [542, 600],
  Ư: [776, 796],
  '–': [500, 500],
  '—': [1000, 1000],
  '“': [444, 500],
  '”': [444, 500],
  '‘': [333, 333],
  '’': [333, 333],
  '…': [1000, 1000],
  '•': [350, 350],
};

const cache = new Map<string, [number, number]>();

function charWidth(ch: string, bold: boolean): number {
  let w = cache.get(ch);
  if (!w) {
    const special = SPECIAL[ch];
    if (special) w = special;
    else {
      // Accents do not change the advance of a letter (but of ơ, ư, which have a horn: handled above).
      const decomposed = ch.normalize('NFD');
      const base = ch === 'đ' ? 'd' : ch === 'Đ' ? 'D' : decomposed[0];
      const horn = decomposed.includes('\u031b');
      const code = base.charCodeAt(0);
      if (horn) w = SPECIAL[/[a-z]/.test(base) ? (base === 'o' ? 'ơ' : 'ư') : base === 'U' ? 'Ư' : 'x'] ?? [722, 778];
      else if (code >= 32 && code < 127) w = [REGULAR[code - 32], BOLD[code - 32]];
      else w = [500, 500];
    }
    cache.set(ch, w);
  }
  return w[bold ? 1 : 0];
}

/** Width of `s` in thousandths of an em, set upright regular (or bold). */
export function textWidth(s: string, bold = false): number {
  let total = 0;
  for (const ch of s) total += charWidth(ch, bold);
  return total;
}

export const SPACE_WIDTH = 250;
