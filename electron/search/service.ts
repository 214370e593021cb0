import type { MethodParsed } from '../../shared/api/contract';
import { SEARCH_COUNT_CAP, SEARCH_KINDS, type Mark, type SearchHit, type SearchKind, type SearchResults } from '../../shared/search/schemas';
import { todayInVietnam } from '../../shared/domain/dates';
import type { AppContext } from '../app/context';
import { buildMatch, foldedOrganPattern, incomingMetaSource, snippetOf, withOrgan } from './query';
import { attachmentTexts, findIncoming, hitRows, markedIncoming } from './repo';
import { draftHitRows, draftModel, findRecords, markedRecords, outgoingHitRows, outgoingPdfText, queueSize, type Found } from './records-repo';
import { alignMarks, alignSnippet, clipMarks, markTokens, OPEN } from './marks';
import { draftBody } from './record-text';
import { draftScope, outgoingScope, readableIncoming } from '../scope/repo';
import { viewerOf } from '../scope/viewer';

type Filters = Omit<MethodParsed<'search.results'>, 'offset' | 'limit'>;

/** The dropdown: the newest hits over every register the caller may read, highlighted. */
export function search(app: AppContext, input: MethodParsed<'search.query'>): SearchHit[] {
  return find(app, input, 0, input.limit, false).hits;
}

/** The results page: a page of the first SEARCH_COUNT_CAP hits, how many there are, with the filters. */
export function searchResults(app: AppContext, input: MethodParsed<'search.results'>): SearchResults {
  return find(app, input, input.offset, input.limit, true);
}

/**
 * One search box over trích yếu, số ký hiệu, sender or recipients, the text of the attachments, of the issued PDFs and
 * of the drafts. Each kind is searched newest first with the caller's read scope and the filters inside its FTS query
 * (scope/repo.ts), so nothing the caller may not open is found or counted; the kinds are merged by date, newest first.
 */
function find(app: AppContext, input: Filters, offset: number, limit: number, count: boolean): SearchResults {
  const match = buildMatch(input.query);
  if (!match) return { hits: [], total: 0, capped: false };
  // A record saved where no background indexer runs yet (a CLI command before): indexed by the host's indexer.
  if (queueSize(app.db) > 0) app.indexer.kick();
  const v = viewerOf(app);
  const kinds = input.kinds ?? SEARCH_KINDS;
  const want = count ? SEARCH_COUNT_CAP + 1 : offset + limit;
  // The dropdown's few hits get their marks from the same evaluation of the query; the results page, which counts up
  // to the cap, marks only the page it shows (hydrate).
  const marked = !count;
  const lists: [SearchKind, Found[]][] = [];
  const marks: Marks = new Map();
  const keep = (kind: SearchKind, found: (Found & { head?: string; body?: string })[]) => {
    if (marked) for (const f of found) marks.set(`${kind}:${f.id}`, { head: f.head ?? '', body: f.body ?? '' });
    lists.push([kind, found]);
  };
  if (kinds.includes('incoming')) {
    const senderPattern = input.organ ? foldedOrganPattern(input.organ) : undefined;
    const found = findIncoming(app.db, match, want, readableIncoming(v, 'd'), { year: input.year, docType: input.docType, senderPattern }, marked);
    keep('incoming', found.map((f) => ({ id: f.id, date: f.date, head: f.meta, body: f.text })));
  }
  const narrowed = withOrgan(match, input.organ);
  const filter = { year: input.year, docType: input.docType };
  if (kinds.includes('outgoing')) {
    keep('outgoing', findRecords(app.db, 'outgoing', narrowed, want, outgoingScope(v, 'g'), filter, marked).map((f) => ({ ...f, head: f.subject })));
  }
  if (kinds.includes('draft')) {
    // A draft's date is the day (in Vietnam) it last changed.
    const found = findRecords(app.db, 'draft', narrowed, want, draftScope(v, 'g'), filter, marked);
    keep('draft', found.map((f) => ({ id: f.id, date: todayInVietnam(new Date(f.date)), head: f.subject, body: f.body })));
  }
  const merged = newestFirst(lists);
  const page = merged.slice(offset, offset + limit);
  return { hits: hydrate(app, page, input.query, match, marks), total: Math.min(merged.length, SEARCH_COUNT_CAP), capped: merged.length > SEARCH_COUNT_CAP };
}

/** FTS5's marks of a hit, folded: highlight() of the metadata or trích yếu (`head`), snippet() of the body. */
type Marks = Map<string, { head: string; body: string }>;

/** The page's marks: those found with the hits, else found again for the page's ids of that kind. */
function marksOf(marks: Marks, kind: SearchKind, ids: number[], find: () => { id: number; head: string; body: string }[]): Marks {
  if (ids.every((id) => marks.has(`${kind}:${id}`))) return marks;
  for (const m of find()) marks.set(`${kind}:${m.id}`, { head: m.head, body: m.body });
  return marks;
}

