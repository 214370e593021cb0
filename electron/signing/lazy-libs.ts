import { lazyRequire } from '../app/lazy-require';
import type * as Asn1js from 'asn1js';
import type * as Pkijs from 'pkijs';
import type * as PngJs from 'pngjs';

/**
 * Libraries the signing code loads on first use, not when it is imported: the API, and so every CLI command and the
 * app's start, goes without them. Some of their users are synchronous (verifying a PDF, reading a stamp image), hence
 * require(); it shares Node's module cache with import, so the classes are the very same (instanceof holds).
 * A function starts with `const pkijs = lazy.pkijs();`, and the file's `import type * as pkijs` still names the types.
 */
export const pkijs = lazyRequire<typeof Pkijs>('pkijs');
export const asn1js = lazyRequire<typeof Asn1js>('asn1js');
export const pngjs = lazyRequire<typeof PngJs>('pngjs');
