import { plainText, type PlanPara, type PlanTable } from '../../shared/drafting/plan';
import { faceOf, type FontFace } from './fonts';

/**
 * Where the Kính gửi block goes (ND30 Phụ lục I, II.9a), for both exporters: one addressee on the label's line;
 * several on lines of their own, the dashes in a column just after the label's colon — where the text after
 * "Kính gửi: " would start — and an addressee too long for its line wrapped under its own text (a hanging indent).
 * The block is centred on the text width, never nearer the left margin than the body's first-line indent.
 */

/** Each paragraph of the block: its left edge (pt from the left margin) and the indent of its wrapped lines. */
export interface AddresseePlace {
  x: number;
  hang: number;
}

/** The texts to measure for the block starting at flow[i]; null when flow[i] does not start one. */
export function addresseeBlock(flow: (PlanPara | PlanTable)[], i: number): { paras: PlanPara[]; label: string; face: FontFace; size: number } | null {
  const first = flow[i];
  if (!first || first.kind !== 'para' || first.addressee?.part !== 'label') return null;
  const paras = [first];
  for (let j = i + 1; j < flow.length; j++) {
    const el = flow[j];
    if (el.kind !== 'para' || el.addressee?.part !== 'item') break;
    paras.push(el);
  }
  const r = first.runs[0];
  return { paras, label: `${first.addressee.text} `, face: faceOf(r?.bold, r?.italic), size: first.size };
}

/** The widths (pt) the layout needs: the label with its space, the dash with its space, and each addressee. */
export interface AddresseeWidths {
  label: number;
  dash: number;
  /** Per paragraph of the block: its whole text, unwrapped. */
  paras: number[];
}

export const DASH = '- ';

/** The texts whose widths `placeAddressees` needs, in the order of `AddresseeWidths.paras`. */
export const addresseeTexts = (paras: PlanPara[]): string[] => paras.map((p) => plainText(p.runs));

export function placeAddressees(paras: PlanPara[], w: AddresseeWidths, textWidth: number, minIndent: number): AddresseePlace[] {
  const single = paras.length === 1;
  // The list's widest line: the text after the label (one addressee) or the widest "- …;" line.
  const widest = single ? Math.max(0, w.paras[0] - w.label) : Math.max(0, ...w.paras.slice(1));
  const list = Math.min(widest, textWidth - w.label - minIndent);
  const x = Math.max(minIndent, (textWidth - w.label - list) / 2);
  // One addressee: centred when it fits on the label's line; wrapped, it hangs under the text after the colon.
  if (single) return [{ x, hang: w.label }];
  return paras.map((_, i) => (i === 0 ? { x, hang: 0 } : { x: x + w.label, hang: w.dash }));
}
