import { binarise, fitPixels, removeRules, rotateQuarter, rotateSmall, type Binary, type Gray } from './preprocess';

/**
 * A page's orientation and skew, from its ink, in plain JavaScript (it runs in the parse worker).
 *
 * Orientation (why not Tesseract's OSD): OSD through tesseract.js's detect() needs the legacy engine (a second wasm
 * core) and osd.traineddata in a second worker; measured here it cost ~2 s to start and 1.2–1.9 s per 200 dpi page,
 * on top of a 1–5 s recognition. Recognising a downscaled copy at 0/90/180/270 and keeping the best confidence costs
 * even more (an upside-down 100 dpi page took 2.9 s to come out as garbage at confidence ~40). So orientation is
 * decided from the ink itself, in ~100 ms, and checked by the engine only where that guess is unsure:
 * - which way the lines run: each mark's nearest neighbour lies along its line (downShare); the projection profile
 *   across the lines is sharpest at the page's skew (within ±5°). A projection alone was fooled by tables, whose
 *   aligned columns project as sharply as their rows;
 * - up or down: the ink above and below each line's x-height band. Vietnamese tone marks and ascenders outweigh the
 *   dot below and descenders (g, p, y are frequent: "ng", "y"), but not by much: measured on our documents the share
 *   above was 0.51–0.80 upright. So a page is turned half a turn only when clearly heavier below (< 0.45); an unsure
 *   page recognised with a low confidence is recognised once more half a turn round, and the better kept (engine.ts);
 * - measured on 12 pages (paragraphs, a letter, tables, a three-line page) × 4 turns × 3 skews: the direction of the
 *   lines right in 144/144; up or down right in 138, and unsure (certainty under 0.2: left to the engine) in the other 6.
 */

/**
 * Whether the text runs down the page (turned a quarter) rather than across it, by each mark's nearest neighbour
 * ("docstrum", O'Gorman 1993): letters and words sit closer to the next one in their line than to the line above or
 * below, so most nearest-neighbour links run along the lines — in paragraphs, tables and a page of three lines alike.
 * Marks much smaller than the typical one (tone marks, dots, specks) are left out: each sits right above or below its
 * letter. Returns the share of links running down the page (0…1).
 */
export function downShare(b: Binary): number {
  const { width: w, height: h, ink } = b;
  // Connected components (8-connected), by union-find over pixels.
  const parent = new Int32Array(w * h).fill(-1);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  };
  const union = (a: number, c: number) => {
    const ra = find(a);
    const rc = find(c);
    if (ra !== rc) parent[Math.max(ra, rc)] = Math.min(ra, rc);
  };
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      if (!ink[i]) continue;
      parent[i] = i;
      if (x > 0 && ink[i - 1]) union(i, i - 1);
      if (y > 0) {
        if (ink[i - w]) union(i, i - w);
        if (x > 0 && ink[i - w - 1]) union(i, i - w - 1);
        if (x < w - 1 && ink[i - w + 1]) union(i, i - w + 1);
      }
    }
  const boxes = new Map<number, [number, number, number, number, number]>(); // x0, y0, x1, y1, pixels
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      if (!ink[i]) continue;
      const r = find(i);
      const bx = boxes.get(r);
      if (!bx) boxes.set(r, [x, y, x, y, 1]);
      else {
        if (x < bx[0]) bx[0] = x;
        if (x > bx[2]) bx[2] = x;
        if (y > bx[3]) bx[3] = y;
        bx[4]++;
      }
    }
  const all = [...boxes.values()].filter((bx) => bx[4] >= 3 && bx[2] - bx[0] < w / 4 && bx[3] - bx[1] < h / 4);
  if (all.length < 8) return 0;
  const sizes = all.map((bx) => Math.max(bx[2] - bx[0], bx[3] - bx[1]) + 1).sort((a, c) => a - c);
  const typical = sizes[sizes.length >> 1];
  const marks = all.filter((bx) => Math.max(bx[2] - bx[0], bx[3] - bx[1]) + 1 >= typical * 0.6);
  const cx = marks.map((bx) => (bx[0] + bx[2]) / 2);
  const cy = marks.map((bx) => (bx[1] + bx[3]) / 2);
  // Nearest neighbours through a grid of cells a few marks wide.
  const cell = Math.max(4, typical * 3);
  const gw = Math.ceil(w / cell);
  const grid = new Map<number, number[]>();
  marks.forEach((_, k) => {
    const key = Math.floor(cy[k] / cell) * gw + Math.floor(cx[k] / cell);
    const list = grid.get(key);
    if (list) list.push(k);
    else grid.set(key, [k]);
  });
  let down = 0;
  let links = 0;
  for (let k = 0; k < marks.length; k++) {
    const gx = Math.floor(cx[k] / cell);
    const gy = Math.floor(cy[k] / cell);
    let best = Infinity;
    let dx = 0;
    let dy = 0;
    for (let j = gy - 1; j <= gy + 1; j++)
      for (let i = gx - 1; i <= gx + 1; i++)
        for (const o of grid.get(j * gw + i) ?? []) {
          if (o === k) continue;
          const ddx = cx[o] - cx[k];
          const ddy = cy[o] - cy[k];
          const d = ddx * ddx + ddy * ddy;
          if (d < best) (best = d), (dx = ddx), (dy = ddy);
        }
    if (best === Infinity) continue;
    links++;
    if (Math.abs(dy) > Math.abs(dx)) down++;
  }
  return links ? down / links : 0;
}

