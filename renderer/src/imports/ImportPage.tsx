import { useEffect, useMemo, useRef, useState } from 'react';
import { Alert, App, Button, Descriptions, Progress, Segmented, Select, Space, Table, Typography, Upload } from 'antd';
import { FolderOpenOutlined, UploadOutlined } from '@ant-design/icons';
import type { RegisterBook } from '../../../shared/directory/schemas';
import { columnLetters, FIELDS_OF, IMPORT_FIELD_LABELS, IMPORT_FIELDS, missingFields, REGISTER_KIND_LABELS, type ImportField, type ImportMapping, type RegisterKind } from '../../../shared/imports/fields';
import { IMPORT_OUTCOME_LABELS, type ImportOutcome, type ImportPreview, type ImportRowReport, type ImportStatus } from '../../../shared/imports/schemas';
import type { Result } from '../../../shared/api/result';
import { ApiFailure, call } from '../api/client';
import { showError } from '../api/errors';
import { navigate } from '../router';

/**
 * "Nhập sổ cũ" (#/import, #/import/outgoing; issue 18): an old register (.xlsx, .csv, or a .zip of it with its scans)
 * brought into the incoming or the outgoing register — the one its header line names, which the văn thư can change. The
 * file is read for a preview whose columns the văn thư maps (a mapping confirmed before for the same header line comes
 * pre-filled); «Chạy thử» says what would happen, «Nhập» runs it with a progress bar, then the per-row report. A folder
 * of thousands of scans is brought in on the computer itself: `vanphong import THƯ-MỤC`.
 */
type Source = { file: { name: string; data: Uint8Array } } | { path: string };

/** The desktop app working on this computer's data offers the system's folder chooser (desk:pickFolder). */
type PickFolder = (title: string) => Promise<Result<string | null>>;
const pickFolder = (): PickFolder | undefined => (window.vanphong ? (window.vanphongDesk?.pickFolder as PickFolder | undefined) : undefined);

const seconds = (s: number | null) => (s === null ? '…' : s >= 90 ? `${Math.round(s / 60)} phút` : `${s} giây`);

