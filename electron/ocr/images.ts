import { AppError } from '../../shared/api/result';
import { imageKind, imageSize, type ImageKind } from './image-size';
import { fitPixels, resize, toGray, type Gray } from './preprocess';

/**
 * PNG, JPEG and TIFF (multi-page) pages as grey images, decoded in the parse worker only, with pure-JavaScript
 * decoders (pngjs, jpeg-js, utif2: a malformed file costs heap, which the worker's limits cap, not native memory).
 * The declared size is checked before anything is decoded: over `maxSourcePixels` the page is refused with a clear
 * message. A decoded page is scaled down to `pagePixels` at once, so the full-size copy lives only briefly.
 */
const MP = (n: number) => (n / 1e6).toLocaleString('vi-VN', { maximumFractionDigits: 1 });

export function tooLarge(width: number, height: number, max: number): AppError {
  return new AppError(
    'FILE_TOO_LARGE',
    `Ảnh quá lớn để nhận dạng: ${width.toLocaleString('vi-VN')} × ${height.toLocaleString('vi-VN')} điểm ảnh (${MP(width * height)} triệu; tối đa ${MP(max)} triệu).`,
  );
}

const broken = () => new AppError('FILE_INVALID', 'Ảnh bị hỏng hoặc không đúng định dạng PNG, JPEG, TIFF.');

type UtifModule = typeof import('utif2');
type Ifd = import('utif2').IFD;

/** An opened image file: its pages (several for a TIFF) decoded one at a time. */
export interface OpenedImage {
  kind: ImageKind;
  pageCount: number;
  /** Page `i` (1-based) as grey, at most `pagePixels`, with its resolution when the file says or it can be guessed. */
  page(i: number): Promise<{ gray: Gray; dpi: number }>;
}

/** The resolution of a page scanned or photographed whole: its long side over A4's (11.7 in), within 70–600. */
export function guessDpi(width: number, height: number): number {
  return Math.round(Math.min(600, Math.max(70, Math.max(width, height) / 11.69)));
}

/**
 * A page image at the engine's size: scaled down to `pagePixels`, or, under 200 dpi (a fax, a small photo), up to
 * twice its size (at most 300 dpi and `pagePixels`): the engine misreads small letters, and interpolated ones less
 * (measured on our pages at 100 dpi: CER 3.6–4.9 % as they were, 1.0–2.5 % doubled).
 */
export function toPageSize(g: Gray, pagePixels: number, dpi = guessDpi(g.width, g.height)): { gray: Gray; dpi: number } {
  const down = fitPixels(g, pagePixels);
  if (down !== g) return { gray: down, dpi: Math.round((dpi * down.width) / g.width) };
  const up = Math.min(2, 300 / dpi, Math.sqrt(pagePixels / (g.width * g.height)));
  if (dpi >= 200 || up < 1.25) return { gray: g, dpi };
  const gray = resize(g, Math.floor(g.width * up), Math.floor(g.height * up));
  return { gray, dpi: Math.round((dpi * gray.width) / g.width) };
}

export async function openImage(data: Uint8Array, limits: { pagePixels: number; maxSourcePixels: number }): Promise<OpenedImage> {
  const kind = imageKind(data);
  if (!kind) throw broken();
  const checkSize = (width: number, height: number) => {
    if (!(width > 0 && height > 0)) throw broken();
    if (width * height > limits.maxSourcePixels) throw tooLarge(width, height, limits.maxSourcePixels);
  };
  if (kind === 'tif') return openTiff(data, limits, checkSize);
  const size = imageSize(data);
  if (!size) throw broken();
  checkSize(size.width, size.height);
  return {
    kind,
    pageCount: 1,
    async page() {
      if (kind === 'png') {
        const { PNG } = await import('pngjs');
        let png;
        try {
          png = PNG.sync.read(Buffer.from(data.buffer, data.byteOffset, data.byteLength));
        } catch {
          throw broken();
        }
        checkSize(png.width, png.height);
        return toPageSize(toGray(new Uint8Array(png.data.buffer, png.data.byteOffset, png.data.byteLength), png.width, png.height, 4), limits.pagePixels);
      }
      const jpeg = (await import('jpeg-js')).default;
      let img;
      try {
        img = jpeg.decode(data, {
          useTArray: true,
          formatAsRGBA: false,
          tolerantDecoding: true,
          maxResolutionInMP: limits.maxSourcePixels / 1e6,
          maxMemoryUsageInMB: Math.ceil((limits.maxSourcePixels * 4) / 1048576) + 64,
        });
      } catch {
        throw broken();
      }
      checkSize(img.width, img.height);
      const channels = Math.round(img.data.length / (img.width * img.height));
      if (channels !== 3 && channels !== 4 && channels !== 1) throw broken();
      return toPageSize(toGray(img.data, img.width, img.height, channels as 1 | 3 | 4), limits.pagePixels);
    },
  };
}

async function openTiff(
  data: Uint8Array,
  limits: { pagePixels: number; maxSourcePixels: number },
  checkSize: (w: number, h: number) => void,
): Promise<OpenedImage> {
  const mod = await import('utif2');
  const UTIF = ((mod as unknown as { default?: UtifModule }).default ?? mod) as UtifModule;
  // UTIF wants an ArrayBuffer of the file alone.
  const buf = data.byteOffset === 0 && data.byteLength === data.buffer.byteLength && data.buffer instanceof ArrayBuffer ? data.buffer : data.slice().buffer;
  let ifds: Ifd[];
  try {
    ifds = UTIF.decode(buf).filter((d) => num(d.t256) > 0 && num(d.t257) > 0);
  } catch {
    throw broken();
  }
  if (ifds.length === 0) throw broken();
  return {
    kind: 'tif',
    pageCount: ifds.length,
    async page(i) {
      const ifd = ifds[i - 1];
      checkSize(num(ifd.t256), num(ifd.t257));
      let rgba: Uint8Array;
      try {
        UTIF.decodeImage(buf, ifd);
        rgba = UTIF.toRGBA8(ifd);
      } catch {
        throw broken();
      }
      const w = ifd.width;
      const h = ifd.height;
      // The pixels are not needed again once grey: let them go with the IFD.
      (ifd as { data?: Uint8Array }).data = new Uint8Array(0);
      if (rgba.length < w * h * 4) throw broken();
      // A TIFF says its resolution (XResolution).
      const res = num(ifd.t282);
      return toPageSize(toGray(rgba, w, h, 4), limits.pagePixels, res >= 70 && res <= 1200 ? res : undefined);
    },
  };
}

function num(v: unknown): number {
  const x = Array.isArray(v) ? v[0] : v;
  return typeof x === 'number' && Number.isFinite(x) ? x : 0;
}
