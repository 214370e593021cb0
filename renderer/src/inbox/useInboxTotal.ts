import { useCallback, useEffect, useState } from 'react';
import { call } from '../api/client';
import { useLive } from '../api/live';
import { useRoute } from '../router';

/**
 * How much waits for me ("Chờ tôi xử lý": incoming documents, tasks, drafts, the delegated ones included), the menu's
 * badge: reloaded on every live change of those records, on each move between screens (the desktop app has no live
 * stream) and every minute (a delegation taking effect, a deadline passing).
 */
export function useInboxTotal(): number {
  const [count, setCount] = useState(0);
  const route = useRoute();
  const load = useCallback(() => {
    call('inbox.count', {}).then((c) => setCount(c.total), () => undefined);
  }, []);
  useEffect(load, [load, route.page, route.id]);
  useLive(['incoming', 'tasks', 'drafts', 'outgoing'], load);
  useEffect(() => {
    const t = setInterval(load, 60_000);
    return () => clearInterval(t);
  }, [load]);
  return count;
}
