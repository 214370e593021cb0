import { useEffect, useState } from 'react';

/** A tiny hash router: #/incoming, #/incoming/42, #/dashboard, #/directory. */
export type Route = { page: 'dashboard' | 'incoming' | 'directory'; id?: number };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/');
  switch (parts[0]) {
    case 'incoming': {
      const id = Number(parts[1]);
      return Number.isInteger(id) && id > 0 ? { page: 'incoming', id } : { page: 'incoming' };
    }
    case 'directory':
      return { page: 'directory' };
    default:
      return { page: 'dashboard' };
  }
}

export function navigate(to: string): void {
  location.hash = to;
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const on = () => setRoute(parseRoute(location.hash));
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return route;
}
