import type { TextSlotInfo } from '../../shared/drafting/schemas';
import { padNumber } from '../../shared/drafting/notation';
import type { PageOverlay } from '../signing/pdf-incremental';

/**
 * The number and date the văn thư gives at issuance, written into the blanks the leader signed around (ND30 Điều 15:
 * the number follows the signature). Digits only, in standard Times (its digits are 1/2 em wide, as in Times New
 * Roman), so no font needs embedding. The number ends at the blank's right edge, against "/ký hiệu"; the date parts
 * are centred in their blanks. Day below 10 and months 1–2 take a leading zero (ND30 Phụ lục I, II.4).
 */
const FACES: Record<string, string> = { F: 'Times-Roman', FI: 'Times-Italic', FB: 'Times-Bold', FBI: 'Times-BoldItalic' };
const DIGIT_EM = 0.5;

export function slotValues(number: number, isoDate: string): Record<TextSlotInfo['kind'], string> {
  const [y, m, d] = isoDate.split('-');
  return { number: padNumber(number), day: d, month: Number(m) <= 2 ? m : String(Number(m)), year: y };
}

export function fillSlots(slots: TextSlotInfo[], values: Record<TextSlotInfo['kind'], string>): PageOverlay[] {
  const byPage = new Map<number, string[]>();
  for (const s of slots) {
    const text = values[s.kind];
    if (!/^\d+$/.test(text)) continue;
    const font = s.bold ? (s.italic ? 'FBI' : 'FB') : s.italic ? 'FI' : 'F';
    const width = text.length * DIGIT_EM * s.size;
    const x = s.kind === 'number' ? s.rect[2] - width : (s.rect[0] + s.rect[2]) / 2 - width / 2;
    const ops = `BT /${font} ${s.size} Tf 1 0 0 1 ${x.toFixed(2)} ${s.baseline.toFixed(2)} Tm (${text}) Tj ET`;
    byPage.set(s.page, [...(byPage.get(s.page) ?? []), ops]);
  }
  return [...byPage].map(([page, ops]) => ({ page, content: `0 g\n${ops.join('\n')}`, fonts: FACES }));
}
