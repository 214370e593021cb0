import type { ReactNode } from 'react';
import type { Mark, SearchHit } from '../../../shared/search/schemas';
import { navigate } from '../router';

const MARK_STYLE = { background: '#ffe58f', color: 'inherit', padding: '0 1px', borderRadius: 2 } as const;

/** Marks in order, words next to each other (only spaces between them) joined: "đa dạng sinh học" reads as one. */
function joined(text: string, marks: readonly Mark[]): Mark[] {
  const out: Mark[] = [];
  for (const [a, b] of [...marks].sort((x, y) => x[0] - y[0])) {
    const last = out[out.length - 1];
    if (last && a >= last[1] && /^[ \u00a0]*$/.test(text.slice(last[1], a))) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

/** A text with the matched words in <mark> (positions from the API; the text itself is never parsed as HTML). */
export function Marked({ text, marks }: { text: string; marks: readonly Mark[] }) {
  const parts: ReactNode[] = [];
  let at = 0;
  for (const [a, b] of joined(text, marks)) {
    if (a < at || b <= a || b > text.length) continue;
    if (a > at) parts.push(text.slice(at, a));
    parts.push(
      <mark key={a} style={MARK_STYLE}>
        {text.slice(a, b)}
      </mark>,
    );
    at = b;
  }
  parts.push(text.slice(at));
  return <>{parts}</>;
}

/** The results page's address for a query and its filters (#/search?q=…). */
export interface SearchParams {
  q: string;
  kind?: SearchHit['kind'];
  year?: number;
  organ?: string;
  type?: string;
  page?: number;
}

export function searchPath(p: SearchParams): string {
  const s = new URLSearchParams();
  s.set('q', p.q);
  if (p.kind) s.set('kind', p.kind);
  if (p.year) s.set('year', String(p.year));
  if (p.organ) s.set('organ', p.organ);
  if (p.type) s.set('type', p.type);
  if (p.page && p.page > 1) s.set('page', String(p.page));
  return `/search?${s.toString()}`;
}

export function parseSearchParams(query: string | undefined): SearchParams {
  const s = new URLSearchParams(query ?? '');
  const kind = s.get('kind');
  const year = Number(s.get('year'));
  const page = Number(s.get('page'));
  return {
    q: s.get('q') ?? '',
    kind: kind === 'incoming' || kind === 'outgoing' || kind === 'draft' ? kind : undefined,
    year: Number.isInteger(year) && year > 1900 ? year : undefined,
    organ: s.get('organ') || undefined,
    type: s.get('type') || undefined,
    page: Number.isInteger(page) && page > 1 ? page : 1,
  };
}

/** Opens a hit where its record lives; an outgoing document's PDF is shown by the caller (`showPdf`). */
export function openHit(h: SearchHit, showPdf: (h: SearchHit) => void): void {
  if (h.kind === 'incoming') navigate(`/incoming/${h.id}`);
  else if (h.kind === 'draft') navigate(`/drafting/${h.id}`);
  else if (h.sha256) showPdf(h);
  else navigate('/outgoing');
}
