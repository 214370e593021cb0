import { useEffect, useMemo, useState } from 'react';
import { Button, Checkbox, DatePicker, Empty, Input, Select, Space, Tooltip, Typography } from 'antd';
import { useCan } from '../auth/AuthGate';
import { FileExcelOutlined, ImportOutlined, PlusOutlined, SearchOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import type { RegisterBook, Organization } from '../../../shared/directory/schemas';
import { DOC_TYPES } from '../../../shared/domain/doc-types';
import { INCOMING_STATUSES, URGENCIES } from '../../../shared/domain/marks';
import { foldVietnamese } from '../../../shared/text/fold';
import { call } from '../api/client';
import { collator, statusLabel, urgencyLabel } from '../labels';
import { navigate } from '../router';
import { IncomingTable, type Filter } from './IncomingTable';
import { RegistrationForm } from './RegistrationForm';
import { DetailDrawer } from './DetailDrawer';
import { ExportModal } from './ExportModal';
import { ImportModal } from './ImportModal';
import { useHasUnsavedDraft } from '../util/unsavedForm';
import { EdxmlImportButton } from '../exchange/EdxmlImportButton';

const foldFilter = (input: string, option?: { label?: unknown }) => foldVietnamese(String(option?.label ?? '')).includes(foldVietnamese(input));
const thisYear = new Date().getFullYear();

export function RegisterView({ openId, newRequest }: { openId?: number; newRequest: number }) {
  const canRegister = useCan('incoming.register');
  const canImport = useCan('incoming.bulkRegister');
  const canImportOld = useCan('imports.run');
  const canExport = useCan('registerBook.export');
  const draftLeft = useHasUnsavedDraft('incoming.register');
  const [books, setBooks] = useState<RegisterBook[]>([]);
  const [orgs, setOrgs] = useState<Organization[]>([]);
  const [filter, setFilter] = useState<Filter>({ year: thisYear });
  const [query, setQuery] = useState('');
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [total, setTotal] = useState<number | null>(null);
  const [version, setVersion] = useState(0);
  const [formOpen, setFormOpen] = useState(false);
  const [exportOpen, setExportOpen] = useState(false);
  const [importOpen, setImportOpen] = useState(false);

  useEffect(() => {
    call('books.list', { kind: 'incoming' }).then(setBooks, () => undefined);
  }, []);
  useEffect(() => {
    call('organizations.list', { limit: 500 }).then((o) => setOrgs([...o].sort((a, b) => collator.compare(a.name, b.name))), () => undefined);
  }, [version]);
  useEffect(() => {
    if (newRequest > 0) setFormOpen(true);
  }, [newRequest]);
  // Input left unsaved when the window was closed or reloaded: the form opens again and offers it back.
  useEffect(() => {
    if (draftLeft && canRegister) setFormOpen(true);
  }, [draftLeft, canRegister]);
  useEffect(() => {
    const t = setTimeout(() => setFilter((f) => ({ ...f, query: query.trim() || undefined })), 250);
    return () => clearTimeout(t);
  }, [query]);

  const years = useMemo(() => Array.from({ length: 8 }, (_, i) => thisYear - i), []);
  const set = (patch: Partial<Filter>) => setFilter((f) => ({ ...f, ...patch }));
  const filtered = Object.entries(filter).some(([k, v]) => k !== 'year' && v !== undefined);
  const clearFilters = () => {
    setQuery('');
    setRange(null);
    setFilter({ year: filter.year });
  };
  const empty = filtered ? (
    <Empty description="Không có văn bản nào khớp bộ lọc." style={{ marginTop: 48 }}>
      <Button onClick={clearFilters} data-testid="clear-filters">
        Xóa bộ lọc
      </Button>
    </Empty>
  ) : (
    <Empty
      style={{ marginTop: 48 }}
      description={
        canRegister || canImport ? (
          <>
            <Typography.Text strong>{filter.year ? `Năm ${filter.year} chưa có văn bản đến nào trong sổ.` : 'Sổ chưa có văn bản đến nào.'}</Typography.Text>
            <br />
            Bắt đầu bằng việc vào sổ văn bản đầu tiên: tác giả, số và ký hiệu, ngày văn bản, trích yếu và bản quét. Đã có sổ cũ trên Excel? Nhập cả sổ từ tệp CSV.
          </>
        ) : (
          'Chưa có văn bản đến nào được chuyển cho bạn hoặc đơn vị của bạn. Văn bản văn thư chuyển đến sẽ hiện ở đây.'
        )
      }
    >
      <Space>
        {canRegister && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setFormOpen(true)} data-testid="empty-register">
            Vào sổ văn bản đến
          </Button>
        )}
        {canImport && (
          <Button icon={<ImportOutlined />} onClick={() => setImportOpen(true)} data-testid="empty-import">
            Nhập sổ từ tệp CSV
          </Button>
        )}
      </Space>
    </Empty>
  );

  return (
    <div data-testid="register-view">
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }} wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          Sổ văn bản đến {total !== null && <Typography.Text type="secondary" style={{ fontSize: 14, fontWeight: 400 }} data-testid="incoming-total">· {total.toLocaleString('vi-VN')} văn bản</Typography.Text>}
        </Typography.Title>
        <Space>
          {canImport && (
            <Button icon={<ImportOutlined />} onClick={() => setImportOpen(true)} data-testid="open-import">
              Nhập từ tệp
            </Button>
          )}
          {canImportOld && (
            <Button icon={<ImportOutlined />} onClick={() => navigate('/import')} data-testid="open-import-old">
              Nhập sổ cũ (Excel, thư mục bản quét)
            </Button>
          )}
          <EdxmlImportButton onImported={(id) => (setVersion((n) => n + 1), navigate(`/incoming/${id}`))} />
          {canExport && (
            <Button icon={<FileExcelOutlined />} onClick={() => setExportOpen(true)} data-testid="open-export">
              In sổ đăng ký
            </Button>
          )}
          {canRegister && (
            <Tooltip title="Ctrl + N">
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setFormOpen(true)} data-testid="new-incoming">
                Vào sổ văn bản đến
              </Button>
            </Tooltip>
          )}
        </Space>
      </Space>
      <Space wrap style={{ marginBottom: 12 }}>
        <span data-testid="register-search">
          <Input
            prefix={<SearchOutlined aria-hidden style={{ color: '#9ca3af' }} />}
            placeholder="Tìm trong sổ (có dấu hoặc không dấu)"
            aria-label="Tìm trong sổ văn bản đến"
            allowClear
            style={{ width: 280 }}
            value={query}
            onChange={(e) => setQuery(e.target.value)}
          />
        </span>
        <Select
          style={{ width: 110 }}
          value={filter.year}
          allowClear
          placeholder="Năm"
          onChange={(year) => set({ year })}
          options={years.map((y) => ({ value: y, label: `Năm ${y}` }))}
        />
        <Select style={{ width: 190 }} allowClear placeholder="Sổ" value={filter.book} onChange={(book) => set({ book })} options={books.map((b) => ({ value: b.name, label: b.name }))} />
        <Select
          style={{ width: 240 }}
          allowClear
          showSearch={{ filterOption: foldFilter }}
          placeholder="Tác giả"
          value={filter.senderId}
          onChange={(senderId) => set({ senderId })}
          options={orgs.map((o) => ({ value: o.id, label: o.name }))}
        />
        <Select
          style={{ width: 150 }}
          allowClear
          showSearch={{ filterOption: foldFilter }}
          placeholder="Loại văn bản"
          value={filter.docType}
          onChange={(docType) => set({ docType })}
          options={DOC_TYPES.map((t) => ({ value: t.code, label: t.name }))}
        />
        <Select style={{ width: 130 }} allowClear placeholder="Trạng thái" value={filter.status} onChange={(status) => set({ status })} options={INCOMING_STATUSES.map((s) => ({ value: s, label: statusLabel(s) }))} />
        <Select style={{ width: 130 }} allowClear placeholder="Độ khẩn" value={filter.urgency} onChange={(urgency) => set({ urgency })} options={URGENCIES.map((u) => ({ value: u, label: urgencyLabel(u) }))} />
        <DatePicker.RangePicker
          format="DD/MM/YYYY"
          placeholder={['Từ ngày', 'Đến ngày']}
          value={range}
          onChange={(v) => {
            setRange(v);
            set({ from: v?.[0]?.format('YYYY-MM-DD'), to: v?.[1]?.format('YYYY-MM-DD') });
          }}
        />
        <Checkbox checked={filter.overdue ?? false} onChange={(e) => set({ overdue: e.target.checked || undefined })}>
          Quá hạn
        </Checkbox>
      </Space>
      <IncomingTable filter={filter} version={version} onOpen={(id) => navigate(`/incoming/${id}`)} onTotal={setTotal} empty={empty} />
      <RegistrationForm
        open={formOpen}
        books={books}
        orgs={orgs}
        onClose={() => setFormOpen(false)}
        onSaved={(id) => {
          setFormOpen(false);
          setVersion((n) => n + 1);
          navigate(`/incoming/${id}`);
        }}
      />
      <DetailDrawer id={openId} onClose={() => navigate('/incoming')} onChanged={() => setVersion((n) => n + 1)} />
      <ExportModal open={exportOpen} books={books} onClose={() => setExportOpen(false)} />
      <ImportModal
        open={importOpen}
        onClose={() => setImportOpen(false)}
        onDone={() => {
          setImportOpen(false);
          setVersion((n) => n + 1);
        }}
      />
    </div>
  );
}
