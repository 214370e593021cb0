/**
 * Page images before recognition, in plain JavaScript (it runs in the parse worker): grey levels, resampling, a
 * threshold, whether a page holds anything, ruling lines, turns. Orientation and skew: orientation.ts.
 */

/** 8-bit grey, 0 black, 255 white, row-major. */
export interface Gray {
  width: number;
  height: number;
  data: Uint8Array;
}

/** RGBA (or RGB, `channels` 3) over white to grey (Rec. 601 luma), with transparency shown as paper. */
export function toGray(rgba: Uint8Array, width: number, height: number, channels: 1 | 2 | 3 | 4 = 4): Gray {
  const n = width * height;
  const out = new Uint8Array(n);
  if (channels === 1) {
    out.set(rgba.subarray(0, n));
    return { width, height, data: out };
  }
  for (let i = 0, p = 0; i < n; i++, p += channels) {
    const luma = channels === 2 ? rgba[p] : (rgba[p] * 77 + rgba[p + 1] * 150 + rgba[p + 2] * 29) >> 8;
    const a = channels === 4 ? rgba[p + 3] : channels === 2 ? rgba[p + 1] : 255;
    out[i] = a === 255 ? luma : 255 - (((255 - luma) * a + 127) / 255) | 0;
  }
  return { width, height, data: out };
}

/** Resampled to `w` × `h`: area average when shrinking (no aliasing of thin strokes), bilinear when growing. */
export function resize(g: Gray, w: number, h: number): Gray {
  w = Math.max(1, Math.round(w));
  h = Math.max(1, Math.round(h));
  if (w === g.width && h === g.height) return g;
  const out = new Uint8Array(w * h);
  if (w <= g.width && h <= g.height) {
    // Box filter with fractional edges, separable: rows first into a float buffer.
    const sx = g.width / w;
    const sy = g.height / h;
    const tmp = new Float32Array(w * g.height);
    for (let x = 0; x < w; x++) {
      const x0 = x * sx;
      const x1 = x0 + sx;
      const i0 = Math.floor(x0);
      const i1 = Math.min(g.width, Math.ceil(x1));
      for (let y = 0; y < g.height; y++) {
        const row = y * g.width;
        let s = 0;
        for (let i = i0; i < i1; i++) s += g.data[row + i] * (Math.min(x1, i + 1) - Math.max(x0, i));
        tmp[y * w + x] = s / sx;
      }
    }
    for (let y = 0; y < h; y++) {
      const y0 = y * sy;
      const y1 = y0 + sy;
      const j0 = Math.floor(y0);
      const j1 = Math.min(g.height, Math.ceil(y1));
      for (let x = 0; x < w; x++) {
        let s = 0;
        for (let j = j0; j < j1; j++) s += tmp[j * w + x] * (Math.min(y1, j + 1) - Math.max(y0, j));
        out[y * w + x] = Math.min(255, Math.round(s / sy));
      }
    }
    return { width: w, height: h, data: out };
  }
  const fx = g.width / w;
  const fy = g.height / h;
  for (let y = 0; y < h; y++) {
    const sy = Math.min(g.height - 1, Math.max(0, (y + 0.5) * fy - 0.5));
    const y0 = Math.floor(sy);
    const y1 = Math.min(g.height - 1, y0 + 1);
    const dy = sy - y0;
    for (let x = 0; x < w; x++) {
      const sx = Math.min(g.width - 1, Math.max(0, (x + 0.5) * fx - 0.5));
      const x0 = Math.floor(sx);
      const x1 = Math.min(g.width - 1, x0 + 1);
      const dx = sx - x0;
      const a = g.data[y0 * g.width + x0] * (1 - dx) + g.data[y0 * g.width + x1] * dx;
      const b = g.data[y1 * g.width + x0] * (1 - dx) + g.data[y1 * g.width + x1] * dx;
      out[y * w + x] = Math.round(a * (1 - dy) + b * dy);
    }
  }
  return { width: w, height: h, data: out };
}

/** Scaled so that it holds at most `maxPixels` (never enlarged). */
export function fitPixels(g: Gray, maxPixels: number): Gray {
  const n = g.width * g.height;
  if (n <= maxPixels) return g;
  const s = Math.sqrt(maxPixels / n);
  return resize(g, Math.floor(g.width * s), Math.floor(g.height * s));
}

/** Otsu's threshold over the grey histogram, with the two classes' means. */
export function otsu(g: Gray): { threshold: number; dark: number; light: number } {
  const hist = new Float64Array(256);
  for (let i = 0; i < g.data.length; i++) hist[g.data[i]]++;
  const total = g.data.length;
  let sum = 0;
  for (let i = 0; i < 256; i++) sum += i * hist[i];
  let wB = 0;
  let sumB = 0;
  let best = -1;
  let threshold = 127;
  for (let t = 0; t < 256; t++) {
    wB += hist[t];
    if (wB === 0) continue;
    const wF = total - wB;
    if (wF === 0) break;
    sumB += t * hist[t];
    const mB = sumB / wB;
    const mF = (sum - sumB) / wF;
    const between = wB * wF * (mB - mF) * (mB - mF);
    if (between > best) {
      best = between;
      threshold = t;
    }
  }
  let nd = 0;
  let sd = 0;
  for (let i = 0; i <= threshold; i++) {
    nd += hist[i];
    sd += i * hist[i];
  }
  const dark = nd ? sd / nd : 0;
  const light = total - nd ? (sum - sd) / (total - nd) : 255;
  return { threshold, dark, light };
}

