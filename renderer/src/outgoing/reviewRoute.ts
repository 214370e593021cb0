import { useEffect, useState } from 'react';

/**
 * The leader's review view lives under Văn bản đi: #/outgoing/review/7. The router gives the page ("outgoing", so the
 * menu shows where the leader is); the id after it is read here.
 */
export const reviewPath = (id: number): string => `/outgoing/review/${id}`;

export function reviewIdOf(hash: string): number | null {
  const m = /^#\/?outgoing\/review\/(\d+)(?:[/?]|$)/.exec(hash);
  const id = m ? Number(m[1]) : NaN;
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}

/** The draft under review in the address, kept current as the address changes. */
export function useReviewId(): number | null {
  const [id, setId] = useState(() => reviewIdOf(location.hash));
  useEffect(() => {
    const on = () => setId(reviewIdOf(location.hash));
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return id;
}
