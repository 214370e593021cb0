import { useCallback, useEffect, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { Empty, Spin, Tag } from 'antd';
import { CaretDownOutlined, CaretUpOutlined, LockOutlined } from '@ant-design/icons';
import type { IncomingRow, ListIncomingInput } from '../../../shared/incoming/schemas';
import { formatDateVN } from '../../../shared/domain/dates';
import { SECRECY_LABELS } from '../../../shared/domain/marks';
import { call } from '../api/client';
import { SignatureBadge } from '../signing/SignatureBadge';
import { STATUS_COLORS, URGENCY_COLORS, statusLabel, typeName, urgencyLabel } from '../labels';

const PAGE = 200;
// 32 px rows keep 1,000,000 rows (32,000,000 px) under Chromium's ~33,554,432 px limit on an element's height.
const ROW_H = 32;

type SortField = NonNullable<ListIncomingInput['sort']>;
export type Filter = Omit<ListIncomingInput, 'offset' | 'limit' | 'withTotal' | 'sort' | 'order'>;

interface Column {
  key: string;
  title: string;
  width: number | string;
  sort?: SortField;
  render(r: IncomingRow): React.ReactNode;
}

const COLUMNS: Column[] = [
  {
    key: 'no',
    title: 'Số đến',
    width: 64,
    sort: 'arrivalNumber',
    // A secret document's number is of the secret book's own series: marked, so that two "1" are never confused.
    render: (r) => (
      <b title={r.secrecy !== 'thuong' ? `${r.bookName} — ${SECRECY_LABELS[r.secrecy]}` : r.bookName} style={r.secrecy !== 'thuong' ? { color: '#b91c1c' } : undefined}>
        {r.secrecy !== 'thuong' && <LockOutlined aria-label={SECRECY_LABELS[r.secrecy]} style={{ marginRight: 3 }} />}
        {r.arrivalNumber}
      </b>
    ),
  },
  { key: 'arr', title: 'Ngày đến', width: 90, sort: 'arrivalDate', render: (r) => formatDateVN(r.arrivalDate) },
  { key: 'sender', title: 'Tác giả', width: 'minmax(140px, 0.6fr)', sort: 'sender', render: (r) => r.sender },
  {
    key: 'ref',
    title: 'Số, ký hiệu',
    width: 120,
    render: (r) => (
      <>
        <SignatureBadge status={r.signatureStatus} />
        {r.ref}
      </>
    ),
  },
  { key: 'date', title: 'Ngày VB', width: 90, sort: 'docDate', render: (r) => formatDateVN(r.docDate) },
  { key: 'type', title: 'Loại', width: 90, render: (r) => typeName(r.docType) },
  { key: 'subject', title: 'Trích yếu', width: 'minmax(200px, 1fr)', sort: 'subject', render: (r) => r.subject },
  {
    key: 'urg',
    title: 'Độ khẩn',
    width: 96,
    render: (r) =>
      r.urgency === 'thuong' ? null : (
        <Tag color={URGENCY_COLORS[r.urgency]} style={r.urgency === 'hoa-toc' ? { fontWeight: 700 } : undefined}>
          {urgencyLabel(r.urgency)}
        </Tag>
      ),
  },
  { key: 'status', title: 'Trạng thái', width: 100, render: (r) => <Tag color={STATUS_COLORS[r.status]}>{statusLabel(r.status)}</Tag> },
  {
    key: 'deadline',
    title: 'Hạn xử lý',
    width: 90,
    render: (r) => (r.deadline ? <span style={r.overdue ? { color: '#dc2626', fontWeight: 600 } : undefined}>{formatDateVN(r.deadline)}</span> : ''),
  },
];

const GRID = COLUMNS.map((c) => (typeof c.width === 'number' ? `${c.width}px` : c.width)).join(' ');

/**
 * The register view's table: rows are fetched by pages of 200 as they scroll into view and only the visible rows
 * are rendered, so a register of 1,000,000 documents scrolls like one of 100.
 */
export function IncomingTable(props: {
  filter: Filter;
  version: number;
  onOpen(id: number): void;
  onTotal(total: number): void;
}) {
  const { filter, version, onOpen, onTotal } = props;
  const [sort, setSort] = useState<{ field: SortField; order: 'asc' | 'desc' }>({ field: 'arrivalDate', order: 'desc' });
  const [total, setTotal] = useState<number | null>(null);
  const pages = useRef(new Map<number, IncomingRow[] | 'loading'>());
  const [, force] = useState(0);
  const generation = useRef(0);
  const parent = useRef<HTMLDivElement>(null);
  const key = JSON.stringify([filter, sort, version]);

  const loadPage = useCallback(
    async (page: number, withTotal: boolean) => {
      const gen = generation.current;
      pages.current.set(page, 'loading');
      try {
        const r = await call('incoming.list', { ...filter, sort: sort.field, order: sort.order, offset: page * PAGE, limit: PAGE, withTotal });
        if (gen !== generation.current) return;
        pages.current.set(page, r.rows);
        if (r.total !== null) {
          setTotal(r.total);
          onTotal(r.total);
        }
        force((n) => n + 1);
      } catch {
        if (gen === generation.current) pages.current.delete(page);
      }
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [key],
  );

  useEffect(() => {
    generation.current++;
    pages.current = new Map();
    setTotal(null);
    void loadPage(0, true);
    parent.current?.scrollTo({ top: 0 });
  }, [key, loadPage]);

  const v = useVirtualizer({ count: total ?? 0, getScrollElement: () => parent.current, estimateSize: () => ROW_H, overscan: 20 });
  const items = v.getVirtualItems();

  useEffect(() => {
    if (!items.length) return;
    const first = Math.floor(items[0].index / PAGE);
    const last = Math.floor(items[items.length - 1].index / PAGE);
    for (let p = first; p <= last; p++) if (!pages.current.has(p)) void loadPage(p, false);
  }, [items, loadPage]);

  const rowAt = (i: number): IncomingRow | undefined => {
    const p = pages.current.get(Math.floor(i / PAGE));
    return Array.isArray(p) ? p[i % PAGE] : undefined;
  };

  const clickSort = (field?: SortField) => {
    if (!field) return;
    setSort((s) => (s.field === field ? { field, order: s.order === 'asc' ? 'desc' : 'asc' } : { field, order: field === 'sender' || field === 'subject' ? 'asc' : 'desc' }));
  };

  return (
    <div className="vp-table" data-testid="incoming-table">
      <div className="vp-row vp-head" style={{ gridTemplateColumns: GRID }}>
        {COLUMNS.map((c) => (
          <div key={c.key} className={c.sort ? 'vp-sortable' : undefined} onClick={() => clickSort(c.sort)} data-testid={`col-${c.key}`}>
            {c.title}
            {c.sort && sort.field === c.sort && (sort.order === 'asc' ? <CaretUpOutlined /> : <CaretDownOutlined />)}
          </div>
        ))}
      </div>
      <div ref={parent} className="vp-body">
        {total === 0 && <Empty description="Không có văn bản nào" style={{ marginTop: 48 }} />}
        {total === null && <Spin style={{ display: 'block', marginTop: 48 }} />}
        <div style={{ height: v.getTotalSize(), position: 'relative' }}>
          {items.map((it) => {
            const r = rowAt(it.index);
            return (
              <div
                key={it.key}
                className={`vp-row${r?.status === 'da-huy' ? ' vp-cancelled' : ''}${r?.overdue ? ' vp-overdue' : ''}`}
                data-testid={r ? 'incoming-row' : 'incoming-row-loading'}
                style={{ gridTemplateColumns: GRID, position: 'absolute', top: 0, left: 0, right: 0, height: ROW_H, transform: `translateY(${it.start}px)` }}
                onClick={() => r && onOpen(r.id)}
              >
                {r ? COLUMNS.map((c) => <div key={c.key} title={typeof c.render(r) === 'string' ? (c.render(r) as string) : undefined}>{c.render(r)}</div>) : <div className="vp-skeleton" />}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
