import type { MethodParsed } from '../../shared/api/contract';
import type { SearchHit } from '../../shared/search/schemas';
import type { AppContext } from '../app/context';
import { buildMatch, snippetOf } from './query';
import { attachmentTexts, hitRows, matchIds } from './repo';
import { foldVietnamese, searchTokens } from '../../shared/text/fold';
import { incomingScope } from '../scope/repo';
import { viewerOf } from '../scope/viewer';

/** One search box over trích yếu, số ký hiệu, sender and the text of the attachments; newest first. */
export function search(app: AppContext, input: MethodParsed<'search.query'>): SearchHit[] {
  const match = buildMatch(input.query);
  if (!match) return [];
  const ids = matchIds(app.db, match, input.limit, incomingScope(viewerOf(app)));
  const tokens = searchTokens(input.query);
  return hitRows(app.db, ids).map((r) => {
    // The snippet comes from the metadata when every word is there, else from the attachments' text.
    const meta = foldVietnamese(`${r.subject} ${r.ref} ${r.sender}`);
    const inMeta = tokens.every((t) => meta.includes(t));
    const snippet = inMeta ? snippetOf(r.subject, input.query) : snippetOf(attachmentTexts(app.db, r.id).join(' '), input.query);
    return {
      id: r.id,
      kind: 'incoming' as const,
      number: `${r.arrival_number}/${r.year}`,
      ref: r.ref,
      subject: r.subject,
      sender: r.sender,
      date: r.arrival_date,
      snippet,
    };
  });
}
