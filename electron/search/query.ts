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

/** The query narrowed to records whose recipients column holds the organ's name, word after word (outgoing, drafts). */
export function withOrgan(match: string, organ: string | undefined): string {
  const tokens = organ ? searchTokens(organ) : [];
  return tokens.length ? `(${match}) AND organs : "${tokens.join(' ')}"` : match;
}

/** An organ's name as the directory keeps it folded (organizations.name_folded), for a LIKE on part of it. */
export function foldedOrganPattern(organ: string): string {
  const f = foldVietnamese(organ).replace(/\s+/g, ' ').trim();
  return `%${f.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The fields of an incoming document the index holds, in order (their folding is the `meta` column). */
export interface IncomingMetaFields {
  subject: string;
  ref: string;
  sender: string;
  docType: string | null;
  arrivalNumber: number;
  year: number;
  recipient?: string | null;
  note?: string | null;
}

const META_SEPARATOR = ' \n ';

/** The original text whose folding is an incoming document's `meta`, and where the trích yếu is in it. */
export function incomingMetaSource(d: IncomingMetaFields): { text: string; subject: [number, number] } {
  const typeName = d.docType ? (docTypeByCode(d.docType)?.name ?? '') : '';
  const text = [typeName, d.subject, d.ref, d.sender, `${d.arrivalNumber}/${d.year}`, d.recipient ?? '', d.note ?? ''].join(META_SEPARATOR);
  const start = typeName.length + META_SEPARATOR.length;
  return { text, subject: [start, start + d.subject.length] };
}

/** The folded metadata text indexed for an incoming document. */
export function incomingMetaText(d: IncomingMetaFields): string {
  return foldVietnamese(incomingMetaSource(d).text);
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