export function ImportPage({ initialKind = 'incoming' }: { initialKind?: RegisterKind }) {
  const { message } = App.useApp();
  const [kind, setKind] = useState<RegisterKind>(initialKind);
  const [source, setSource] = useState<Source | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [mapping, setMapping] = useState<ImportMapping>({});
  const [books, setBooks] = useState<RegisterBook[]>([]);
  const [book, setBook] = useState<string | undefined>();
  const [status, setStatus] = useState<ImportStatus | null>(null);
  const [busy, setBusy] = useState(false);
  const [filter, setFilter] = useState<'all' | ImportOutcome>('all');
  const [report, setReport] = useState<{ rows: ImportRowReport[]; total: number }>({ rows: [], total: 0 });
  const [page, setPage] = useState(1);
  const alive = useRef(true);
  const fail = (e: unknown) => showError(e, (t) => message.error(t));

  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);
  useEffect(() => {
    let current = true; // a slower answer for the register shown before does not overwrite this one's books
    setBook(undefined);
    call('books.list', { kind })
      .then((b) => current && alive.current && setBooks(b.filter((x) => !x.secret)))
      .catch(fail);
    return () => {
      current = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [kind]);

  // While a run goes on, its counts every half second.
  useEffect(() => {
    if (status?.state !== 'running') return;
    const t = setTimeout(() => {
      call('imports.status', { job: status.job })
        .then((s) => alive.current && setStatus(s))
        .catch(fail);
    }, 500);
    return () => clearTimeout(t);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [status]);

  const runId = status && !status.dryRun && status.state !== 'running' ? status.runId : null;
  useEffect(() => {
    if (runId === null) return;
    call('imports.rows', { runId, outcome: filter === 'all' ? undefined : filter, offset: (page - 1) * 50, limit: 50 })
      .then((r) => alive.current && setReport(r))
      .catch(fail);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [runId, filter, page]);

  /** Reads the register's header and first rows: as the register its header names, or as `as` when the văn thư says. */
  async function read(src: Source, as?: RegisterKind) {
    setBusy(true);
    setStatus(null);
    try {
      const p = await call('imports.preview', { source: src, kind: as, prefer: initialKind });
      setSource(src);
      setPreview(p);
      setKind(p.kind);
      setMapping(p.mapping);
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  }

  async function choose(file: File) {
    await read({ file: { name: file.name, data: new Uint8Array(await file.arrayBuffer()) } });
    return false;
  }

  /** A folder of this computer (the register and its scans), read where it lies: the desktop app only. */
  async function chooseFolder(pick: PickFolder) {
    const r = await pick('Chọn thư mục sổ cũ (tệp sổ và các bản quét)');
    if (!r.ok) return fail(new ApiFailure(r.error));
    if (r.value) await read({ path: r.value });
  }
  const folderPicker = pickFolder();

  async function start(dryRun: boolean) {
    if (!source) return;
    setBusy(true);
    try {
      setFilter('all');
      setPage(1);
      setStatus(await call('imports.run', { source, kind, mapping, book, dryRun }));
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  }

  const fieldOfColumn = useMemo(() => {
    const m = new Map<number, ImportField>();
    for (const f of IMPORT_FIELDS) if (mapping[f] !== undefined) m.set(mapping[f]!, f);
    return m;
  }, [mapping]);

  function assign(col: number, field: ImportField | null) {
    const next: ImportMapping = {};
    for (const f of IMPORT_FIELDS) if (mapping[f] !== undefined && mapping[f] !== col && f !== field) next[f] = mapping[f];
    if (field) next[field] = col;
    setMapping(next);
  }

  const missing = missingFields(mapping, kind);
  const numberTitle = kind === 'incoming' ? 'Số đến' : 'Số';
  const width = preview ? Math.max(preview.header.length, ...preview.rows.map((r) => r.cells.length)) : 0;
  const columns = Array.from({ length: width }, (_, i) => ({
    key: i,
    title: (
      <Space direction="vertical" size={2} style={{ minWidth: 150 }}>
        <Typography.Text type="secondary">
          {columnLetters(i)} {preview?.header[i] ? `«${preview.header[i]}»` : ''}
        </Typography.Text>
        <Select
          size="small"
          style={{ width: '100%' }}
          value={fieldOfColumn.get(i) ?? ''}
          onChange={(v) => assign(i, (v || null) as ImportField | null)}
          options={[{ value: '', label: '— không nhập —' }, ...FIELDS_OF[kind].map((f) => ({ value: f, label: IMPORT_FIELD_LABELS[f] }))]}
          data-testid={`map-col-${i}`}
        />
      </Space>
    ),
    render: (_: unknown, r: { cells: string[] }) => r.cells[i] ?? '',
  }));

  const pct = status ? (status.total ? Math.floor((status.done / status.total) * 100) : 100) : 0;
  return (
    <div data-testid="import-page">
      <Space style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Title level={4}>Nhập sổ cũ</Typography.Title>
        <Button onClick={() => navigate(kind === 'incoming' ? '/incoming' : '/outgoing/register')}>Về {REGISTER_KIND_LABELS[kind].toLowerCase()}</Button>
      </Space>
      <Typography.Paragraph type="secondary">
        Sổ đăng ký văn bản đến hoặc văn bản đi cũ (Excel .xlsx, .csv, hoặc tệp .zip gồm sổ và các bản quét): giữ nguyên số và năm, gắn
        bản quét theo số (ví dụ 125.pdf, SD-125.pdf, 2019-125.pdf) hoặc số ký hiệu, bỏ qua văn bản đã có. Thư mục hàng nghìn bản quét:{' '}
        {folderPicker ? '«Chọn thư mục» (đọc tại chỗ, không tải lên) hoặc lệnh' : 'dùng ứng dụng trên máy có thư mục dữ liệu («Chọn thư mục») hoặc lệnh'} «vanphong import
        THƯ-MỤC» (chạy lại để tiếp tục khi bị dừng).
      </Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        <Upload beforeUpload={choose} accept=".xlsx,.csv,.txt,.zip" showUploadList={false} disabled={busy || status?.state === 'running'}>
          <Button type="primary" icon={<UploadOutlined />} loading={busy && !preview} data-testid="import-choose">
            Chọn tệp sổ
          </Button>
        </Upload>
        {folderPicker && (
          <Button icon={<FolderOpenOutlined />} disabled={busy || status?.state === 'running'} onClick={() => void chooseFolder(folderPicker)} data-testid="import-choose-folder">
            Chọn thư mục (sổ và bản quét)
          </Button>
        )}
        {source && <Typography.Text strong>{'file' in source ? source.file.name : source.path}</Typography.Text>}
      </Space>

      {preview && (
        <>
          <Space style={{ display: 'flex', marginBottom: 8 }}>
            <Typography.Text>Nhập vào:</Typography.Text>
            <Segmented
              value={kind}
              disabled={busy || status?.state === 'running'}
              onChange={(v) => source && void read(source, v as RegisterKind)}
              options={[
                { value: 'incoming', label: REGISTER_KIND_LABELS.incoming },
                { value: 'outgoing', label: REGISTER_KIND_LABELS.outgoing },
              ]}
              data-testid="import-kind"
            />
          </Space>
          <Descriptions size="small" column={3} style={{ marginBottom: 8 }}>
            <Descriptions.Item label="Tệp sổ">{preview.register}</Descriptions.Item>
            <Descriptions.Item label="Dòng tiêu đề">{preview.headerRow ?? 'không nhận ra'}</Descriptions.Item>
            <Descriptions.Item label="Số dòng">{preview.total.toLocaleString('vi-VN')}</Descriptions.Item>
            <Descriptions.Item label="Bản quét kèm theo">{preview.files.toLocaleString('vi-VN')}</Descriptions.Item>
            <Descriptions.Item label="Cách ghép cột">
              {preview.mappingFrom === 'remembered' ? 'đã xác nhận lần trước' : preview.mappingFrom === 'proposed' ? 'đề xuất theo tên cột' : 'chưa có'}
            </Descriptions.Item>
          </Descriptions>
          {missing.length > 0 && (
            <Alert type="warning" showIcon style={{ marginBottom: 8 }} message={`Chọn cột cho: ${missing.map((f) => IMPORT_FIELD_LABELS[f]).join(', ')}.`} data-testid="import-missing" />
          )}
          <Table<{ row: number; cells: string[] }>
            size="small"
            bordered
            scroll={{ x: true, y: 300 }}
            pagination={false}
            rowKey="row"
            dataSource={preview.rows}
            columns={[{ key: 'row', title: 'Dòng', render: (_: unknown, r: { row: number }) => r.row }, ...columns]}
            data-testid="import-preview"
          />
          <Space wrap style={{ marginTop: 12 }}>
            <Select
              style={{ minWidth: 220 }}
              placeholder="Sổ mặc định"
              allowClear
              value={book}
              onChange={setBook}
              options={books.map((b) => ({ value: b.name, label: b.name }))}
            />
            <Button disabled={missing.length > 0 || busy || status?.state === 'running'} onClick={() => void start(true)} data-testid="import-dry-run">
              Chạy thử
            </Button>
            <Button type="primary" disabled={missing.length > 0 || busy || status?.state === 'running'} onClick={() => void start(false)} data-testid="import-run">
              Nhập
            </Button>
          </Space>
        </>
      )}

      {status && (
        <div style={{ marginTop: 16 }} data-testid="import-status">
          <Typography.Text strong>{status.dryRun ? 'Chạy thử (không ghi gì)' : 'Nhập vào sổ'}</Typography.Text>
          <Progress percent={pct} status={status.state === 'failed' ? 'exception' : status.state === 'done' ? 'success' : 'active'} data-testid="import-progress" />
          <Typography.Paragraph data-testid="import-counts">
            {status.done.toLocaleString('vi-VN')}/{status.total.toLocaleString('vi-VN')} dòng — {status.dryRun ? 'sẽ nhập' : 'đã nhập'} {status.imported}, bỏ qua{' '}
            {status.skipped}, lỗi {status.failed}
            {status.files ? `, ${status.files} tệp` : ''}
            {status.state === 'running' ? ` — còn khoảng ${seconds(status.etaSeconds)}` : status.state === 'done' ? ' — xong.' : ''}
          </Typography.Paragraph>
          {status.error && <Alert type="error" message={status.error} />}
          {status.dryRun && status.problems.length > 0 && (
            <Table
              size="small"
              rowKey="row"
              pagination={false}
              dataSource={status.problems}
              columns={[
                { key: 'row', title: 'Dòng', dataIndex: 'row' },
                { key: 'outcome', title: 'Kết quả', render: (_: unknown, p: { outcome: ImportOutcome }) => IMPORT_OUTCOME_LABELS[p.outcome] },
                { key: 'reason', title: 'Lý do', dataIndex: 'reason' },
              ]}
            />
          )}
          {runId !== null && (
            <>
              <Segmented
                style={{ marginBottom: 8 }}
                value={filter}
                onChange={(v) => {
                  setFilter(v as 'all' | ImportOutcome);
                  setPage(1);
                }}
                options={[
                  { value: 'all', label: 'Tất cả' },
                  { value: 'imported', label: 'Đã nhập' },
                  { value: 'skipped', label: 'Bỏ qua' },
                  { value: 'failed', label: 'Lỗi' },
                ]}
                data-testid="import-filter"
              />
              <Table
                size="small"
                rowKey="row"
                dataSource={report.rows}
                pagination={{ current: page, pageSize: 50, total: report.total, onChange: setPage, showSizeChanger: false }}
                columns={[
                  { key: 'row', title: 'Dòng', dataIndex: 'row' },
                  { key: 'outcome', title: 'Kết quả', render: (_: unknown, r: ImportRowReport) => IMPORT_OUTCOME_LABELS[r.outcome] },
                  { key: 'number', title: numberTitle, render: (_: unknown, r: ImportRowReport) => (r.arrivalNumber !== null ? `${r.arrivalNumber}/${r.year}` : '') },
                  { key: 'reason', title: 'Lý do', dataIndex: 'reason' },
                ]}
                data-testid="import-report"
              />
            </>
          )}
        </div>
      )}
    </div>
  );
}
