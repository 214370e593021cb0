import { useEffect, useState } from 'react';

/**
 * A tiny hash router: #/incoming, #/incoming/42, #/outgoing, #/dashboard, #/directory, #/recipients, #/drafting,
 * #/drafting/new, #/drafting/7, #/signing, #/users, #/units, #/audit, #/backup, #/settings/<tab>, #/inbox (Chờ tôi xử lý), #/tasks[/id] (giao việc), #/hoso[/id] (hồ sơ công việc), #/exchange (trao đổi văn bản), #/import[/outgoing] (nhập sổ cũ), #/outgoing/register (the register's tab), and the schedule: #/schedule (this week),
 * #/schedule/2026-W48 (a week), #/schedule/2026-11-23 (a day), #/schedule/2026-11 (a month); also
 * #/schedule?week=2026-W48, ?date=2026-11-23, ?month=2026-11.
 */
export type Route = { page: 'dashboard' | 'incoming' | 'outgoing' | 'directory' | 'recipients' | 'drafting' | 'signing' | 'users' | 'audit' | 'schedule' | 'sessions' | 'units' | 'backup' | 'settings' | 'search' | 'inbox' | 'tasks' | 'hoso' | 'exchange' | 'import'; id?: number | 'new'; param?: string };

export function parseRoute(hash: string): Route {
  const [path, query = ''] = hash.replace(/^#\/?/, '').split('?');
  const parts = path.split('/');
  switch (parts[0]) {
    case 'schedule': {
      const q = new URLSearchParams(query);
      const param = parts[1] || q.get('week') || q.get('date') || q.get('month') || undefined;
      return param ? { page: 'schedule', param } : { page: 'schedule' };
    }
    case 'inbox':
    case 'exchange':
      return { page: parts[0] };
    case 'import': // #/import (into the incoming register), #/import/outgoing
      return parts[1] === 'outgoing' ? { page: 'import', param: 'outgoing' } : { page: 'import' };
    case 'tasks':
    case 'hoso': {
      const id = Number(parts[1]);
      return Number.isInteger(id) && id > 0 ? { page: parts[0], id } : { page: parts[0] };
    }
    case 'incoming': {
      const id = Number(parts[1]);
      return Number.isInteger(id) && id > 0 ? { page: 'incoming', id } : { page: 'incoming' };
    }
    case 'directory':
    case 'recipients':
    case 'outgoing':
    case 'users':
    case 'audit':
    case 'sessions':
    case 'units':
    case 'backup':
      return { page: parts[0] };
    case 'signing':
      return { page: 'signing' };
    case 'search': // #/search?q=…&kind=…&year=…&organ=…&type=…&page=N: the query string, read by the results page
      return { page: 'search', param: query };
    case 'settings':
      return parts[1] ? { page: 'settings', param: parts[1] } : { page: 'settings' };
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
