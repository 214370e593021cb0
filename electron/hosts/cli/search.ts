import { AppError } from '../../../shared/api/result';
import { formatDateVN } from '../../../shared/domain/dates';
import { SEARCH_KIND_LABELS, statusLabel, type SearchHit, type SearchKind } from '../../../shared/search/schemas';
import { RemoteApp } from './remote';
import { call, withApp } from './session';
import { int, parse, str } from './args';
import { printJson } from './output';

/** `--kind den,di,du-thao` (or incoming, outgoing, draft). */
const KIND_WORDS: Record<string, SearchKind> = { den: 'incoming', di: 'outgoing', 'du-thao': 'draft', incoming: 'incoming', outgoing: 'outgoing', draft: 'draft' };

function kindsOf(v: string | undefined): SearchKind[] | undefined {
  if (v === undefined) return undefined;
  return v.split(',').map((w) => {
    const k = KIND_WORDS[w.trim().toLowerCase()];
    if (!k) throw new AppError('VALIDATION', `Loại «${w.trim()}» không có: dùng den (văn bản đến), di (văn bản đi), du-thao (dự thảo).`, { field: 'kind' });
    return k;
  });
}

export function hitLine(h: SearchHit): string {
  const number = h.kind === 'incoming' ? `số đến ${h.number}  ` : '';
  const status = statusLabel(h);
  const head = `#${h.id}  ${SEARCH_KIND_LABELS[h.kind]}  ${number}${h.ref ? `${h.ref}  ` : ''}${formatDateVN(h.date)}  ${h.subject}${status ? `  (${status})` : ''}`;
  return h.snippetFrom === 'text' ? `${head}\n      ${h.snippet}` : head;
}

/** `vanphong search QUERY [--kind …] [--year N] [--organ TEXT] [--type NAME] [--limit N] [--offset N]`: the results page. */
export async function searchCommand(argv: string[]): Promise<void> {
  const { values, positionals } = parse(argv, {
    limit: { type: 'string' },
    offset: { type: 'string' },
    kind: { type: 'string' },
    year: { type: 'string' },
    organ: { type: 'string' },
    type: { type: 'string' },
  });
  await withApp(values, async (app) => {
    // One-shot command: what earlier commands saved (drafts, an issued PDF's text) is indexed before searching.
    if (!(app instanceof RemoteApp)) await app.indexer.runUntilIdle();
    const r = await call(app, 'search.results', {
      query: positionals.join(' '),
      kinds: kindsOf(str(values.kind)),
      year: int(values.year, 'Năm'),
      organ: str(values.organ),
      docType: str(values.type),
      offset: int(values.offset, 'Vị trí bắt đầu') ?? 0,
      limit: int(values.limit, 'Giới hạn') ?? 50,
    });
    if (values.json) printJson(r.hits);
    else {
      for (const h of r.hits) console.log(hitLine(h));
      const from = (int(values.offset, 'Vị trí bắt đầu') ?? 0) + 1;
      const shown = r.hits.length ? ` (hiển thị ${from}–${from + r.hits.length - 1})` : '';
      console.log(`${r.capped ? `Hơn ${r.total}` : r.total} kết quả${shown}`);
    }
  });
}
