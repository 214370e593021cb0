/**
 * One normaliser for every text that comes in through the API, from any host (issue 14): text is stored as NFC,
 * with no invisible characters and no control characters, so that "70/KH-UBND" typed with a zero-width space is the
 * same number as without it, an RTL override cannot make a name read backwards, and nothing stored can drive a
 * terminal when printed.
 */

/**
 * Zero-width characters, bidi controls, soft hyphen, BOM, variation selectors, Hangul fillers and tag characters:
 * nothing a Vietnamese text needs, each a way to make look-alikes.
 */
export const INVISIBLE = /[\u00AD\u061C\u115F\u1160\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\u3164\uFE00-\uFE0F\uFEFF\uFFA0\u{E0000}-\u{E007F}]/gu;

/** C0 and C1 control characters other than tab and newline (and carriage return, folded into newline). */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

export const removeInvisible = (s: string): string => s.replace(INVISIBLE, '');

/** NFC, invisibles removed, CRLF as LF; on one line (tabs and line breaks become spaces) unless the field takes lines. */
export function cleanText(s: string, opts: { lines?: boolean } = {}): string {
  let t = removeInvisible(s.normalize('NFC')).replace(/\r\n?|[\u2028\u2029]/g, '\n');
  if (!opts.lines) t = t.replace(/[\t\n]+/g, ' ');
  return t.trim();
}

/** The first control character of a text as "U+001B", or null: such text is refused, never stored. */
export function controlCharIn(s: string): string | null {
  const m = CONTROL.exec(s);
  return m ? `U+${m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}` : null;
}

/** For printing to a terminal: control characters (but tab and newline) shown as \u{1b}, never sent as they are. */
export function escapeControls(s: string): string {
  return s.replace(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g, (c) => `\\u{${c.charCodeAt(0).toString(16)}}`);
}
