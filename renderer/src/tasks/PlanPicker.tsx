import { useEffect, useState } from 'react';
import { Select } from 'antd';
import { formatDateVN } from '../../../shared/domain/dates';
import type { OutgoingRecord } from '../../../shared/outgoing/schemas';
import { call } from '../api/client';
import { matchLabel } from './handlers';

const PLAN_TYPES = new Set(['ke-hoach', 'chuong-trinh']);

/** An issued Kế hoạch or Chương trình of this year or the last, newest first. */
export function PlanPicker({ value, onChange, testId }: { value?: number; onChange(id: number | undefined): void; testId: string }) {
  const [plans, setPlans] = useState<OutgoingRecord[]>([]);
  useEffect(() => {
    const year = new Date().getFullYear();
    Promise.all([call('outgoing.list', { year }), call('outgoing.list', { year: year - 1 })])
      .then(([a, b]) => setPlans([...a, ...b].filter((r) => r.status === 'issued' && r.docType !== null && PLAN_TYPES.has(r.docType))))
      .catch(() => undefined);
  }, []);
  return (
    <Select
      showSearch
      allowClear
      style={{ width: 560 }}
      placeholder="Chọn kế hoạch, chương trình đã ban hành"
      value={value}
      onChange={onChange}
      filterOption={matchLabel}
      data-testid={testId}
      options={plans.map((p) => ({ value: p.id, label: `${p.ref} ngày ${formatDateVN(p.docDate)} — ${p.subject}` }))}
    />
  );
}
