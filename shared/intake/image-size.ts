/**
 * An image's declared size, read from its header alone (nothing decoded): the cap on pixels is checked before a
 * decoder allocates anything, and an image too small to hold a line of text is not sent to recognition at all.
 * Bounds are checked at every read: the bytes come from outside.
 */
export type ImageKind = 'png' | 'jpg' | 'tif';

export function imageKind(data: Uint8Array): ImageKind | null {
  const at = (i: number) => data[i];
  if (at(0) === 0x89 && at(1) === 0x50 && at(2) === 0x4e && at(3) === 0x47) return 'png';
  if (at(0) === 0xff && at(1) === 0xd8 && at(2) === 0xff) return 'jpg';
  if ((at(0) === 0x49 && at(1) === 0x49 && at(2) === 0x2a && at(3) === 0) || (at(0) === 0x4d && at(1) === 0x4d && at(2) === 0 && at(3) === 0x2a))
    return 'tif';
  return null;
}

/** Width and height of the image (the first page of a TIFF), or null when the header does not say. */
export function imageSize(data: Uint8Array): { width: number; height: number } | null {
  const kind = imageKind(data);
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  try {
    if (kind === 'png') {
      // IHDR is the first chunk: length, "IHDR", width, height (big-endian).
      if (data.byteLength < 24) return null;
      return { width: view.getUint32(16), height: view.getUint32(20) };
    }
    if (kind === 'jpg') return jpegSize(data, view);
    if (kind === 'tif') return tiffSize(data, view);
  } catch {
    return null;
  }
  return null;
}

function jpegSize(data: Uint8Array, view: DataView): { width: number; height: number } | null {
  let p = 2;
  while (p + 9 < data.byteLength) {
    if (data[p] !== 0xff) return null;
    const marker = data[p + 1];
    if (marker === 0xff) {
      p++;
      continue;
    }
    // Markers without a length.
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      p += 2;
      continue;
    }
    const len = view.getUint16(p + 2);
    // Start of frame (baseline, progressive, lossless…), not DHT (C4), JPG (C8) or DAC (CC).
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc)
      return { height: view.getUint16(p + 5), width: view.getUint16(p + 7) };
    if (marker === 0xda || len < 2) return null;
    p += 2 + len;
  }
  return null;
}

function tiffSize(data: Uint8Array, view: DataView): { width: number; height: number } | null {
  const le = data[0] === 0x49;
  const ifd = view.getUint32(4, le);
  if (ifd + 2 > data.byteLength) return null;
  const n = view.getUint16(ifd, le);
  let width = 0;
  let height = 0;
  for (let i = 0; i < n; i++) {
    const e = ifd + 2 + i * 12;
    if (e + 12 > data.byteLength) return null;
    const tag = view.getUint16(e, le);
    const type = view.getUint16(e + 2, le);
    const value = type === 3 ? view.getUint16(e + 8, le) : view.getUint32(e + 8, le);
    if (tag === 256) width = value;
    if (tag === 257) height = value;
  }
  return width && height ? { width, height } : null;
}
