import { PNG } from 'pngjs';

/**
 * Test stamps drawn with pngjs: a blue handwritten-like signature and a red round seal, both on a transparent
 * background, as ND30 asks of the real ones. Deterministic, so page renders can be compared by colour.
 */
function canvas(w: number, h: number) {
  const png = new PNG({ width: w, height: h });
  png.data.fill(0);
  const dot = (x: number, y: number, rgb: [number, number, number], r: number) => {
    for (let dy = -r; dy <= r; dy++)
      for (let dx = -r; dx <= r; dx++) {
        const px = Math.round(x + dx);
        const py = Math.round(y + dy);
        if (px < 0 || py < 0 || px >= w || py >= h || dx * dx + dy * dy > r * r) continue;
        const i = (py * w + px) * 4;
        png.data[i] = rgb[0];
        png.data[i + 1] = rgb[1];
        png.data[i + 2] = rgb[2];
        png.data[i + 3] = 255;
      }
  };
  return { png, dot };
}

/** A blue flourish 600 × 240 px. */
export function signaturePng(): Uint8Array {
  const { png, dot } = canvas(600, 240);
  const blue: [number, number, number] = [20, 40, 200];
  for (let t = 0; t <= 1; t += 0.0005) {
    const x = 40 + 520 * t;
    const y = 120 + 70 * Math.sin(t * Math.PI * 7) * (1 - t * 0.5) + 25 * Math.cos(t * Math.PI * 19);
    dot(x, y, blue, 4);
  }
  for (let t = 0; t <= 1; t += 0.001) dot(60 + 480 * t, 200 - 10 * t, blue, 3);
  return new Uint8Array(PNG.sync.write(png));
}

/** A red seal 400 × 400 px: two rings and a five-pointed star. Its pHYs chunk says 40 mm across. */
export function sealPng(): Uint8Array {
  const size = 400;
  const { png, dot } = canvas(size, size);
  const red: [number, number, number] = [220, 20, 30];
  const c = size / 2;
  for (let a = 0; a < Math.PI * 2; a += 0.002) {
    dot(c + 190 * Math.cos(a), c + 190 * Math.sin(a), red, 5);
    dot(c + 150 * Math.cos(a), c + 150 * Math.sin(a), red, 3);
  }
  const star = [0, 1, 2, 3, 4].map((k) => [c + 100 * Math.cos(-Math.PI / 2 + (k * 4 * Math.PI) / 5), c + 100 * Math.sin(-Math.PI / 2 + (k * 4 * Math.PI) / 5)]);
  for (let k = 0; k < 5; k++) {
    const [x1, y1] = star[k];
    const [x2, y2] = star[(k + 1) % 5];
    for (let t = 0; t <= 1; t += 0.002) dot(x1 + (x2 - x1) * t, y1 + (y2 - y1) * t, red, 4);
  }
  return withPhys(new Uint8Array(PNG.sync.write(png)), size / 0.04);
}

/** Inserts a pHYs chunk (pixels per metre) after IHDR. */
function withPhys(png: Uint8Array, ppm: number): Uint8Array {
  const b = Buffer.from(png);
  const data = Buffer.alloc(9);
  data.writeUInt32BE(Math.round(ppm), 0);
  data.writeUInt32BE(Math.round(ppm), 4);
  data[8] = 1;
  const type = Buffer.from('pHYs', 'latin1');
  const len = Buffer.alloc(4);
  len.writeUInt32BE(9);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([type, data])) >>> 0);
  const ihdrEnd = 8 + 12 + 13;
  return new Uint8Array(Buffer.concat([b.subarray(0, ihdrEnd), len, type, data, crc, b.subarray(ihdrEnd)]));
}

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const byte of buf) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c;
}

/** An opaque PNG (white background): refused as a stamp. */
export function opaquePng(): Uint8Array {
  const png = new PNG({ width: 10, height: 10 });
  png.data.fill(255);
  return new Uint8Array(PNG.sync.write(png));
}