/** Merges lists that are each newest first, keeping each list's order (so that pages never overlap). */
function newestFirst(lists: [SearchKind, Found[]][]): { kind: SearchKind; id: number; date: string }[] {
  const at = lists.map(() => 0);
  const out: { kind: SearchKind; id: number; date: string }[] = [];
  for (;;) {
    let best = -1;
    lists.forEach(([, l], k) => {
      if (at[k] < l.length && (best < 0 || l[at[k]].date > lists[best][1][at[best]].date)) best = k;
    });
    if (best < 0) return out;
    const f = lists[best][1][at[best]++];
    out.push({ kind: lists[best][0], id: f.id, date: f.date });
  }
}

interface Excerpt {
  snippet: string;
  snippetFrom: 'meta' | 'text';
  snippetMarks: Mark[];
}

/** An excerpt of the body around the words FTS5's snippet() chose, or, when the body did not match, the subject. */
function excerpt(query: string, subject: string, subjectMarks: Mark[], markedBody: string | undefined, body: () => string): Excerpt {
  if (!markedBody?.includes(OPEN)) return { snippet: subject, snippetFrom: 'meta', snippetMarks: subjectMarks };
  const original = body();
  const aligned = alignSnippet(original, markedBody);
  if (aligned) return { snippet: aligned.text, snippetFrom: 'text', snippetMarks: aligned.marks };
  const s = snippetOf(original, query);
  return { snippet: s, snippetFrom: 'text', snippetMarks: markTokens(s, query) };
}

function hydrate(app: AppContext, page: { kind: SearchKind; id: number }[], query: string, match: string, given: Marks): SearchHit[] {
  const ids = (k: SearchKind) => page.filter((p) => p.kind === k).map((p) => p.id);
  const byKey = new Map<string, SearchHit>();
  const put = (h: SearchHit) => byKey.set(`${h.kind}:${h.id}`, h);
  const common = (subject: string, ref: string, sender: string) => ({ refMarks: markTokens(ref, query), senderMarks: markTokens(sender, query), subject, ref, sender });

  const inc = ids('incoming');
  const incMarked = marksOf(given, 'incoming', inc, () => markedIncoming(app.db, match, inc).map((m) => ({ id: m.id, head: m.meta, body: m.text })));
  for (const r of hitRows(app.db, inc)) {
    const m = incMarked.get(`incoming:${r.id}`);
    const src = incomingMetaSource({ subject: r.subject, ref: r.ref, sender: r.sender, docType: r.doc_type, arrivalNumber: r.arrival_number, year: r.year, recipient: r.recipient, note: r.note });
    const meta = m ? alignMarks(src.text, m.head) : null;
    const subjectMarks = meta ? clipMarks(meta, ...src.subject) : markTokens(r.subject, query);
    put({
      id: r.id, kind: 'incoming', number: `${r.arrival_number}/${r.year}`, date: r.arrival_date, docType: r.doc_type, status: r.status, sha256: null,
      ...common(r.subject, r.ref, r.sender), subjectMarks,
      ...excerpt(query, r.subject, subjectMarks, m?.body, () => attachmentTexts(app.db, r.id).join('\n')),
    });
  }

  const out = ids('outgoing');
  const outMarked = marksOf(given, 'outgoing', out, () => markedRecords(app.db, 'outgoing', match, out).map((m) => ({ id: m.id, head: m.subject, body: m.body })));
  for (const r of outgoingHitRows(app.db, out)) {
    const m = outMarked.get(`outgoing:${r.id}`);
    const subjectMarks = (m && alignMarks(r.subject, m.head)) ?? markTokens(r.subject, query);
    let recipients: string[] = [];
    try {
      recipients = JSON.parse(r.recipients) as string[];
    } catch {
      /* shown without */
    }
    put({
      id: r.id, kind: 'outgoing', number: String(r.number), date: r.doc_date, docType: r.doc_type, status: r.status, sha256: r.sha256,
      ...common(r.subject, r.ref, recipients.join('; ')), subjectMarks,
      ...excerpt(query, r.subject, subjectMarks, m?.body, () => outgoingPdfText(app.db, r.id)),
    });
  }

  const dr = ids('draft');
  const drMarked = marksOf(given, 'draft', dr, () => markedRecords(app.db, 'draft', match, dr).map((m) => ({ id: m.id, head: m.subject, body: m.body })));
  for (const r of draftHitRows(app.db, dr)) {
    const m = drMarked.get(`draft:${r.id}`);
    const subjectMarks = (m && alignMarks(r.subject, m.head)) ?? markTokens(r.subject, query);
    put({
      id: r.id, kind: 'draft', number: '', date: todayInVietnam(new Date(r.updated_at)), docType: r.doc_type, status: r.status, sha256: null,
      ...common(r.subject, r.ref ?? '', r.owner_name ?? ''), subjectMarks,
      ...excerpt(query, r.subject, subjectMarks, m?.body, () => draftBody(JSON.parse(draftModel(app.db, r.id)))),
    });
  }
  return page.map((p) => byKey.get(`${p.kind}:${p.id}`)).filter((h): h is SearchHit => h !== undefined);
}
