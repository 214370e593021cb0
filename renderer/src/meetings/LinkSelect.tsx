import { useState } from 'react';
import { Select } from 'antd';
import type { LabeledValue } from 'antd/es/select';
import type { LinkKind, MeetingLink } from '../../../shared/meetings/schemas';
import { call } from '../api/client';

/** Văn bản liên quan: recent drafts, outgoing and incoming documents, loaded the first time the list opens. */
export type LinkValue = LabeledValue & { value: string };

type Group = { label: string; title: string; options: { value: string; label: string }[] };

export function toLinkInputs(values: LinkValue[] | undefined): { kind: LinkKind; id: number }[] {
  return (values ?? []).map((v) => {
    const [kind, id] = v.value.split(':');
    return { kind: kind as LinkKind, id: Number(id) };
  });
}

export function fromLinks(links: MeetingLink[]): LinkValue[] {
  return links.map((l) => ({ value: `${l.kind}:${l.refId}`, label: l.label }));
}

const cut = (s: string, n = 90) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export function LinkSelect({ value, onChange, ...rest }: { value?: LinkValue[]; onChange?(v: LinkValue[]): void; 'data-testid'?: string }) {
  const [groups, setGroups] = useState<Group[] | null>(null);
  const [loading, setLoading] = useState(false);
  async function load() {
    if (groups || loading) return;
    setLoading(true);
    const [drafts, outgoing, incoming] = await Promise.all([
      call('drafts.list', { limit: 50 }).catch(() => []),
      call('outgoing.list', { limit: 50 }).catch(() => []),
      call('incoming.list', { limit: 50, withTotal: false }).then((r) => r.rows, () => []),
    ]);
    setGroups(
      [
        { label: 'Dự thảo', title: 'Dự thảo', options: drafts.map((d) => ({ value: `draft:${d.id}`, label: cut(d.subject || '(chưa có trích yếu)') })) },
        { label: 'Văn bản đi', title: 'Văn bản đi', options: outgoing.map((o) => ({ value: `outgoing:${o.id}`, label: cut(`${o.ref}${o.subject ? ` — ${o.subject}` : ''}`) })) },
        { label: 'Văn bản đến', title: 'Văn bản đến', options: incoming.map((i) => ({ value: `incoming:${i.id}`, label: cut(`${i.ref} — ${i.subject}`) })) },
      ].filter((g) => g.options.length > 0),
    );
    setLoading(false);
  }
  return (
    <Select<LinkValue[]>
      mode="multiple"
      labelInValue
      allowClear
      value={value}
      onChange={(v) => onChange?.(v)}
      onOpenChange={(open) => open && void load()}
      loading={loading}
      showSearch={{ optionFilterProp: 'label' }}
      options={groups ?? []}
      placeholder="Không bắt buộc: chọn văn bản gần đây"
      notFoundContent={loading ? 'Đang tải…' : 'Không có văn bản nào'}
      style={{ width: '100%' }}
      data-testid={rest['data-testid']}
    />
  );
}
