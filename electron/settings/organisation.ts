import type { DB } from '../db/connection';
import { getSetting, setSetting } from '../app/settings';
import { DEFAULT_SIGNERS, saveOrganisationInput, type Organisation } from '../../shared/settings/schemas';
import type { ProfileId } from '../../shared/drafting/model';

/**
 * The organisation, read by every part that prints a header (drafts, the weekly schedule, Giấy mời, the register
 * books). Until a quản trị saves it, what earlier versions kept (the register books' organ name, the weekly schedule's
 * header) stands in, else dotted blanks a person will notice.
 */

const KEY = 'organisation';

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** What the weekly schedule's settings (issue 9) held, the only header an earlier version kept. */
function legacy(db: DB): Organisation {
  let s: Record<string, unknown> = {};
  try {
    const raw = getSetting(db, 'schedule.document');
    if (raw) s = JSON.parse(raw) as Record<string, unknown>;
  } catch {
    s = {};
  }
  const profile: ProfileId = s.profile === 'party' ? 'party' : 'state';
  return {
    profile,
    name: getSetting(db, 'organ.name') || str(s.organ),
    parentOrgan: str(s.parentOrgan),
    abbr: str(s.organAbbr),
    place: str(s.place) === '…' ? '' : str(s.place),
    organId: '',
    signers: DEFAULT_SIGNERS[profile],
  };
}

export function organisation(db: DB): Organisation & { configured: boolean } {
  const raw = getSetting(db, KEY);
  if (raw) {
    let stored: unknown = null;
    try {
      stored = JSON.parse(raw);
    } catch {
      // A damaged setting: the header falls back as if it had not been saved, and the screen asks for it again.
    }
    const parsed = saveOrganisationInput.safeParse(stored);
    if (parsed.success) return { ...parsed.data, configured: true };
  }
  return { ...legacy(db), configured: false };
}

/** Runs inside the caller's transaction. The register books' organ name follows. */
export function storeOrganisation(db: DB, o: Organisation): void {
  setSetting(db, KEY, JSON.stringify(o));
  setSetting(db, 'organ.name', o.name.split('\n').pop()!.trim());
}

/** The organ's own name as a book or a sentence writes it (the last line of a two-line header name). */
export function organName(db: DB): string {
  const o = organisation(db);
  return (o.name.split('\n').pop() ?? '').trim();
}
