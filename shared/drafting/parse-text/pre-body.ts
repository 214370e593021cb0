import { classify } from './classify';
import { RULE_LINE } from './header-lines';
import { fold, isCaps, plain, stripEndPunct } from './text';

export interface PreBody {
  bases: string[];
  addressees: string[];
  extras: string[];
  /** A Quyết định's thẩm quyền ban hành: the capitals line(s) above its căn cứ. */
  competence: string;
  /** The type's enacting line ("QUYẾT ĐỊNH:") was read under the căn cứ; the exporter prints it again. */
  enacting: boolean;
  end: number;
}

const foldCaps = (s: string) => fold(plain(s)).replace(/\s*:$/, '');

/**
 * Căn cứ lines and Kính gửi, between the header and the body; for a Quyết định also its thẩm quyền ban hành above
 * the căn cứ and its "QUYẾT ĐỊNH:" under them (`enactingLine`, the line the exporter prints for the type). The
 * exporters print the căn cứ before Kính gửi: a "Căn cứ …" after Kính gửi opens the body (a Tờ trình's first line).
 */
export function parsePreBody(lines: string[], from: number, to: number, enactingLine = ''): PreBody {
  const r: PreBody = { bases: [], addressees: [], extras: [], competence: '', enacting: false, end: from };
  let i = from;
  // A Party text writes its căn cứ as a list: "- Căn cứ Điều lệ Đảng;".
  const undash = (s: string) => plain(s).replace(/^[-–—+]\s*(?=(căn|theo|xét)\s)/iu, '');
  const isBasis = (s: string) => r.addressees.length === 0 && /^(can cu|theo de nghi|xet de nghi|xet to trinh)\b/.test(fold(undash(s)));
  const enacting = enactingLine ? foldCaps(enactingLine) : null;
  const isEnacting = (s: string) => enacting !== null && isCaps(plain(s)) && foldCaps(s) === enacting;
  // "BAN THƯỜNG VỤ ĐẢNG ỦY … QUYẾT ĐỊNH:" (a Party decision): the thẩm quyền and the enacting line on one line.
  const withEnacting = (s: string) => (enacting !== null && isCaps(plain(s)) && foldCaps(s).endsWith(` ${enacting}`) ? plain(s).replace(/\s*\S+\s+\S+\s*:?$/, '') : null);
  while (i < to) {
    const raw = lines[i];
    if (!raw.trim() || RULE_LINE.test(plain(raw))) {
      i++;
      continue;
    }
    const s = undash(raw);
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
      while (i < to && lines[i].trim() && !/[;.,]$/.test(text) && !isBasis(lines[i]) && !classify(plain(lines[i])).structural) {
        text += ` ${plain(lines[i])}`;
        i++;
      }
      if (text.length <= 1000 && r.bases.length < 30) r.bases.push(stripEndPunct(text));
      else r.extras.push(text);
      continue;
    }
    if (isEnacting(s) && !r.enacting) {
      r.enacting = true;
      i++;
      continue;
    }
    const competence = r.enacting ? null : withEnacting(s);
    if (competence && !r.competence) {
      r.competence = competence;
      r.enacting = true;
      i++;
      continue;
    }
    // The thẩm quyền of a Quyết định ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH …"), on one or two lines, before its căn cứ
    // or its enacting line.
    if (isCaps(s) && s.length <= 300 && r.bases.length === 0 && !r.competence && !r.enacting && !classify(s).structural && !isEnacting(s)) {
      const parts = [s];
      let j = i + 1;
      while (j < to && lines[j].trim() && parts.length < 3 && isCaps(plain(lines[j])) && !isEnacting(lines[j]) && !classify(plain(lines[j])).structural) {
        parts.push(plain(lines[j]));
        j++;
      }
      while (j < to && !lines[j].trim()) j++;
      if (j < to && (isBasis(lines[j]) || isEnacting(lines[j]))) {
        const text = parts.join(' ');
        if (text.length <= 300) r.competence = text;
        else r.extras.push(text);
        i = j;
        continue;
      }
    }
    break;
  }
  r.end = i;
  return r;
}
