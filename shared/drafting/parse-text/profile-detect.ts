import type { ProfileId } from '../model';
import { parseArchive, parseAuthority } from './closing-lines';
import { PARTY_TITLE, QUOC_HIEU, TIEU_NGU, parseNumberLine } from './header-lines';
import { fold, isCaps, plain } from './text';

/**
 * State (ND30) or Party (HD36), by votes: pasted text often lacks the Quốc hiệu or the "ĐẢNG CỘNG SẢN VIỆT NAM" line,
 * so the number's separator, the quyền hạn ("TM." vs "T/M") and the Lưu line are weighed too.
 */
export function detectProfile(lines: string[]): ProfileId {
  let party = 0;
  let state = 0;
  const tailFrom = Math.max(0, lines.length - 60);
  lines.forEach((raw, i) => {
    const s = plain(raw);
    if (!s) return;
    const f = fold(s);
    if (PARTY_TITLE.test(f) && isCaps(s)) party += 3;
    if (QUOC_HIEU.test(f) || TIEU_NGU.test(f)) state += 3;
    const num = parseNumberLine(s);
    if (num) {
      if (num.sep === '-' && num.notation.includes('/')) party += 2;
      else if (num.sep === '/') state += 2;
    }
    const auth = parseAuthority(s);
    if (auth) {
      if (auth.authority.includes('/')) party += 1;
      else state += 1;
    }
    if (i >= tailFrom || /^[-–—]/.test(s)) {
      const arc = parseArchive(s);
      if (arc && s.length < 120) {
        if (arc.colon || arc.units.some((u) => u === 'VT')) state += 1;
        else party += 1;
      }
    }
  });
  return party > state ? 'party' : 'state';
}
