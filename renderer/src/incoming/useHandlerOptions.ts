import { useEffect, useState } from 'react';
import { call } from '../api/client';

export interface HandlerOption {
  value: string;
  label: string;
}

/**
 * What a routing can name: the office's units, then its active accounts (by full name); anything else typed is kept
 * as an outside organisation. The server resolves the names again (electron/incoming/routing.ts).
 */
export function useHandlerOptions(open: boolean): HandlerOption[] {
  const [options, setOptions] = useState<HandlerOption[]>([]);
  useEffect(() => {
    if (!open) return;
    let live = true;
    Promise.all([call('units.list', {}), call('users.list', {})])
      .then(([units, users]) => {
        if (!live) return;
        setOptions([
          ...units.map((u) => ({ value: u.name, label: `${u.name} — đơn vị` })),
          ...users.filter((u) => u.active).map((u) => ({ value: u.fullName, label: `${u.fullName}${u.title ? `, ${u.title}` : ''}${u.unit ? ` (${u.unit})` : ''}` })),
        ]);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [open]);
  return options;
}
