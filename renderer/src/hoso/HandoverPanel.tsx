import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, List, Progress, Select, Space, Table, Tag, Typography, Upload } from 'antd';
import { InboxOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { formatDateVN } from '../../../shared/domain/dates';
import { mayCall } from '../../../shared/api/permissions';
import type { DueForHandover, PackageReport } from '../../../shared/hoso/schemas';
import { call } from '../api/client';
import { showError } from '../api/errors';
import { useAuth } from '../auth/AuthGate';
import { navigate } from '../router';
import { download } from '../util/download';
import { thisYear, yearOptions } from './labels';

/**
 * Nộp lưu (ND30 Điều 30–31): the closed hồ sơ due within a year of closing, handed over one package each — with the
 * progress shown, each package saved as it is made — and a package checked again (every checksum, metadata.xml).
 */
export function HandoverPanel() {
  const { message } = App.useApp();
  const { me } = useAuth();
  const [year, setYear] = useState(thisYear());
  const [due, setDue] = useState<DueForHandover[] | null>(null);
  const [picked, setPicked] = useState<number[]>([]);
  const [progress, setProgress] = useState<{ done: number; total: number; current: string } | null>(null);
  const [report, setReport] = useState<(PackageReport & { name: string }) | null>(null);

  const load = useCallback(() => {
    call('hoso.dueForHandover', { year }).then(setDue, (e) => showError(e, message.error));
  }, [year, message]);
  useEffect(load, [load]);

  async function handOver() {
    const list = (due ?? []).filter((h) => picked.includes(h.id));
    setProgress({ done: 0, total: list.length, current: list[0]?.code ?? '' });
    try {
      for (const [i, h] of list.entries()) {
        setProgress({ done: i, total: list.length, current: h.code });
        const [p] = await call('hoso.handover', { ids: [h.id] });
        download(p.fileName, 'application/zip', p.data);
      }
      message.success(`Đã nộp lưu ${list.length} hồ sơ.`);
    } catch (e) {
      showError(e, message.error);
    } finally {
      setProgress(null);
      setPicked([]);
      load();
    }
  }

  async function verify(file: File) {
    try {
      const r = await call('hoso.verifyPackage', { name: file.name, data: new Uint8Array(await file.arrayBuffer()) });
      setReport({ ...r, name: file.name });
    } catch (e) {
      showError(e, message.error);
    }
    return false;
  }

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="large">
      <Card size="small" title="Hồ sơ đã kết thúc chờ nộp lưu (hạn 1 năm kể từ khi kết thúc)">
        <Space style={{ marginBottom: 12 }}>
          <Select value={year} onChange={setYear} options={yearOptions()} style={{ width: 130 }} />
          {mayCall('hoso.handover', me.roles) && (
            <Button type="primary" disabled={!picked.length || progress !== null} onClick={() => void handOver()} data-testid="handover-run">
              Nộp lưu {picked.length || ''} hồ sơ đã chọn
            </Button>
          )}
        </Space>
        {progress && (
          <div data-testid="handover-progress">
            <Progress percent={Math.round((progress.done / Math.max(1, progress.total)) * 100)} />
            <Typography.Text type="secondary">
              Đang đóng gói hồ sơ {progress.current} ({progress.done + 1}/{progress.total})…
            </Typography.Text>
          </div>
        )}
        <Table<DueForHandover>
          rowKey="id"
          size="small"
          pagination={false}
          loading={due === null}
          dataSource={due ?? []}
          rowSelection={mayCall('hoso.handover', me.roles) ? { selectedRowKeys: picked, onChange: (k) => setPicked(k as number[]) } : undefined}
          locale={{ emptyText: 'Không có hồ sơ nào chờ nộp lưu.' }}
          columns={[
            { title: 'Số và ký hiệu', dataIndex: 'code', width: 120, render: (v: string, h) => <a onClick={() => navigate(`/hoso/${h.id}`)}>{v}</a> },
            { title: 'Tiêu đề hồ sơ', dataIndex: 'title' },
            { title: 'Thời hạn bảo quản', width: 130, render: (_, h) => h.retention?.label ?? '' },
            { title: 'Văn bản', dataIndex: 'docCount', width: 80, align: 'right' },
            { title: 'Nộp lưu trước', width: 140, render: (_, h) => (h.overdue ? <Tag color="red">{formatDateVN(h.dueBy)} (quá hạn)</Tag> : formatDateVN(h.dueBy)) },
          ]}
        />
      </Card>
      <Card size="small" title={<><SafetyCertificateOutlined /> Kiểm tra gói nộp lưu</>}>
        <Upload.Dragger accept=".zip" showUploadList={false} beforeUpload={(f) => verify(f)} data-testid="verify-package">
          <p>
            <InboxOutlined style={{ fontSize: 32 }} />
          </p>
          <p>Kéo thả tệp .zip vào đây hoặc bấm để chọn: mọi tệp được đối chiếu mã SHA-256 với bản kê và metadata.xml.</p>
        </Upload.Dragger>
        {report && (
          <div style={{ marginTop: 12 }} data-testid="verify-report">
            <Alert
              type={report.ok ? 'success' : 'error'}
              message={report.ok ? `${report.name}: gói hợp lệ, ${report.files} tệp đúng mã băm.` : `${report.name}: gói KHÔNG hợp lệ (${report.problems.length} lỗi).`}
              description={
                <>
                  {report.fileCode && <div>Hồ sơ {report.fileCode}: {report.title}</div>}
                  <div>{report.matches ? `Đúng gói đã nộp lưu của hồ sơ ${report.matches.code}.` : 'Không khớp gói nộp lưu nào đã ghi trong hệ thống.'}</div>
                </>
              }
            />
            {report.problems.length > 0 && <List size="small" dataSource={report.problems} renderItem={(p) => <List.Item><Typography.Text code>{p.file}</Typography.Text> {p.problem}</List.Item>} />}
          </div>
        )}
      </Card>
    </Space>
  );
}
