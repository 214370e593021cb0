import { forwardRef, useEffect, useImperativeHandle, useRef, useState } from 'react';
import { AutoComplete, Button, Input, Typography, type InputRef } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import type { SearchHit } from '../../../shared/search/schemas';
import { formatDateVN } from '../../../shared/domain/dates';
import { call } from '../api/client';
import { navigate } from '../router';
import { AttachmentViewer } from '../viewer/AttachmentViewer';
import { pdfAttachment } from '../outgoing/pdfAttachment';
import { Marked, openHit, searchPath } from './Marked';

export interface GlobalSearchHandle {
  focus(): void;
}

/** The hit's first line: where it is registered and under which number. */
function HitTitle({ h }: { h: SearchHit }) {
  const ref = <Marked text={h.ref} marks={h.refMarks} />;
  if (h.kind === 'incoming') return <>Số đến {h.number} · {ref}</>;
  if (h.kind === 'outgoing') return <>Văn bản đi {ref}</>;
  return <>Dự thảo{h.ref ? <> · {ref}</> : null}</>;
}

/**
 * One search box over every register, with or without diacritics: the newest hits as the user types, the matched
 * words marked; Enter or the magnifier opens the results page (#/search?q=…) with filters and paging.
 */
export const GlobalSearch = forwardRef<GlobalSearchHandle, { onOpen?(id: number): void }>(function GlobalSearch({ onOpen }, ref) {
  const input = useRef<InputRef>(null);
  const [q, setQ] = useState('');
  const [open, setOpen] = useState(false);
  const [hits, setHits] = useState<SearchHit[]>([]);
  const [viewing, setViewing] = useState<SearchHit | null>(null);
  useImperativeHandle(ref, () => ({ focus: () => input.current?.focus() }), []);

  useEffect(() => {
    if (!q.trim()) {
      setHits([]);
      return;
    }
    // An answer to a query typed over since is dropped: a slow earlier answer must not replace a later one.
    let current = true;
    const t = setTimeout(() => {
      call('search.query', { query: q, limit: 20 }).then(
        (h) => current && setHits(h),
        () => current && setHits([]),
      );
    }, 200);
    return () => {
      current = false;
      clearTimeout(t);
    };
  }, [q]);

  const showResults = (value: string) => {
    if (!value.trim()) return;
    setOpen(false);
    input.current?.blur();
    navigate(searchPath({ q: value.trim() }));
  };

  return (
    <>
      <AutoComplete
        style={{ width: 520 }}
        value={q}
        open={open && q.trim() !== ''}
        onOpenChange={setOpen}
        defaultActiveFirstOption={false}
        onChange={(v: string) => {
          setQ(v);
          setOpen(true);
        }}
        onSelect={(key: string) => {
          const h = hits.find((x) => `${x.kind}:${x.id}` === key);
          setQ('');
          setOpen(false);
          if (h?.kind === 'incoming' && onOpen) onOpen(h.id);
          else if (h) openHit(h, setViewing);
        }}
        options={hits.map((h) => ({
          value: `${h.kind}:${h.id}`,
          label: (
            <div data-testid="search-hit" data-kind={h.kind} style={{ whiteSpace: 'normal', lineHeight: 1.35, padding: '2px 0' }}>
              <Typography.Text strong>
                <HitTitle h={h} />
              </Typography.Text>{' '}
              <Typography.Text type="secondary">
                {h.sender && <Marked text={h.sender} marks={h.senderMarks} />} · {formatDateVN(h.date)}
              </Typography.Text>
              <div>
                <Marked text={h.subject} marks={h.subjectMarks} />
              </div>
              {h.snippetFrom === 'text' && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  <Marked text={h.snippet} marks={h.snippetMarks} />
                </Typography.Text>
              )}
            </div>
          ),
        }))}
        notFoundContent={q.trim() ? 'Không tìm thấy văn bản nào' : null}
      >
        <Input.Search
          ref={input}
          placeholder="Tìm văn bản: trích yếu, số ký hiệu, cơ quan, nội dung tệp… (Ctrl+K)"
          aria-label="Tìm văn bản"
          allowClear
          enterButton={<Button icon={<SearchOutlined />} aria-label="Mở trang kết quả tìm kiếm" title="Mở trang kết quả tìm kiếm (Enter)" />}
          onSearch={(value, _e, info) => info?.source !== 'clear' && showResults(value)}
          data-testid="global-search"
        />
      </AutoComplete>
      <AttachmentViewer attachment={viewing?.sha256 ? pdfAttachment(`${viewing.ref.replace(/\//g, '-')}.pdf`, viewing.sha256) : null} onClose={() => setViewing(null)} />
    </>
  );
});
