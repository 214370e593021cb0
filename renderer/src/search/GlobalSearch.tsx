import { forwardRef, useEffect, useImperativeHandle, useRef, useState } from 'react';
import { AutoComplete, Input, Typography, type InputRef } from 'antd';
import type { SearchHit } from '../../../shared/search/schemas';
import { formatDateVN } from '../../../shared/domain/dates';
import { call } from '../api/client';

export interface GlobalSearchHandle {
  focus(): void;
}

/** One search box over every register, with or without diacritics; results as the user types. */
export const GlobalSearch = forwardRef<GlobalSearchHandle, { onOpen(id: number): void }>(function GlobalSearch({ onOpen }, ref) {
  const input = useRef<InputRef>(null);
  const [q, setQ] = useState('');
  const [hits, setHits] = useState<SearchHit[]>([]);
  useImperativeHandle(ref, () => ({ focus: () => input.current?.focus() }), []);

  useEffect(() => {
    if (!q.trim()) {
      setHits([]);
      return;
    }
    const t = setTimeout(() => {
      call('search.query', { query: q, limit: 20 }).then(setHits, () => setHits([]));
    }, 200);
    return () => clearTimeout(t);
  }, [q]);

  return (
    <AutoComplete
      style={{ width: 520 }}
      value={q}
      onChange={setQ}
      onSelect={(v: string) => {
        onOpen(Number(v));
        setQ('');
      }}
      options={hits.map((h) => ({
        value: String(h.id),
        label: (
          <div data-testid="search-hit" style={{ whiteSpace: 'normal', lineHeight: 1.35, padding: '2px 0' }}>
            <Typography.Text strong>
              Số đến {h.number} · {h.ref}
            </Typography.Text>{' '}
            <Typography.Text type="secondary">
              {h.sender} · {formatDateVN(h.date)}
            </Typography.Text>
            <div>{h.subject}</div>
            {h.snippet && h.snippet !== h.subject && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {h.snippet}
              </Typography.Text>
            )}
          </div>
        ),
      }))}
      notFoundContent={q.trim() ? 'Không tìm thấy văn bản nào' : null}
    >
      <Input.Search ref={input} placeholder="Tìm văn bản: trích yếu, số ký hiệu, cơ quan, nội dung tệp… (Ctrl+K)" allowClear data-testid="global-search" />
    </AutoComplete>
  );
});
