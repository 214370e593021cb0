import { useCallback, useEffect, useState } from 'react';
import { call } from '../api/client';
import { useLive } from '../api/live';

/** How many drafts wait for me ("Chờ tôi xử lý"), kept current by the live stream. */
export function useInboxCount(): number {
  const [count, setCount] = useState(0);
  const load = useCallback(() => {
    call('outgoing.inbox', {}).then((rows) => setCount(rows.length), () => undefined);
  }, []);
  useEffect(load, [load]);
  useLive(['drafts', 'outgoing'], load);
  return count;
}
