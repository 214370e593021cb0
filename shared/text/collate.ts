import { foldVietnamese } from './fold';

/**
 * A binary-sortable key that orders Vietnamese text as a dictionary does: the alphabet
 * a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y, then the tone (none, huyền, hỏi, ngã, sắc, nặng)
 * as a tie-breaker. SQLite compares it with its binary collation, so an index can serve the order.
 */
const ALPHABET = 'aăâbcdđeêghiklmnoôơpqrstuưvxy';
const TONES = ['', '\u0300', '\u0309', '\u0303', '\u0301', '\u0323'];

export function vietnameseSortKey(text: string): string {
  const nfd = text.normalize('NFD').toLowerCase();
  let base = '';
  let tones = '';
  for (let i = 0; i < nfd.length; i++) {
    const ch = nfd[i];
    if (/[\u0300-\u036f]/.test(ch)) continue;
    // Shape marks (breve, circumflex, horn) make distinct letters; tone marks only break ties.
    let letter = ch;
    let tone = 0;
    for (let j = i + 1; j < nfd.length && /[\u0300-\u036f]/.test(nfd[j]); j++) {
      const m = nfd[j];
      if (m === '\u0306') letter = ch === 'a' ? 'ă' : ch;
      else if (m === '\u0302') letter = ch === 'a' ? 'â' : ch === 'e' ? 'ê' : ch === 'o' ? 'ô' : ch;
      else if (m === '\u031b') letter = ch === 'o' ? 'ơ' : ch === 'u' ? 'ư' : ch;
      else {
        const t = TONES.indexOf(m);
        if (t > 0) tone = t;
      }
    }
    const idx = ALPHABET.indexOf(letter);
    if (idx >= 0) base += String.fromCharCode(0x41 + idx);
    else if (/[0-9]/.test(letter)) base += letter;
    else if (/\s/.test(letter)) base += ' ';
    else base += foldVietnamese(letter) || letter;
    tones += String(tone);
  }
  return `${base}\u0001${tones}`;
}
