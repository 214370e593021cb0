import { useEffect, useState } from 'react';
import { App, Button, Empty, Input, Pagination, Segmented, Select, Space, Spin, Tag, Typography } from 'antd';
import { FileTextOutlined } from '@ant-design/icons';
import { SEARCH_COUNT_CAP, SEARCH_KIND_LABELS, statusLabel, type SearchHit, type SearchResults } from '../../../shared/search/schemas';
import { DOC_TYPES, docTypeByCode } from '../../../shared/domain/doc-types';
import { formatDateVN } from '../../../shared/domain/dates';
import { call } from '../api/client';
import { showError } from '../api/errors';
import { navigate } from '../router';
import { AttachmentViewer } from '../viewer/AttachmentViewer';
import { pdfAttachment } from '../outgoing/pdfAttachment';
import { Marked, openHit, parseSearchParams, searchPath, type SearchParams } from './Marked';

const PAGE_SIZE = 20;
const KIND_COLOR: Record<SearchHit['kind'], string> = { incoming: 'blue', outgoing: 'green', draft: 'orange' };
const SENDER_LABEL: Record<SearchHit['kind'], string> = { incoming: 'Nơi gửi', outgoing: 'Nơi nhận', draft: 'Người soạn' };
const thisYear = new Date().getFullYear();
const YEARS = Array.from({ length: 12 }, (_, i) => thisYear - i);

/**
 * The results page (#/search?q=…): every register the user may read, newest first, the matched words marked in the
 * trích yếu and in the excerpt of the attachments, the issued PDF or the draft; filters by kind, year, organ and type;
 * twenty a page. The filters live in the address, so Back returns to the previous results.
 */
export function SearchPage({ param }: { param?: string }) {
  const { message } = App.useApp();
  const p = parseSearchParams(param);
  const [typed, setTyped] = useState(p.q);
  const [organ, setOrgan] = useState(p.organ ?? '');
  const [result, setResult] = useState<SearchResults | null>(null);
  const [loading, setLoading] = useState(false);
  const [viewing, setViewing] = useState<SearchHit | null>(null);
  const go = (over: Partial<SearchParams>) => navigate(searchPath({ ...p, page: 1, ...over }));

  useEffect(() => setTyped(p.q), [p.q]);
  useEffect(() => setOrgan(p.organ ?? ''), [p.organ]);
  useEffect(() => {
    if (!p.q.trim()) {
      setResult(null);
      return;
    }
    let alive = true;
    setLoading(true);
    call('search.results', {
      query: p.q,
      kinds: p.kind ? [p.kind] : undefined,
      year: p.year,
      organ: p.organ,
      docType: p.type,
      offset: Math.min((p.page! - 1) * PAGE_SIZE, SEARCH_COUNT_CAP - 1),
      limit: PAGE_SIZE,
    })
      .then((r) => alive && setResult(r), (e) => alive && (setResult({ hits: [], total: 0, capped: false }), showError(e, message.error)))
      .finally(() => alive && setLoading(false));
    return () => {
      alive = false;
    };
    // The address is the state: a new query, filter or page is a new address.
  }, [param]); // eslint-disable-line react-hooks/exhaustive-deps

  const filtered = Boolean(p.kind || p.year || p.organ || p.type);
  return (
    <div data-testid="search-page" style={{ maxWidth: 1100 }}>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        Tìm kiếm văn bản
      </Typography.Title>
      <Space direction="vertical" size={12} style={{ width: '100%' }}>
        <Input.Search
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          onSearch={(v) => v.trim() && go({ q: v.trim() })}
          enterButton="Tìm"
          placeholder="Trích yếu, số ký hiệu, cơ quan, nội dung tệp, nội dung dự thảo…"
          aria-label="Từ khóa tìm kiếm"
          style={{ maxWidth: 640 }}
          data-testid="search-page-input"
        />
        <Space wrap size={[12, 8]} data-testid="search-filters">
          <Segmented
            value={p.kind ?? 'all'}
            onChange={(v) => go({ kind: v === 'all' ? undefined : (v as SearchHit['kind']) })}
            options={[{ value: 'all', label: 'Tất cả' }, ...(['incoming', 'outgoing', 'draft'] as const).map((k) => ({ value: k, label: SEARCH_KIND_LABELS[k] }))]}
            data-testid="search-kind"
          />
          <Select
            allowClear
            placeholder="Mọi năm"
            aria-label="Năm"
            value={p.year}
            onChange={(y?: number) => go({ year: y })}
            options={YEARS.map((y) => ({ value: y, label: `Năm ${y}` }))}
            style={{ width: 130 }}
            data-testid="search-year"
          />
          <Input
            allowClear
            placeholder="Cơ quan gửi hoặc nhận"
            aria-label="Cơ quan"
            value={organ}
            onChange={(e) => {
              setOrgan(e.target.value);
              if (!e.target.value && p.organ) go({ organ: undefined });
            }}
            onPressEnter={() => go({ organ: organ.trim() || undefined })}
            onBlur={() => organ.trim() !== (p.organ ?? '') && go({ organ: organ.trim() || undefined })}
            style={{ width: 260 }}
            data-testid="search-organ"
          />
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="Mọi loại văn bản"
            aria-label="Loại văn bản"
            value={p.type}
            onChange={(t?: string) => go({ type: t })}
            options={DOC_TYPES.map((t) => ({ value: t.code, label: t.name }))}
            style={{ width: 200 }}
            data-testid="search-type"
          />
          {filtered && (
            <Button type="link" onClick={() => navigate(searchPath({ q: p.q }))} data-testid="search-clear-filters">
              Bỏ bộ lọc
            </Button>
          )}
        </Space>
        <Summary q={p.q} result={result} filtered={filtered} />
        <Spin spinning={loading}>
          <div role="list" aria-label="Kết quả tìm kiếm">
            {result?.hits.map((h) => <Result key={`${h.kind}:${h.id}`} hit={h} onOpen={() => openHit(h, setViewing)} />)}
          </div>
        </Spin>
        {result && result.total > PAGE_SIZE && (
          <Pagination
            current={p.page}
            pageSize={PAGE_SIZE}
            total={result.total}
            showSizeChanger={false}
            onChange={(page) => navigate(searchPath({ ...p, page }))}
            data-testid="search-pagination"
          />
        )}
      </Space>
      <AttachmentViewer attachment={viewing?.sha256 ? pdfAttachment(`${viewing.ref.replace(/\//g, '-')}.pdf`, viewing.sha256) : null} onClose={() => setViewing(null)} />
    </div>
  );
}

