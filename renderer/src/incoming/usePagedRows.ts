import { useCallback, useEffect, useRef, useState } from 'react';
import type { IncomingRow, ListIncomingInput } from '../../../shared/incoming/schemas';
import { call } from '../api/client';

export const PAGE = 100;

type SortField = NonNullable<ListIncomingInput['sort']>;
export type Filter = Omit<ListIncomingInput, 'offset' | 'limit' | 'withTotal' | 'sort' | 'order' | 'after' | 'before'>;
export interface Sort {
  field: SortField;
  order: 'asc' | 'desc';
}

interface Page {
  rows: IncomingRow[];
  prev: string | null;
  next: string | null;
}

/**
 * The register's rows by pages of 100, for a virtual list. A page next to one already loaded is fetched by keyset
 * (after the page above, or before the page below: an index seek however deep); a page far from any loaded one (the
 * scrollbar dragged down) by position, which the server places through its tallies. A new filter, sort or version
 * starts over.
 */
export function usePagedRows(filter: Filter, sort: Sort, version: number, onTotal: (n: number) => void) {
  const [total, setTotal] = useState<number | null>(null);
  const pages = useRef(new Map<number, Page | 'loading'>());
  const [, force] = useState(0);
  const generation = useRef(0);
  const key = JSON.stringify([filter, sort, version]);
  const totalSink = useRef(onTotal);
  totalSink.current = onTotal;

  const load = useCallback(
    async (p: number, withTotal: boolean) => {
      const gen = generation.current;
      const above = pages.current.get(p - 1);
      const below = pages.current.get(p + 1);
      const where =
        typeof above === 'object' && above.next ? { after: above.next } : typeof below === 'object' && below.prev ? { before: below.prev } : { offset: p * PAGE };
      pages.current.set(p, 'loading');
      try {
        const r = await call('incoming.list', { ...filter, sort: sort.field, order: sort.order, limit: PAGE, withTotal, ...where });
        if (gen !== generation.current) return;
        pages.current.set(p, { rows: r.rows, prev: r.prevCursor, next: r.nextCursor });
        if (r.total !== null) {
          setTotal(r.total);
          totalSink.current(r.total);
        }
        force((n) => n + 1);
      } catch {
        if (gen === generation.current) pages.current.delete(p);
      }
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the key stands for filter and sort
    [key],
  );

  useEffect(() => {
    generation.current++;
    pages.current = new Map();
    setTotal(null);
    void load(0, true);
  }, [key, load]);

  /** Loads the pages holding rows first..last that are not loaded yet. */
  const ensure = useCallback(
    (first: number, last: number) => {
      for (let p = Math.floor(first / PAGE); p <= Math.floor(last / PAGE); p++) if (!pages.current.has(p)) void load(p, false);
    },
    [load],
  );

  const rowAt = (i: number): IncomingRow | undefined => {
    const p = pages.current.get(Math.floor(i / PAGE));
    return typeof p === 'object' ? p.rows[i % PAGE] : undefined;
  };

  return { total, rowAt, ensure, key };
}
