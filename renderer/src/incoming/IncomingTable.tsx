import { useCallback, useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { Spin, Tag, Tooltip } from 'antd';
import { CaretDownOutlined, CaretUpOutlined, LockOutlined, PaperClipOutlined } from '@ant-design/icons';
import type { IncomingRow } from '../../../shared/incoming/schemas';
import { formatDateVN } from '../../../shared/domain/dates';
import { SECRECY_LABELS } from '../../../shared/domain/marks';
import { SignatureBadge } from '../signing/SignatureBadge';
import { STATUS_COLORS, URGENCY_COLORS, statusLabel, typeName, urgencyLabel } from '../labels';
import { usePagedRows, type Filter, type Sort } from './usePagedRows';

export type { Filter } from './usePagedRows';

/** Two lines of 13 px text and their padding. */
const ROW_H = 44;
/**
 * Browsers cap an element's height (Chromium about 33,500,000 px, Firefox less): past this the scroll position is
 * scaled onto the rows, so that 1,000,000 rows of any height still reach their last row.
 */
const MAX_SCROLL_PX = 15_000_000;
const OVERSCAN = 8;

interface Column {
  key: string;
  title: ReactNode;
  /** The header's name for screen readers, when the title is an icon. */
  label?: string;
  width: number | string;
  sort?: Sort['field'];
  render(r: IncomingRow): ReactNode;
}

/** A long organ or trích yếu: two lines in the row, the whole text in the tooltip. */
const twoLines = (text: string) => (
  <Tooltip title={text} mouseEnterDelay={0.3} placement="topLeft">
    <span className="vp-clamp2">{text}</span>
  </Tooltip>
);

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
  { key: 'arr', title: 'Ngày đến', width: 88, sort: 'arrivalDate', render: (r) => formatDateVN(r.arrivalDate) },
  { key: 'sender', title: 'Tác giả', width: 'minmax(150px, 0.7fr)', sort: 'sender', render: (r) => twoLines(r.sender) },
  {
    key: 'files',
    title: <PaperClipOutlined />,
    label: 'Tệp đính kèm',
    width: 30,
    render: (r) =>
      r.attachmentCount > 0 ? (
        <Tooltip title={`${r.attachmentCount} tệp đính kèm`}>
          <PaperClipOutlined role="img" aria-label={`Có ${r.attachmentCount} tệp đính kèm`} data-testid="row-attachments" style={{ color: '#1d4e89' }} />
        </Tooltip>
      ) : null,
  },
  {
    key: 'ref',
    title: 'Số, ký hiệu',
    width: 124,
    render: (r) => (
      <span className="vp-clamp2">
        <SignatureBadge status={r.signatureStatus} />
        {r.ref}
      </span>
    ),
  },
  { key: 'date', title: 'Ngày VB', width: 88, sort: 'docDate', render: (r) => formatDateVN(r.docDate) },
  { key: 'type', title: 'Loại', width: 92, render: (r) => typeName(r.docType) },
  { key: 'subject', title: 'Trích yếu', width: 'minmax(220px, 1.3fr)', sort: 'subject', render: (r) => twoLines(r.subject) },
  {
    key: 'urg',
    title: 'Độ khẩn',
    width: 92,
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
    width: 88,
    render: (r) =>
      r.deadline ? (
        <span style={r.overdue ? { color: '#dc2626', fontWeight: 600 } : undefined} title={r.overdue ? 'Quá hạn giải quyết' : undefined} data-testid={r.overdue ? 'row-overdue' : undefined}>
          {formatDateVN(r.deadline)}
        </span>
      ) : (
        ''
      ),
  },
];

/** An open document past its deadline: red for whoever sees it in the register (the handler, the unit head, the leader). */
const OVERDUE_ROW = { boxShadow: 'inset 4px 0 0 #dc2626', color: '#991b1b' } as const;

