import { imageKind, imageSize } from '../../shared/intake/image-size';

export { imageKind, imageSize, type ImageKind } from '../../shared/intake/image-size';

/** Smaller than this on either side, an image holds no line of text to recognise (an icon, a 1×1 tracking pixel). */
export const MIN_TEXT_SIDE = 16;

/**
 * Whether a stored file is worth recognising: a PNG, JPEG or TIFF big enough to hold text (its header says; an
 * image whose header does not say is tried, and fails with its reason if it is broken).
 */
export function imageMayHoldText(data: Uint8Array): boolean {
  if (!imageKind(data)) return false;
  const s = imageSize(data);
  return !s || (s.width >= MIN_TEXT_SIDE && s.height >= MIN_TEXT_SIDE);
}
