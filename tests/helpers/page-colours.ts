import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { PNG } from 'pngjs';

/** Page `page` rendered by poppler at 72 dpi (1 px = 1 pt), so PDF rects map to pixels directly (y flipped). */
export function renderPage(file: string, page: number): PNG {
  const prefix = `${file}-p${page}`;
  execFileSync('pdftoppm', ['-png', '-r', '72', '-f', String(page), '-l', String(page), '-singlefile', file, prefix]);
  return PNG.sync.read(fs.readFileSync(`${prefix}.png`));
}

/** The whole page as a rect, for `count`. */
export const wholePage = (img: PNG): number[] => [0, 0, img.width, img.height];

export type Colour = 'blue' | 'red' | 'dark';

/** Pixels of a colour inside a PDF rect [llx, lly, urx, ury] on a 72-dpi render. */
export function count(img: PNG, rect: number[], colour: Colour): number {
  let n = 0;
  for (let y = Math.max(0, Math.ceil(img.height - rect[3])); y < Math.min(img.height, Math.floor(img.height - rect[1])); y++)
    for (let x = Math.max(0, Math.ceil(rect[0])); x < Math.min(img.width, Math.floor(rect[2])); x++) {
      const i = (y * img.width + x) * 4;
      const [r, g, b] = [img.data[i], img.data[i + 1], img.data[i + 2]];
      if (colour === 'blue' && b > 140 && r < 110 && g < 130) n++;
      if (colour === 'red' && r > 150 && g < 110 && b < 110) n++;
      if (colour === 'dark' && r < 90 && g < 90 && b < 90) n++;
    }
  return n;
}
