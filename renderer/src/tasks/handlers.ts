import { useEffect, useState } from 'react';
import type { HandlerRef, TaskHandler, TaskRow } from '../../../shared/tasks/schemas';
import { TASK_STATUS_LABELS } from '../../../shared/tasks/schemas';
import { foldVietnamese } from '../../../shared/text/fold';
import { call } from '../api/client';

/** The office's units and active accounts as choices for a task's lead and co-handlers: "unit:3", "user:7". */
export interface HandlerOption {
  value: string;
  label: string;
}

export function useHandlerChoices(): HandlerOption[] {
  const [options, setOptions] = useState<HandlerOption[]>([]);
  useEffect(() => {
    let live = true;
    Promise.all([call('units.list', {}), call('users.list', {})])
      .then(([units, users]) => {
        if (!live) return;
        setOptions([
          ...units.map((u) => ({ value: `unit:${u.id}`, label: `${u.name} — đơn vị` })),
          ...users.filter((u) => u.active).map((u) => ({ value: `user:${u.id}`, label: `${u.fullName}${u.title ? `, ${u.title}` : ''}${u.unit ? ` (${u.unit})` : ''}` })),
        ]);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  return options;
}

/** "unit:3" → {unitId: 3}; "user:7" → {userId: 7}; anything else typed is an outside organisation by name. */
export function refOf(value: string): HandlerRef {
  const m = /^(unit|user):(\d+)$/.exec(value);
  if (!m) return value;
  return m[1] === 'unit' ? { unitId: Number(m[2]) } : { userId: Number(m[2]) };
}

export function valueOf(h: Pick<TaskHandler, 'unitId' | 'userId' | 'name'>): string {
  return h.unitId !== null ? `unit:${h.unitId}` : h.userId !== null ? `user:${h.userId}` : h.name;
}

export const matchLabel = (input: string, o?: { label?: unknown }) => foldVietnamese(String(o?.label ?? '')).includes(foldVietnamese(input));

export function statusOf(r: Pick<TaskRow, 'status' | 'overdue' | 'late'>): { text: string; color: string } {
  if (r.overdue) return { text: `${TASK_STATUS_LABELS['qua-han']}`, color: 'red' };
  if (r.status === 'hoan-thanh') return r.late ? { text: 'Hoàn thành trễ hạn', color: 'orange' } : { text: 'Hoàn thành', color: 'green' };
  if (r.status === 'cho-duyet') return { text: TASK_STATUS_LABELS['cho-duyet'], color: 'blue' };
  if (r.status === 'huy') return { text: TASK_STATUS_LABELS.huy, color: 'default' };
  return { text: TASK_STATUS_LABELS['dang-lam'], color: 'processing' };
}
