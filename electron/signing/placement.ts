import type { PDFDocument } from 'pdf-lib';
import { AppError } from '../../shared/api/result';
import { slotsOf } from './slots';

/**
 * Where each kind of signature goes (ND30 Phụ lục I, II.7.d, II.8):
 * - signer: the signature slot our layout engine reported (between chức vụ and the name);
 * - organisation: the seal at its real size, its right edge a third of the way into the signer's image, level with it;
 *   without a signer's widget, the seal slot the layout engine reported;
 * - attachment: top right of page 1, inside the top margin.
 * An explicit page and rect always win.
 */
export type SignatureRole = 'signer' | 'organisation' | 'attachment';
export type Rect = [number, number, number, number];

export const MM = 72 / 25.4;
/** A round agency seal is 35–42 mm across; used when neither the database nor the PNG says the real size. */
export const DEFAULT_SEAL_MM = 36;

export interface SignatureWidget {
  page: number;
  rect: Rect;
  signed: boolean;
}

/** The visible signature widgets already on the pages, in page order. */
export async function signatureWidgets(pdf: Uint8Array | PDFDocument): Promise<{ widgets: SignatureWidget[]; pageSizes: { width: number; height: number }[] }> {
  // pdf-lib is loaded when a PDF is read, not with the API (the CLI starts without it).
  const { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber } = await import('pdf-lib');
  const doc = pdf instanceof PDFDocument ? pdf : await PDFDocument.load(pdf, { updateMetadata: false, ignoreEncryption: true });
  const widgets: SignatureWidget[] = [];
  doc.getPages().forEach((page, i) => {
    const annots = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray);
    for (let k = 0; k < (annots?.size() ?? 0); k++) {
      const a = annots!.lookupMaybe(k, PDFDict);
      if (!a) continue;
      const ft = a.lookupMaybe(PDFName.of('FT'), PDFName) ?? a.lookupMaybe(PDFName.of('Parent'), PDFDict)?.lookupMaybe(PDFName.of('FT'), PDFName);
      if (ft?.asString() !== '/Sig') continue;
      const r = a.lookupMaybe(PDFName.of('Rect'), PDFArray);
      if (!r || r.size() !== 4) continue;
      const nums = [0, 1, 2, 3].map((j) => r.lookupMaybe(j, PDFNumber)?.asNumber() ?? 0);
      const rect: Rect = [Math.min(nums[0], nums[2]), Math.min(nums[1], nums[3]), Math.max(nums[0], nums[2]), Math.max(nums[1], nums[3])];
      if (rect[2] - rect[0] < 1 || rect[3] - rect[1] < 1) continue;
      widgets.push({ page: i + 1, rect, signed: a.get(PDFName.of('V')) !== undefined });
    }
  });
  return { widgets, pageSizes: doc.getPages().map((p) => p.getSize()) };
}

/** The box an image of aspect `aspect` (w/h) occupies when fitted and centred in `rect`. */
export function containedBox(rect: Rect, aspect: number): Rect {
  const w = rect[2] - rect[0];
  const h = rect[3] - rect[1];
  const dw = Math.min(w, h * aspect);
  const dh = dw / aspect;
  const x = rect[0] + (w - dw) / 2;
  const y = rect[1] + (h - dh) / 2;
  return [x, y, x + dw, y + dh];
}

/** The seal's rect: real size, vertically centred on the signature, covering the left third of it. */
export function sealRect(signature: Rect, sealWidthMm: number, aspect: number): Rect {
  const w = sealWidthMm * MM;
  const h = w / aspect;
  const right = signature[0] + (signature[2] - signature[0]) / 3;
  const cy = (signature[1] + signature[3]) / 2;
  return [right - w, cy - h / 2, right, cy + h / 2];
}

/** Top right of page 1 of an attachment: the right margin's edge, 8 mm below the top. */
export function attachmentRect(page: { width: number; height: number }, w: number, h: number): Rect {
  const right = page.width - 15 * MM;
  const top = page.height - 8 * MM;
  return [right - w, top - h, right, top];
}

export interface Placement {
  page: number;
  rect: Rect;
}

/** The slot the layout engine reported for this role, or the message that says how to give one by hand. */
export async function reportedSlot(pdf: Uint8Array | PDFDocument, kind: 'signature' | 'seal'): Promise<Placement | null> {
  const slot = (await slotsOf(pdf)).find((s) => s.kind === kind);
  return slot ? { page: slot.page, rect: slot.rect } : null;
}

export function needExplicitRect(): never {
  throw new AppError('VALIDATION', 'Tệp này không do ứng dụng xuất nên không có ô chữ ký: chỉ rõ trang và vị trí (--page và --rect).', { field: 'rect' });
}