function Summary({ q, result, filtered }: { q: string; result: SearchResults | null; filtered: boolean }) {
  if (!q.trim()) return <Typography.Text type="secondary">Gõ từ khóa rồi nhấn Enter: có dấu hay không dấu đều được.</Typography.Text>;
  if (!result) return null;
  if (result.total === 0) {
    return (
      <Empty
        image={Empty.PRESENTED_IMAGE_SIMPLE}
        description={`Không tìm thấy văn bản nào khớp «${q}»${filtered ? ' với bộ lọc đã chọn' : ''}. ${filtered ? 'Thử bỏ bộ lọc' : 'Thử ít từ hơn'} hoặc kiểm tra lại chính tả.`}
        data-testid="search-empty"
      />
    );
  }
  const count = result.capped ? `Hơn ${SEARCH_COUNT_CAP.toLocaleString('vi-VN')} kết quả` : `Tìm thấy ${result.total.toLocaleString('vi-VN')} kết quả`;
  return (
    <Typography.Text data-testid="search-count">
      {count} cho «{q}»{result.capped ? ' — hãy thêm từ khóa hoặc bộ lọc để thu hẹp' : ''}, mới nhất trước.
    </Typography.Text>
  );
}

function Result({ hit: h, onOpen }: { hit: SearchHit; onOpen(): void }) {
  const type = h.docType ? docTypeByCode(h.docType)?.name : undefined;
  // A draft in dự thảo says so once, in its kind.
  const status = statusLabel(h) === SEARCH_KIND_LABELS[h.kind] ? '' : statusLabel(h);
  return (
    <div
      role="listitem"
      data-testid="search-result"
      data-kind={h.kind}
      tabIndex={0}
      onClick={onOpen}
      onKeyDown={(e) => e.key === 'Enter' && onOpen()}
      style={{ padding: '10px 12px', borderBottom: '1px solid #f0f0f0', cursor: 'pointer', lineHeight: 1.5 }}
      className="vp-search-result"
    >
      <Space size={8} wrap style={{ rowGap: 0 }}>
        <Tag color={KIND_COLOR[h.kind]} style={{ marginInlineEnd: 0 }}>
          {SEARCH_KIND_LABELS[h.kind]}
        </Tag>
        {h.kind === 'incoming' && <Typography.Text strong>Số đến {h.number}</Typography.Text>}
        {h.ref && (
          <Typography.Text strong>
            <Marked text={h.ref} marks={h.refMarks} />
          </Typography.Text>
        )}
        {type && <Typography.Text type="secondary">{type}</Typography.Text>}
        <Typography.Text type="secondary">{formatDateVN(h.date)}</Typography.Text>
        {status && <Tag style={{ marginInlineEnd: 0 }}>{status}</Tag>}
      </Space>
      <div style={{ fontSize: 15, margin: '2px 0' }}>
        <Typography.Link data-testid="search-result-subject" onClick={(e) => (e.stopPropagation(), onOpen())}>
          <Marked text={h.subject} marks={h.subjectMarks} />
        </Typography.Link>
      </div>
      {h.sender && (
        <Typography.Text type="secondary" style={{ display: 'block' }}>
          {SENDER_LABEL[h.kind]}: <Marked text={h.sender} marks={h.senderMarks} />
        </Typography.Text>
      )}
      {h.snippetFrom === 'text' && (
        <Typography.Text type="secondary" style={{ display: 'block', fontSize: 13 }} data-testid="search-result-snippet">
          <FileTextOutlined style={{ marginInlineEnd: 6 }} aria-label={h.kind === 'draft' ? 'Nội dung dự thảo' : 'Nội dung tệp'} />
          <Marked text={h.snippet} marks={h.snippetMarks} />
        </Typography.Text>
      )}
    </div>
  );
}
