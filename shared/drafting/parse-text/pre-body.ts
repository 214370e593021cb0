import { classify } from './classify';
import { RULE_LINE } from './header-lines';
import { fold, isCaps, plain, stripEndPunct } from './text';

export interface PreBody {
  bases: string[];
  addressees: string[];
  extras: string[];
  end: number;
}

/** Căn cứ lines and Kính gửi, between the header and the body. */
export function parsePreBody(lines: string[], from: number, to: number): PreBody {
  const r: PreBody = { bases: [], addressees: [], extras: [], end: from };
  let i = from;
  const isBasis = (s: string) => /^(can cu|theo de nghi|xet de nghi|xet to trinh)\b/.test(fold(plain(s)));
  while (i < to) {
    const raw = lines[i];
    if (!raw.trim() || RULE_LINE.test(plain(raw))) {
      i++;
      continue;
    }
    const s = plain(raw);
    const f = fold(s);
    const kg = /^kinh (gui|trinh)\s*:?\s*/.exec(f);
    if (kg) {
      const first = s.slice(kg[0].length).replace(/^[-–—]\s*/, '');
      if (first) r.addressees.push(stripEndPunct(first));
      i++;
      while (i < to) {
        if (!lines[i].trim()) {
          let j = i;
          while (j < to && !lines[j].trim()) j++;
          if (j < to && /^[-–—+•]/.test(plain(lines[j]))) {
            i = j;
            continue;
          }
          break;
        }
        const t = plain(lines[i]);
        if (!/^[-–—+•]/.test(t)) break;
        r.addressees.push(stripEndPunct(t.replace(/^[-–—+•]\s*/, '')));
        i++;
      }
      continue;
    }
    if (isBasis(s) && !/:$/.test(s)) {
      let text = s;
      i++;
      // A basis broken over lines: join until it ends with ";" or ".".
      while (i < to && lines[i].trim() && !/[;.]$/.test(text) && !isBasis(lines[i]) && !classify(plain(lines[i])).structural) {
        text += ` ${plain(lines[i])}`;
        i++;
      }
      if (text.length <= 1000 && r.bases.length < 30) r.bases.push(stripEndPunct(text));
      else r.extras.push(text);
      continue;
    }
    // The competence line of a Quyết định ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH") before its bases.
    if (isCaps(s) && s.length <= 200 && r.bases.length === 0 && !classify(s).structural) {
      let j = i + 1;
      while (j < to && !lines[j].trim()) j++;
      if (j < to && isBasis(lines[j])) {
        r.extras.push(s);
        i = j;
        continue;
      }
    }
    break;
  }
  r.end = i;
  return r;
}
