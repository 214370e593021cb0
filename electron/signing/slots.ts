import { PDFDict, PDFDocument, PDFHexString, PDFName, PDFString } from 'pdf-lib';
import type { SignatureSlotInfo } from '../../shared/drafting/schemas';

/** The signature and seal slots our PDF engine wrote into the file's Info dictionary, or [] for any other PDF. */
export async function slotsOf(pdf: Uint8Array | PDFDocument): Promise<SignatureSlotInfo[]> {
  try {
    const doc = pdf instanceof PDFDocument ? pdf : await PDFDocument.load(pdf, { updateMetadata: false, ignoreEncryption: true });
    const infoRef = doc.context.trailerInfo.Info;
    const info = infoRef ? doc.context.lookup(infoRef, PDFDict) : null;
    const v = info?.lookup(PDFName.of('VanphongSlots'));
    const text = v instanceof PDFString || v instanceof PDFHexString ? v.decodeText() : null;
    const parsed = text ? (JSON.parse(text) as SignatureSlotInfo[]) : [];
    return Array.isArray(parsed) ? parsed.filter((s) => (s.kind === 'signature' || s.kind === 'seal') && Array.isArray(s.rect) && s.rect.length === 4) : [];
  } catch {
    return [];
  }
}