/** Ink pixel coordinates, relative to the centre (the projections below turn them). */
function inkPoints(b: Binary): { xs: Float32Array; ys: Float32Array } {
  let n = 0;
  for (let i = 0; i < b.ink.length; i++) n += b.ink[i];
  const xs = new Float32Array(n);
  const ys = new Float32Array(n);
  const cx = b.width / 2;
  const cy = b.height / 2;
  let k = 0;
  for (let y = 0; y < b.height; y++)
    for (let x = 0; x < b.width; x++)
      if (b.ink[y * b.width + x]) {
        xs[k] = x - cx;
        ys[k++] = y - cy;
      }
  return { xs, ys };
}

/**
 * How peaked the ink's projection is across lines running at `degrees` from the horizontal (rows) or from the
 * vertical (columns): the sum of squared bin counts over the squared total. Text lines give sharp peaks and empty gaps.
 */
function peakedness(p: { xs: Float32Array; ys: Float32Array }, degrees: number, columns: boolean, bins: Int32Array): number {
  const a = (degrees * Math.PI) / 180;
  const cos = Math.cos(a);
  const sin = Math.sin(a);
  const half = bins.length >> 1;
  bins.fill(0);
  const { xs, ys } = p;
  for (let i = 0; i < xs.length; i++) {
    const r = columns ? xs[i] * cos + ys[i] * sin : ys[i] * cos - xs[i] * sin;
    const k = (r + half) | 0;
    if (k >= 0 && k < bins.length) bins[k]++;
  }
  let s = 0;
  for (let i = 0; i < bins.length; i++) s += bins[i] * bins[i];
  return s / Math.max(1, xs.length * xs.length);
}

/** The skew (degrees, counter-clockwise positive) that makes the lines sharpest, coarse then fine, and its score. */
function bestSkew(p: { xs: Float32Array; ys: Float32Array }, columns: boolean, bins: Int32Array, maxSkew: number) {
  let best = 0;
  let score = -1;
  for (let d = -maxSkew; d <= maxSkew + 1e-9; d += 0.5) {
    const s = peakedness(p, d, columns, bins);
    if (s > score) (score = s), (best = d);
  }
  const around = best;
  for (let d = around - 0.45; d <= around + 0.45 + 1e-9; d += 0.05) {
    const s = peakedness(p, d, columns, bins);
    if (s > score) (score = s), (best = d);
  }
  return { skew: Math.round(best * 100) / 100, score };
}

/**
 * Ink above and below the x-height band of each text line, summed over the page (the image upright or upside down,
 * already deskewed). Upright Latin script has more above.
 */
