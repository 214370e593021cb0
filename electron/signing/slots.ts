import type { PDFDocument } from 'pdf-lib';
import type { SignatureSlotInfo, TextSlotInfo } from '../../shared/drafting/schemas';

/** Everything our PDF engine wrote into the file's Info dictionary as /VanphongSlots, or [] for any other PDF. */
async function rawSlots(pdf: Uint8Array | PDFDocument): Promise<unknown[]> {
  // pdf-lib is loaded when a PDF is read, not with the API (the CLI starts without it).
  const { PDFDict, PDFDocument, PDFHexString, PDFName, PDFString } = await import('pdf-lib');
  try {
    const doc = pdf instanceof PDFDocument ? pdf : await PDFDocument.load(pdf, { updateMetadata: false, ignoreEncryption: true });
    const infoRef = doc.context.trailerInfo.Info;
    const info = infoRef ? doc.context.lookup(infoRef, PDFDict) : null;
    const v = info?.lookup(PDFName.of('VanphongSlots'));
    const text = v instanceof PDFString || v instanceof PDFHexString ? v.decodeText() : null;
    const parsed: unknown = text ? JSON.parse(text) : [];
    return Array.isArray(parsed) ? parsed : [];
  } catch {
    return [];
  }
}

const hasRect = (s: { rect?: unknown }) => Array.isArray(s.rect) && s.rect.length === 4 && s.rect.every((n) => typeof n === 'number' && Number.isFinite(n));

/** The signature and seal slots. */
export async function slotsOf(pdf: Uint8Array | PDFDocument): Promise<SignatureSlotInfo[]> {
  return (await rawSlots(pdf)).filter(
    (s): s is SignatureSlotInfo => !!s && typeof s === 'object' && ((s as SignatureSlotInfo).kind === 'signature' || (s as SignatureSlotInfo).kind === 'seal') && hasRect(s as SignatureSlotInfo),
  );
}

/** The blanks for the number and the date, left in a document signed before it was numbered. */
export async function textSlotsOf(pdf: Uint8Array | PDFDocument): Promise<TextSlotInfo[]> {
  const kinds = new Set(['number', 'day', 'month', 'year']);
  return (await rawSlots(pdf)).filter(
    (s): s is TextSlotInfo =>
      !!s && typeof s === 'object' && kinds.has((s as TextSlotInfo).kind) && hasRect(s as TextSlotInfo) && typeof (s as TextSlotInfo).baseline === 'number' && (s as TextSlotInfo).size > 0,
  );
}
