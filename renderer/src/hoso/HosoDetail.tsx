import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Descriptions, Dropdown, Input, Modal, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { ArrowDownOutlined, ArrowLeftOutlined, ArrowUpOutlined, DeleteOutlined, DownloadOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { formatDateTimeVN, formatDateVN } from '../../../shared/domain/dates';
import { mayCall } from '../../../shared/api/permissions';
import { periodEnded } from '../../../shared/hoso/rules';
import { HOSO_DOC_KIND_LABELS, HOSO_RIGHTS_LABELS, type HosoDetail, type HosoDocument } from '../../../shared/hoso/schemas';
import { call } from '../api/client';
import { showError } from '../api/errors';
import { useAuth } from '../auth/AuthGate';
import { navigate } from '../router';
import { download } from '../util/download';
import { AddDocModal } from './AddDocModal';
import { HosoForm } from './HosoForm';
import { STATUS_COLOR } from './labels';

/**
 * One hồ sơ: its fields, its documents in order (added by search, moved, taken out while it is open), closing,
 * the mục lục, nộp lưu and, after its period, tiêu hủy by two people.
 */
export function HosoDetailView({ id }: { id: number }) {
  const { message, modal } = App.useApp();
  const { me } = useAuth();
  const [h, setH] = useState<HosoDetail | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState(false);
  const [busy, setBusy] = useState(false);

  const load = useCallback(() => {
    call('hoso.get', { id }).then(
      (v) => (setH(v), setFailed(null)),
      (e) => setFailed((e as Error).message),
    );
  }, [id]);
  useEffect(load, [load]);

  async function act(run: () => Promise<HosoDetail>, done?: string) {
    setBusy(true);
    try {
      setH(await run());
      if (done) message.success(done);
    } catch (e) {
      showError(e, message.error);
    } finally {
      setBusy(false);
    }
  }

  async function contents(format: 'pdf' | 'docx') {
    try {
      const f = await call('hoso.contents', { id, format });
      download(f.fileName, f.mime, f.data);
    } catch (e) {
      showError(e, message.error);
    }
  }

  async function handover() {
    setBusy(true);
    try {
      const [p] = await call('hoso.handover', { ids: [id] });
      download(p.fileName, 'application/zip', p.data);
      message.success(`Đã nộp lưu hồ sơ: gói ${p.fileName} (${p.files} tệp).`);
      load();
    } catch (e) {
      showError(e, message.error);
    } finally {
      setBusy(false);
    }
  }

  function ask(title: string, label: string, run: (text: string) => Promise<HosoDetail>, done: string) {
    let text = '';
    modal.confirm({
      title,
      content: <Input.TextArea autoFocus placeholder={label} onChange={(e) => (text = e.target.value)} data-testid="hoso-reason" />,
      okText: 'Xác nhận',
      cancelText: 'Hủy',
      onOk: () => act(() => run(text), done),
    });
  }

  if (failed) return <Alert style={{ margin: 16 }} type="error" message={failed} action={<Button onClick={() => navigate('/hoso')}>Về danh mục</Button>} />;
  if (!h) return null;
  const open = h.status === 'mo';
  // Tiêu hủy only once the thời hạn bảo quản has ended (never for Vĩnh viễn): the API says the same.
  const periodOver = !!h.closedAt && !!h.retention && periodEnded(Number(h.closedAt.slice(0, 4)), h.retention.years, new Date().getFullYear());
  const move = (i: number, by: number) => {
    const order = h.documents.map((d) => ({ kind: d.kind, refId: d.refId }));
    const [d] = order.splice(i, 1);
    order.splice(i + by, 0, d);
    void act(() => call('hoso.reorder', { id, order }));
  };

  return (
    <div style={{ padding: 16 }}>
      <Space style={{ marginBottom: 12 }} wrap>
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/hoso')}>
          Danh mục
        </Button>
        <Typography.Title level={4} style={{ margin: 0 }}>
          Hồ sơ số {h.code}
        </Typography.Title>
        <Tag color={STATUS_COLOR[h.status]} data-testid="hoso-status">
          {h.statusLabel}
        </Tag>
      </Space>
      <Descriptions size="small" bordered column={2} style={{ marginBottom: 12 }}>
        <Descriptions.Item label="Tiêu đề" span={2}>
          {h.title}
        </Descriptions.Item>
        <Descriptions.Item label="Mã hồ sơ">{h.fileCode}</Descriptions.Item>
        <Descriptions.Item label="Thời hạn bảo quản">{h.retention ? `${h.retention.label} (${h.retention.code} — ${h.retention.title})` : 'chưa chọn'}</Descriptions.Item>
        <Descriptions.Item label="Người lập">{[h.owner.fullName, h.unit?.name].filter(Boolean).join(' — ')}</Descriptions.Item>
        <Descriptions.Item label="Chế độ sử dụng">{HOSO_RIGHTS_LABELS[h.rights]}</Descriptions.Item>
        {!open && <Descriptions.Item label="Thời gian">{`${formatDateVN(h.startDate)} – ${formatDateVN(h.endDate)}`}</Descriptions.Item>}
        {!open && <Descriptions.Item label="Số văn bản, số trang">{`${h.docCount} văn bản, ${h.pageTotal ?? 0} trang`}</Descriptions.Item>}
        {h.closedAt && <Descriptions.Item label="Kết thúc lúc">{formatDateTimeVN(h.closedAt)}</Descriptions.Item>}
        {h.handedOverAt && <Descriptions.Item label="Nộp lưu lúc">{formatDateTimeVN(h.handedOverAt)}</Descriptions.Item>}
        {h.packageSha256 && (
          <Descriptions.Item label="SHA-256 gói nộp lưu" span={2}>
            <Typography.Text code copyable>
              {h.packageSha256}
            </Typography.Text>
          </Descriptions.Item>
        )}
        {h.description && (
          <Descriptions.Item label="Ghi chú" span={2}>
            {h.description}
          </Descriptions.Item>
        )}
      </Descriptions>
      {h.disposal && h.status !== 'huy' && (
        <Alert style={{ marginBottom: 12 }} type="warning" message={`${h.disposal.requestedBy.fullName} đề nghị tiêu hủy lúc ${formatDateTimeVN(h.disposal.requestedAt)}: ${h.disposal.reason}`} />
      )}
      <Space style={{ marginBottom: 12 }} wrap>
        {h.mayEdit && (
          <>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="hoso-add-doc">
              Thêm văn bản
            </Button>
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
              Sửa
            </Button>
            <Button
              disabled={busy || h.documents.length + h.hiddenCount === 0}
              data-testid="hoso-close"
              onClick={() =>
                modal.confirm({
                  title: `Kết thúc hồ sơ ${h.code}?`,
                  content: 'Hồ sơ đã kết thúc không thêm, bớt văn bản được nữa; ngày bắt đầu, kết thúc, số văn bản và số trang được ghi lại.',
                  okText: 'Kết thúc hồ sơ',
                  cancelText: 'Hủy',
                  onOk: () => act(() => call('hoso.close', { id }), 'Đã kết thúc hồ sơ.'),
                })
              }
            >
              Kết thúc hồ sơ
            </Button>
          </>
        )}
        <Dropdown menu={{ items: [{ key: 'pdf', label: 'PDF' }, { key: 'docx', label: 'Word (.docx)' }], onClick: ({ key }) => void contents(key as 'pdf' | 'docx') }}>
          <Button icon={<DownloadOutlined />} data-testid="hoso-contents">
            Mục lục văn bản
          </Button>
        </Dropdown>
        {h.status === 'dong' && (h.owner.id === me.id || mayCall('hoso.handover', me.roles)) && (
          <Button onClick={() => ask('Mở lại hồ sơ', 'Lý do mở lại', (reason) => call('hoso.reopen', { id, reason }), 'Đã mở lại hồ sơ.')}>Mở lại</Button>
        )}
        {h.status === 'dong' && mayCall('hoso.handover', me.roles) && (
          <Button type="primary" loading={busy} onClick={() => void handover()} data-testid="hoso-handover">
            Nộp lưu
          </Button>
        )}
        {h.status === 'nop-luu' && mayCall('hoso.package', me.roles) && (
          <Button icon={<DownloadOutlined />} onClick={() => void call('hoso.package', { id }).then((p) => download(p.fileName, 'application/zip', p.data), (e) => showError(e, message.error))} data-testid="hoso-package">
            Tải lại gói nộp lưu
          </Button>
        )}
        {(h.status === 'dong' || h.status === 'nop-luu') && !h.disposal && periodOver && mayCall('hoso.requestDisposal', me.roles) && (
          <Button danger onClick={() => ask('Đề nghị tiêu hủy hồ sơ', 'Lý do (hết thời hạn bảo quản…)', (reason) => call('hoso.requestDisposal', { id, reason }), 'Đã gửi đề nghị tiêu hủy.')}>
            Đề nghị tiêu hủy
          </Button>
        )}
        {h.disposal && h.status !== 'huy' && h.disposal.requestedBy.id !== me.id && mayCall('hoso.approveDisposal', me.roles) && (
          <Button danger type="primary" onClick={() => ask('Duyệt tiêu hủy hồ sơ', 'Ghi chú (không bắt buộc)', (note) => call('hoso.approveDisposal', { id, note: note || undefined }), 'Đã duyệt tiêu hủy.')}>
            Duyệt tiêu hủy
          </Button>
        )}
      </Space>
      <Table<HosoDocument>
        rowKey={(d) => `${d.kind}:${d.refId}`}
        size="small"
        pagination={false}
        dataSource={h.documents}
        data-testid="hoso-docs"
        locale={{ emptyText: h.hiddenCount ? 'Không có văn bản nào bạn được xem.' : 'Chưa có văn bản nào: bấm «Thêm văn bản».' }}
        columns={[
          { title: 'STT', dataIndex: 'ordinal', width: 56, align: 'center' },
          { title: 'Loại', width: 120, render: (_, d) => HOSO_DOC_KIND_LABELS[d.kind] },
          { title: 'Số, ký hiệu', width: 140, render: (_, d) => <a href={d.link}>{d.ref || `#${d.refId}`}</a> },
          { title: 'Ngày', width: 100, render: (_, d) => formatDateVN(d.date) },
          { title: 'Tác giả', dataIndex: 'author', width: 200 },
          {
            title: 'Trích yếu',
            render: (_, d) => (
              <>
                {d.subject}
                {d.openWork.map((w) => (
                  <div key={w}>
                    <Typography.Text type="warning">{w}</Typography.Text>
                  </div>
                ))}
              </>
            ),
          },
          { title: 'Tờ/Trang', dataIndex: 'pageRange', width: 80, align: 'center' },
          ...(h.mayEdit
            ? [
                {
                  title: '',
                  width: 120,
                  render: (_: unknown, d: HosoDocument, i: number) => (
                    <Space size={0}>
                      <Button type="text" size="small" icon={<ArrowUpOutlined />} disabled={i === 0} onClick={() => move(i, -1)} aria-label="Lên" />
                      <Button type="text" size="small" icon={<ArrowDownOutlined />} disabled={i === h.documents.length - 1} onClick={() => move(i, 1)} aria-label="Xuống" />
                      <Tooltip title="Bỏ khỏi hồ sơ">
                        <Button type="text" size="small" danger icon={<DeleteOutlined />} onClick={() => void act(() => call('hoso.removeDoc', { id, kind: d.kind, refId: d.refId }))} aria-label="Bỏ khỏi hồ sơ" />
                      </Tooltip>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      {h.hiddenCount > 0 && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
          Hồ sơ còn {h.hiddenCount} văn bản bạn không được xem.
        </Typography.Paragraph>
      )}
      <AddDocModal open={adding} hosoId={id} onClose={() => setAdding(false)} onAdded={(v) => setH(v)} />
      {editing && (
        <HosoForm
          open
          hoso={h}
          onClose={() => setEditing(false)}
          onSaved={(v) => {
            setEditing(false);
            setH(v);
          }}
        />
      )}
    </div>
  );
}