/** Ink as 1, paper as 0. */
export interface Binary {
  width: number;
  height: number;
  ink: Uint8Array;
  /** Share of ink pixels. */
  fraction: number;
}

export function binarise(g: Gray, threshold = otsu(g).threshold): Binary {
  const ink = new Uint8Array(g.data.length);
  let n = 0;
  for (let i = 0; i < ink.length; i++) if (g.data[i] <= threshold) (ink[i] = 1), n++;
  return { width: g.width, height: g.height, ink, fraction: n / Math.max(1, ink.length) };
}

/**
 * Whether a page holds marks worth recognising: some ink that stands out from the paper. A blank or near-blank page
 * (paper texture, scanner noise, a stray speck) is not sent to the engine.
 */
export function hasInk(g: Gray): boolean {
  const { threshold, dark, light } = otsu(g);
  if (light - dark < 48) return false;
  // Ink darker than the paper by a margin; isolated noise pixels are not enough.
  const t = Math.min(threshold, light - 48);
  let n = 0;
  for (let i = 0; i < g.data.length; i++) if (g.data[i] <= t) n++;
  return n / g.data.length > 0.0004 && n > 60;
}

/**
 * Ruling lines whited out: runs of ink longer than `minRun` pixels, across or down the page (a table's grid, the
 * rule under the Quốc hiệu, a scanner's black edge). Letters are far shorter than that (7.6 mm at 0.3 × dpi, a
 * 27-point capital), and the engine reads a table's cells far better without their borders: with them, whole tables
 * came out as nothing.
 */
export function removeRules(g: Gray, minRun: number, threshold = otsu(g).threshold): Gray {
  const { width: w, height: h, data } = g;
  const out = new Uint8Array(data);
  // A scanned rule is broken here and there (grain, JPEG): gaps of a pixel or two do not end it. Its grey fringe
  // (anti-aliasing, blur) goes with it, on either side.
  const fringe = Math.round((threshold + 255) / 2);
  const run = (start: number, count: number, step: number, across: number, lanes: number, lane: number) => {
    let from = -1;
    let last = -1;
    for (let k = 0; k <= count; k++) {
      const dark = k < count && data[start + k * step] <= threshold;
      if (dark) {
        if (from < 0 || k - last > 3) {
          if (from >= 0) flush(from, last);
          from = k;
        }
        last = k;
      }
    }
    if (from >= 0) flush(from, last);
    function flush(a: number, b: number) {
      if (b - a + 1 < minRun) return;
      for (let j = a; j <= b; j++) {
        const i = start + j * step;
        out[i] = 255;
        for (const d of [-1, 1, -2, 2]) {
          if (lane + d < 0 || lane + d >= lanes) continue;
          const n = i + d * across;
          if (data[n] < fringe) out[n] = 255;
        }
      }
    }
  };
  for (let y = 0; y < h; y++) run(y * w, w, 1, w, h, y);
  for (let x = 0; x < w; x++) run(x, h, w, 1, w, x);
  return { width: w, height: h, data: out };
}

/** Turned clockwise by a quarter turn `k` times (exact). */
export function rotateQuarter(g: Gray, turns: 0 | 1 | 2 | 3): Gray {
  if (turns === 0) return g;
  const { width: w, height: h, data } = g;
  const W = turns === 2 ? w : h;
  const H = turns === 2 ? h : w;
  const out = new Uint8Array(w * h);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      let sx: number;
      let sy: number;
      if (turns === 1) (sx = y), (sy = h - 1 - x);
      else if (turns === 2) (sx = w - 1 - x), (sy = h - 1 - y);
      else (sx = w - 1 - y), (sy = x);
      out[y * W + x] = data[sy * w + sx];
    }
  }
  return { width: W, height: H, data: out };
}

/** Turned by `degrees` (counter-clockwise positive, small angles), bilinear, the corners filled with paper. */
export function rotateSmall(g: Gray, degrees: number): Gray {
  if (Math.abs(degrees) < 0.05) return g;
  const a = (degrees * Math.PI) / 180;
  const cos = Math.cos(a);
  const sin = Math.sin(a);
  const { width: w, height: h, data } = g;
  const out = new Uint8Array(w * h);
  const cx = (w - 1) / 2;
  const cy = (h - 1) / 2;
  for (let y = 0; y < h; y++) {
    const dy = y - cy;
    for (let x = 0; x < w; x++) {
      const dx = x - cx;
      // Inverse mapping: where this output pixel comes from.
      const sx = cx + dx * cos - dy * sin;
      const sy = cy + dx * sin + dy * cos;
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      if (x0 < 0 || y0 < 0 || x0 >= w - 1 || y0 >= h - 1) {
        out[y * w + x] = 255;
        continue;
      }
      const fx = sx - x0;
      const fy = sy - y0;
      const i = y0 * w + x0;
      const top = data[i] * (1 - fx) + data[i + 1] * fx;
      const bottom = data[i + w] * (1 - fx) + data[i + w + 1] * fx;
      out[y * w + x] = Math.round(top * (1 - fy) + bottom * fy);
    }
  }
  return { width: w, height: h, data: out };
}

/** Portable greymap (PGM, P5): what the engine reads without a compression round trip. */
export function toPgm(g: Gray): Uint8Array {
  const head = new TextEncoder().encode(`P5\n${g.width} ${g.height}\n255\n`);
  const out = new Uint8Array(head.length + g.data.length);
  out.set(head, 0);
  out.set(g.data, head.length);
  return out;
}
