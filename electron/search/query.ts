import { foldVietnamese, searchTokens } from '../../shared/text/fold';
import { docTypeByCode } from '../../shared/domain/doc-types';

/**
 * Builds an FTS5 MATCH expression from what the user typed: folded tokens, all required, the last one as a
 * prefix so results follow the typing. Quoting each token keeps FTS5 syntax characters inert.
 */
export function buildMatch(query: string, column?: 'meta' | 'attachments'): string | null {
  const tokens = searchTokens(query);
  if (tokens.length === 0) return null;
  const parts = tokens.map((t, i) => `"${t}"${i === tokens.length - 1 ? '*' : ''}`);
  const expr = parts.join(' ');
  return column ? `${column} : (${expr})` : expr;
}

/** The folded metadata text indexed for an incoming document. */
export function incomingMetaText(d: {
  subject: string;
  ref: string;
  sender: string;
  docType: string | null;
  arrivalNumber: number;
  year: number;
  recipient?: string | null;
  note?: string | null;
}): string {
  const typeName = d.docType ? (docTypeByCode(d.docType)?.name ?? '') : '';
  return foldVietnamese(
    [typeName, d.subject, d.ref, d.sender, `${d.arrivalNumber}/${d.year}`, d.recipient ?? '', d.note ?? ''].join(' \n '),
  );
}

/**
 * An excerpt of the original text around the first token. Folding NFC Vietnamese keeps one UTF-16 unit per
 * letter, so positions found in the folded text are positions in the original; if not, we show the folded text.
 */
export function snippetOf(original: string, query: string, width = 160): string {
  const tokens = searchTokens(query);
  const text = original.normalize('NFC').replace(/\s+/g, ' ').trim();
  const folded = foldVietnamese(text);
  const source = folded.length === text.length ? text : folded;
  let at = -1;
  for (const t of tokens) {
    at = folded.indexOf(t);
    if (at >= 0) break;
  }
  if (at < 0) return source.slice(0, width);
  const start = Math.max(0, at - Math.floor(width / 3));
  const end = Math.min(source.length, start + width);
  return `${start > 0 ? '…' : ''}${source.slice(start, end)}${end < source.length ? '…' : ''}`;
}
