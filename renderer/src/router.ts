import { useEffect, useState } from 'react';

/** A tiny hash router: #/incoming, #/incoming/42, #/outgoing, #/dashboard, #/directory, #/recipients, #/drafting, #/drafting/new, #/drafting/7, #/signing, #/users, #/audit. */
export type Route = { page: 'dashboard' | 'incoming' | 'outgoing' | 'directory' | 'recipients' | 'drafting' | 'signing' | 'users' | 'audit'; id?: number | 'new' };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/');
  switch (parts[0]) {
    case 'incoming': {
      const id = Number(parts[1]);
      return Number.isInteger(id) && id > 0 ? { page: 'incoming', id } : { page: 'incoming' };
    }
    case 'directory':
    case 'recipients':
    case 'outgoing':
    case 'users':
    case 'audit':
      return { page: parts[0] };
    case 'signing':
      return { page: 'signing' };
    case 'drafting': {
      if (parts[1] === 'new') return { page: 'drafting', id: 'new' };
      const id = Number(parts[1]);
      return Number.isInteger(id) && id > 0 ? { page: 'drafting', id } : { page: 'drafting' };
    }
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