export function aboveBelow(b: Binary): { above: number; below: number; lines: number } {
  const rows = new Float64Array(b.height);
  for (let y = 0; y < b.height; y++) {
    let s = 0;
    const o = y * b.width;
    for (let x = 0; x < b.width; x++) s += b.ink[o + x];
    rows[y] = s;
  }
  let above = 0;
  let below = 0;
  let lines = 0;
  let y = 0;
  const floor = Math.max(2, b.width * 0.002);
  while (y < b.height) {
    if (rows[y] < floor) {
      y++;
      continue;
    }
    const top = y;
    while (y < b.height && rows[y] >= floor) y++;
    const bottom = y - 1;
    const height = bottom - top + 1;
    if (height < 4 || height > b.height / 8) continue;
    let max = 0;
    for (let r = top; r <= bottom; r++) max = Math.max(max, rows[r]);
    // The x-height band: the rows carrying at least 65 % of the line's densest row (tone marks are so frequent in
    // Vietnamese that the row above the x-height often carries half as much).
    let c0 = top;
    while (rows[c0] < max * 0.65) c0++;
    let c1 = bottom;
    while (rows[c1] < max * 0.65) c1--;
    for (let r = top; r < c0; r++) above += rows[r];
    for (let r = c1 + 1; r <= bottom; r++) below += rows[r];
    lines++;
  }
  return { above, below, lines };
}

export interface Orientation {
  /** Clockwise quarter turns that make the page upright. */
  turns: 0 | 1 | 2 | 3;
  /** Counter-clockwise degrees to turn the upright page by to level its lines. */
  skew: number;
  /** How sure the up/down decision is (0 unsure … 1): under 0.2, a poorly recognised page is tried the other way up. */
  certainty: number;
}

/**
 * The quarter turns and the skew that make a page upright and level, from a downscaled copy (long side ≤ 1000 px is
 * plenty for the projections). Ruling lines should be gone first (removeRules, at full resolution: at this scale
 * the letters of a word run together): a table's grid would decide the projections instead of its text.
 */
export function detectOrientation(g: Gray, maxSkew = 5): Orientation {
  const small = fitPixels(g, 700_000);
  const b = binarise(small);
  if (b.fraction < 0.0005 || b.fraction > 0.5) return { turns: 0, skew: 0, certainty: 0 };
  const bins = new Int32Array(2 * Math.ceil(Math.hypot(b.width, b.height)) + 4);
  // A page whose lines run down it is turned a quarter clockwise first; the skew is measured across its lines.
  const quarter = downShare(b) > 0.5;
  const skew = bestSkew(inkPoints(quarter ? binarise(rotateQuarter(small, 1)) : b), false, bins, maxSkew).skew;
  // Up or down is read on a finer copy (2 MP: the tone marks and descenders stand apart from the x-height band).
  const fine = fitPixels(g, 2_000_000);
  const turned = quarter ? rotateQuarter(fine, 1) : fine;
  // Levelled, a skewed page's ruling lines (left in steps by the first removal) come out whole.
  const level = rotateSmall(turned, skew);
  const { above, below } = aboveBelow(binarise(skew ? removeRules(level, Math.round((0.3 * Math.max(level.width, level.height)) / 11.69)) : level));
  const sum = above + below;
  const share = sum > 0 ? above / sum : 0.5;
  // Most pages come upright: turned half a turn only on clear evidence; in between, the engine checks (engine.ts).
  // Under ~1.5 MP (A4 at 130 dpi) tone marks and descenders blur into the x-height band: no evidence either way.
  const readable = fine.width * fine.height >= 1_500_000;
  const flipped = readable && share < 0.45;
  const certainty = readable ? Math.round(Math.min(1, Math.abs(share - 0.5) * 4) * 100) / 100 : 0;
  const turns = ((quarter ? 1 : 0) + (flipped ? 2 : 0)) as 0 | 1 | 2 | 3;
  return { turns, skew, certainty };
}

/** A page turned upright and levelled as `o` says. */
export function applyOrientation(g: Gray, o: Pick<Orientation, 'turns' | 'skew'>): Gray {
  return rotateSmall(rotateQuarter(g, o.turns), o.skew);
}

