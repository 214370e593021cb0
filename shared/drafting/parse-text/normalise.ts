/**
 * First step of the import: text pasted from e-mail, Word or a PDF carries Windows line ends, invisible spaces and
 * Markdown check marks; every later stage assumes none of those.
 */

/** NFC, \n line ends, no invisible characters, no markup artefacts such as "*✓*". */
export function normalise(input: string): string {
  return input
    .normalize('NFC')
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?|[\u2028\u2029\f\v]/g, '\n')
    .replace(/[\u00A0\u2007\u202F]/g, ' ')
    .replace(/[\u200B-\u200D\u2060]/g, '')
    .replace(/\*{1,3}\s*[✓✔✗✘☐☑☒■□▪◻◼]+\s*\*{1,3}/g, '')
    .replace(/[✓✔✗✘☐☑☒]/g, '')
    .replace(/(^|[ \t])\*{2,4}(?=[ \t]|$)/gm, '$1');
}

/** The normalised text as lines without trailing blanks; a non-string input (from an untyped caller) reads as empty. */
export function toLines(input: unknown): string[] {
  const text = normalise(typeof input === 'string' ? input : '');
  return text.split('\n').map((l) => l.replace(/[ \t]+$/, ''));
}
