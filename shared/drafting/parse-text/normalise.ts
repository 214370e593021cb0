/**
 * First step of the import: text pasted from e-mail, Word or a PDF carries Windows line ends, decomposed accents,
 * invisible spaces and Markdown check marks; every later stage assumes none of those. Page breaks (form feeds) are
 * kept as a line of their own, PAGE_BREAK, for the page-furniture stage; it removes them.
 */

export const PAGE_BREAK = '\f';

/** NFC, \n line ends, no invisible characters, no markup artefacts such as "*✓*"; a form feed on its own line. */
export function normalise(input: string): string {
  return input
    .normalize('NFC')
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?|[\u2028\u2029\v\u0085]/g, '\n')
    .replace(/\f/g, '\n\f\n')
    .replace(/[\u00A0\u2007\u202F]/g, ' ')
    .replace(/[\u200B-\u200D\u2060\u00AD]/g, '')
    // Runs longer than any page holds (a hostile or broken file): bounded, so that no later pattern sees megabytes of them.
    .replace(/[ \t]{200,}/g, (r) => r.slice(0, 200))
    .replace(/([.,…_*=~-])\1{199,}/g, (r) => r.slice(0, 200))
    .replace(/\*{1,3}\s*[✓✔✗✘☐☑☒■□▪◻◼]+\s*\*{1,3}/g, '')
    .replace(/[✓✔✗✘☐☑☒]/g, '')
    .replace(/(^|[ \t])\*{2,4}(?=[ \t]|$)/gm, '$1')
    // The Party's "*" under the organ, escaped by a converter.
    .replace(/^([ \t]*)\\\*[ \t]*$/gm, '$1*');
}

/** The normalised text as lines without trailing blanks; a non-string input (from an untyped caller) reads as empty. */
export function toLines(input: unknown): string[] {
  const text = normalise(typeof input === 'string' ? input : '');
  return text.split('\n').map((l) => l.replace(/[ \t]+$/, ''));
}
