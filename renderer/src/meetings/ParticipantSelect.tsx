import { useEffect, useMemo, useState } from 'react';
import { Select, Typography } from 'antd';
import type { LabeledValue } from 'antd/es/select';
import type { UserInfo } from '../../../shared/auth/schemas';
import type { Organization } from '../../../shared/directory/schemas';
import type { MeetingParticipant, ParticipantInput } from '../../../shared/meetings/schemas';
import { foldVietnamese } from '../../../shared/text/fold';
import { call } from '../api/client';

/**
 * Thành phần: people (accounts), cơ quan/đơn vị of the directory (searched on the server), or any line typed in
 * ("Lãnh đạo các phòng chuyên môn"). Values are labelled "u:ID", "o:ID" and "t:TEXT".
 */
export type ParticipantValue = LabeledValue & { value: string };

export function toParticipantInputs(values: ParticipantValue[] | undefined): ParticipantInput[] {
  return (values ?? []).map((v) => {
    const kind = v.value.slice(0, 2);
    const rest = v.value.slice(2);
    if (kind === 'u:') return { kind: 'person', userId: Number(rest) };
    if (kind === 'o:') return { kind: 'organization', organizationId: Number(rest) };
    return { kind: 'text', name: rest };
  });
}

export function fromParticipants(list: MeetingParticipant[]): ParticipantValue[] {
  return list.map((p) => ({
    value: p.kind === 'person' ? `u:${p.refId}` : p.kind === 'organization' ? `o:${p.refId}` : `t:${p.name}`,
    label: p.name,
  }));
}

const fold = (s: string) => foldVietnamese(s).replace(/\s+/g, ' ').trim();

export function ParticipantSelect({ users, value, onChange, ...rest }: { users: UserInfo[]; value?: ParticipantValue[]; onChange?(v: ParticipantValue[]): void; 'data-testid'?: string }) {
  const [query, setQuery] = useState('');
  const [orgs, setOrgs] = useState<Organization[]>([]);
  useEffect(() => {
    let live = true;
    const t = setTimeout(() => {
      call('organizations.list', { query: query.trim() || undefined, limit: 20 }).then((os) => live && setOrgs(os), () => live && setOrgs([]));
    }, 200);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [query]);
  const options = useMemo(() => {
    const q = fold(query);
    const people = users.filter((u) => !q || fold(`${u.fullName} ${u.title} ${u.unit} ${u.username}`).includes(q)).slice(0, 30);
    const typed = query.trim();
    return [
      { label: 'Cán bộ', title: 'Cán bộ', options: people.map((u) => ({ value: `u:${u.id}`, label: u.fullName, detail: [u.title, u.unit].filter(Boolean).join(', ') })) },
      { label: 'Cơ quan, đơn vị', title: 'Cơ quan, đơn vị', options: orgs.map((o) => ({ value: `o:${o.id}`, label: o.name, detail: o.shortName ?? '' })) },
      ...(typed ? [{ label: 'Ghi thêm (không có trong danh bạ)', title: 'Ghi thêm', options: [{ value: `t:${typed}`, label: typed, detail: 'ghi như đã gõ' }] }] : []),
    ].filter((g) => g.options.length > 0);
  }, [users, orgs, query]);
  return (
    <Select<ParticipantValue[]>
      mode="multiple"
      labelInValue
      value={value}
      onChange={(v) => onChange?.(v)}
      onSelect={() => setQuery('')}
      showSearch={{ searchValue: query, onSearch: setQuery, filterOption: false }}
      options={options}
      optionRender={(o) => (
        <span>
          {o.label}
          {(o.data as { detail?: string }).detail && <Typography.Text type="secondary"> — {(o.data as { detail?: string }).detail}</Typography.Text>}
        </span>
      )}
      placeholder="Chọn người, cơ quan/đơn vị hoặc gõ thành phần khác rồi chọn «Ghi thêm»"
      notFoundContent="Gõ tên để tìm hoặc để ghi thêm"
      style={{ width: '100%' }}
      data-testid={rest['data-testid']}
    />
  );
}