const GRID = COLUMNS.map((c) => (typeof c.width === 'number' ? `${c.width}px` : c.width)).join(' ');
const rowLabel = (r: IncomingRow) => `Văn bản đến số ${r.arrivalNumber}/${r.year}, ${r.ref}, ${r.sender}: ${r.subject}`;

/**
 * The register view's table: a virtual list of fixed-height rows (only the visible ones exist), fed by pages of 100
 * (usePagedRows), so a register of 1,000,000 documents scrolls like one of 100. A row opens with a click or Enter;
 * ↑ and ↓ move between rows. `empty` is shown when there is nothing to list.
 */
export function IncomingTable(props: { filter: Filter; version: number; onOpen(id: number): void; onTotal(total: number): void; empty?: ReactNode }) {
  const { filter, version, onOpen, onTotal, empty } = props;
  const [sort, setSort] = useState<Sort>({ field: 'arrivalDate', order: 'desc' });
  const { total, rowAt, ensure, key } = usePagedRows(filter, sort, version, onTotal);
  const body = useRef<HTMLDivElement>(null);
  const [view, setView] = useState({ top: 0, height: 600 });
  const [active, setActive] = useState(0);
  const focusAfterScroll = useRef<number | null>(null);

  const count = total ?? 0;
  const full = count * ROW_H;
  const spacer = Math.min(full, MAX_SCROLL_PX);
  const ratio = full > MAX_SCROLL_PX && spacer > view.height ? (full - view.height) / (spacer - view.height) : 1;
  const virtualTop = view.top * ratio;
  const first = Math.max(0, Math.floor(virtualTop / ROW_H) - OVERSCAN);
  const last = Math.min(count - 1, Math.ceil((virtualTop + view.height) / ROW_H) + OVERSCAN);

  const measure = useCallback(() => {
    const el = body.current;
    if (el) setView((v) => (v.top === el.scrollTop && v.height === el.clientHeight ? v : { top: el.scrollTop, height: el.clientHeight }));
  }, []);
  useLayoutEffect(() => {
    measure();
    const el = body.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, [measure]);

  useEffect(() => {
    body.current?.scrollTo({ top: 0 });
    setActive(0);
  }, [key]);

  // When the scroll position is scaled, the wheel still moves the rows by its own distance (the scrollbar, dragged,
  // covers the whole register).
  const wheelRest = useRef(0);
  useEffect(() => {
    const el = body.current;
    if (!el || ratio <= 1) return;
    const on = (e: WheelEvent) => {
      if (e.ctrlKey || Math.abs(e.deltaX) > Math.abs(e.deltaY)) return;
      e.preventDefault();
      wheelRest.current += (e.deltaMode === 1 ? e.deltaY * ROW_H : e.deltaMode === 2 ? e.deltaY * el.clientHeight : e.deltaY) / ratio;
      const whole = Math.trunc(wheelRest.current);
      if (whole !== 0) {
        el.scrollTop += whole;
        wheelRest.current -= whole;
      }
    };
    el.addEventListener('wheel', on, { passive: false });
    return () => el.removeEventListener('wheel', on);
  }, [ratio]);

  // Fetch what is in view once the scrollbar rests a moment (dragging it does not fetch every page it passes).
  useEffect(() => {
    if (count === 0 || last < first) return;
    const t = setTimeout(() => ensure(first, last), 60);
    return () => clearTimeout(t);
  }, [first, last, count, ensure]);

  // Keyboard: the active row is the one Tab reaches; ↑/↓ move it and keep it in view.
  const scrollToRow = (i: number) => {
    const el = body.current;
    if (!el) return;
    const top = i * ROW_H;
    if (top < virtualTop) el.scrollTop = top / ratio;
    else if (top + ROW_H > virtualTop + view.height) el.scrollTop = (top + ROW_H - view.height) / ratio;
  };
  const rowElement = (i: number) => body.current?.querySelector<HTMLElement>(`[data-index="${i}"]`);
  const moveTo = (i: number) => {
    const to = Math.max(0, Math.min(count - 1, i));
    setActive(to);
    scrollToRow(to);
    const el = rowElement(to);
    if (el) el.focus({ preventScroll: true });
    else focusAfterScroll.current = to; // rendered once the scroll has moved the window of rows
  };
  useEffect(() => {
    const i = focusAfterScroll.current;
    if (i === null) return;
    const el = rowElement(i);
    if (el) {
      el.focus({ preventScroll: true });
      focusAfterScroll.current = null;
    }
  });

  const clickSort = (field?: Sort['field']) => {
    if (!field) return;
    setSort((s) => (s.field === field ? { field, order: s.order === 'asc' ? 'desc' : 'asc' } : { field, order: field === 'sender' || field === 'subject' ? 'asc' : 'desc' }));
  };

  const rows: ReactNode[] = [];
  for (let i = first; i <= last; i++) {
    const r = rowAt(i);
    const top = view.top + (i * ROW_H - virtualTop);
    rows.push(
      <div
        key={i}
        role="row"
        aria-rowindex={i + 2}
        aria-label={r ? `${rowLabel(r)}${r.overdue ? ', quá hạn giải quyết' : ''}` : undefined}
        tabIndex={i === active ? 0 : -1}
        data-index={i}
        className={`vp-row vp-row2${r?.status === 'da-huy' ? ' vp-cancelled' : ''}${r?.overdue ? ' vp-overdue' : ''}`}
        data-testid={r ? 'incoming-row' : 'incoming-row-loading'}
        style={{ gridTemplateColumns: GRID, position: 'absolute', top: 0, left: 0, right: 0, height: ROW_H, transform: `translateY(${top}px)`, ...(r?.overdue ? OVERDUE_ROW : {}) }}
        onClick={() => {
          setActive(i);
          if (r) onOpen(r.id);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter' || e.key === ' ') {
            e.preventDefault();
            if (r) onOpen(r.id);
          } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
            e.preventDefault();
            moveTo(i + (e.key === 'ArrowDown' ? 1 : -1));
          } else if (e.key === 'PageDown' || e.key === 'PageUp') {
            e.preventDefault();
            moveTo(i + (e.key === 'PageDown' ? 1 : -1) * Math.max(1, Math.floor(view.height / ROW_H) - 1));
          }
        }}
      >
        {r ? (
          COLUMNS.map((c) => (
            <div key={c.key} role="gridcell" className={`vp-cell-${c.key}`}>
              {c.render(r)}
            </div>
          ))
        ) : (
          <div role="gridcell" className="vp-skeleton" />
        )}
      </div>,
    );
  }

  return (
    <div className="vp-table" role="grid" aria-label="Sổ văn bản đến" aria-rowcount={count + 1} data-testid="incoming-table">
      <div className="vp-row vp-head" role="row" aria-rowindex={1} style={{ gridTemplateColumns: GRID }}>
        {COLUMNS.map((c) => {
          const sorted = c.sort && sort.field === c.sort;
          return (
            <div
              key={c.key}
              role="columnheader"
              aria-label={c.label}
              title={c.label}
              aria-sort={sorted ? (sort.order === 'asc' ? 'ascending' : 'descending') : undefined}
              tabIndex={c.sort ? 0 : undefined}
              className={c.sort ? 'vp-sortable' : undefined}
              onClick={() => clickSort(c.sort)}
              onKeyDown={(e) => {
                if (c.sort && (e.key === 'Enter' || e.key === ' ')) {
                  e.preventDefault();
                  clickSort(c.sort);
                }
              }}
              data-testid={`col-${c.key}`}
            >
              {c.title}
              {sorted && (sort.order === 'asc' ? <CaretUpOutlined /> : <CaretDownOutlined />)}
            </div>
          );
        })}
      </div>
      <div ref={body} className="vp-body" onScroll={measure} data-testid="incoming-body">
        {total === 0 && <div data-testid="incoming-empty">{empty}</div>}
        {total === null && <Spin style={{ display: 'block', marginTop: 48 }} />}
        <div style={{ height: spacer, position: 'relative' }}>{rows}</div>
      </div>
    </div>
  );
}
