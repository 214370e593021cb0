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

export interface FlowOptions {
  /** Units (value `unit:ID`) then active accounts (value `user:ID`), for the bút phê's chủ trì, phối hợp, để biết. */
  handlers: HandlerOption[];
  /** Active lãnh đạo accounts (value: the account id), for trình. */
  leaders: { value: number; label: string }[];
}

/** A chosen handler as the API takes it: a unit or an account by id, anything typed by name (an outside organisation). */
export function handlerRef(value: string): { unitId: number } | { userId: number } | string {
  const m = /^(unit|user):(\d+)$/.exec(value);
  if (!m) return value;
  return m[1] === 'unit' ? { unitId: Number(m[2]) } : { userId: Number(m[2]) };
}

/** What the flow's forms choose from: the office's units and accounts by id (names can repeat), and its leaders. */
export function useFlowOptions(open: boolean): FlowOptions {
  const [options, setOptions] = useState<FlowOptions>({ handlers: [], leaders: [] });
  useEffect(() => {
    if (!open) return;
    let live = true;
    Promise.all([call('units.list', {}), call('users.list', {})])
      .then(([units, users]) => {
        if (!live) return;
        const active = users.filter((u) => u.active);
        setOptions({
          handlers: [
            ...units.map((u) => ({ value: `unit:${u.id}`, label: `${u.name} — đơn vị` })),
            ...active.map((u) => ({ value: `user:${u.id}`, label: `${u.fullName}${u.title ? `, ${u.title}` : ''}${u.unit ? ` (${u.unit})` : ''}` })),
          ],
          leaders: active.filter((u) => u.roles.includes('lanhdao')).map((u) => ({ value: u.id, label: `${u.fullName}${u.title ? `, ${u.title}` : ''}` })),
        });
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [open]);
  return options;
}
