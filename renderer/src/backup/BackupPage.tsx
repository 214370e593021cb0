import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Form, Input, Modal, Table, Tag, Typography } from 'antd';
import type { BackupRecord, BackupStatus } from '../../../shared/backup/schemas';
import { formatDateTimeVN } from '../../../shared/domain/dates';
import { call } from '../api/client';
import { showError } from '../api/errors';

const mb = (n: number) => `${(n / 1048576).toFixed(1)} MB`;

/**
 * Quản trị: the backups written (by hand, on schedule, from the command line), «Sao lưu ngay», and the last check of
 * the database (quick_check at the server's start, or `vanphong check`).
 */
export function BackupPage() {
  const { message } = App.useApp();
  const [status, setStatus] = useState<BackupStatus | null>(null);
  const [running, setRunning] = useState(false);
  const [asking, setAsking] = useState(false);
  const [form] = Form.useForm<{ passphrase: string }>();
  const load = useCallback(() => {
    call('backup.status', {}).then(setStatus, (e) => showError(e, message.error));
  }, [message]);
  useEffect(load, [load]);

  async function run(passphrase?: string) {
    setRunning(true);
    try {
      const r = await call('backup.run', passphrase ? { passphrase } : {});
      message.success(`Đã sao lưu vào «${r.file}»: ${r.documents} văn bản, ${r.files} tệp đính kèm.`);
      setAsking(false);
      form.resetFields();
      load();
    } catch (e) {
      showError(e, message.error, form, ['passphrase']);
    } finally {
      setRunning(false);
    }
  }

  const s = status;
  const check = s?.lastCheck;
  return (
    <div data-testid="backup-page">
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        Sao lưu và kiểm tra dữ liệu
      </Typography.Title>
      {s && !s.encrypted && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          message="Thư mục dữ liệu này chưa được mã hóa."
          description="Tắt ứng dụng và máy chủ, rồi chạy «vanphong encrypt» trên máy có dữ liệu; khóa khôi phục được in ra một lần."
        />
      )}
      <Card
        size="small"
        title="Sao lưu"
        style={{ marginBottom: 16 }}
        extra={
          <Button type="primary" loading={running} disabled={!s?.schedule.dir} onClick={() => (s?.passphraseStored ? void run() : setAsking(true))} data-testid="backup-now">
            Sao lưu ngay
          </Button>
        }
      >
        <Descriptions size="small" column={1}>
          <Descriptions.Item label="Bản gần nhất">
            {s?.lastBackup ? `${formatDateTimeVN(s.lastBackup.at)} — «${s.lastBackup.file}»` : 'Chưa có bản sao lưu nào.'}
          </Descriptions.Item>
          <Descriptions.Item label="Sao lưu theo lịch">
            {s?.schedule.enabled && s.schedule.dir
              ? `Mỗi ${s.schedule.everyHours} giờ vào «${s.schedule.dir}», giữ ${s.schedule.keepDaily} bản theo ngày, ${s.schedule.keepWeekly} bản theo tuần${s.passphraseStored ? '' : ' (chưa lưu mật khẩu trên máy chủ: lịch chưa chạy)'}.`
              : 'Chưa bật. Trên máy có dữ liệu: «vanphong backup schedule --dir THƯ-MỤC --passphrase-stdin» (nên là ổ đĩa khác).'}
          </Descriptions.Item>
          {s?.lastBackup?.auditHead.hash && (
            <Descriptions.Item label="Điểm cuối nhật ký trong bản gần nhất">
              <Typography.Text code copyable>{`${s.lastBackup.auditHead.seq}:${s.lastBackup.auditHead.hash}`}</Typography.Text>
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      <Card size="small" title="Kiểm tra cơ sở dữ liệu" style={{ marginBottom: 16 }} data-testid="backup-check">
        {check ? (
          <Typography.Paragraph style={{ marginBottom: 0 }}>
            <Tag color={check.ok ? 'green' : 'red'}>{check.ok ? 'Nguyên vẹn' : 'Hỏng'}</Tag>
            {formatDateTimeVN(check.at)} ({check.kind === 'quick' ? 'quick_check khi khởi động' : 'vanphong check'}): {check.message}
          </Typography.Paragraph>
        ) : (
          <Typography.Text type="secondary">Chưa kiểm tra lần nào. Máy chủ kiểm tra khi khởi động; kiểm tra đầy đủ: «vanphong check».</Typography.Text>
        )}
      </Card>
      <Table<BackupRecord>
        size="small"
        rowKey="file"
        loading={s === null}
        dataSource={s?.recent ?? []}
        locale={{ emptyText: 'Chưa có bản sao lưu nào.' }}
        columns={[
          { title: 'Lúc', dataIndex: 'at', width: 150, render: (t: string) => formatDateTimeVN(t) },
          { title: 'Tệp', dataIndex: 'file', ellipsis: true },
          { title: 'Cỡ', dataIndex: 'bytes', width: 100, render: (n: number) => mb(n) },
          { title: 'Văn bản', dataIndex: 'documents', width: 90 },
          { title: 'Tệp đính kèm', dataIndex: 'files', width: 110 },
          { title: '', dataIndex: 'scheduled', width: 100, render: (v: boolean) => (v ? <Tag>Theo lịch</Tag> : null) },
        ]}
      />
      <Modal title="Mật khẩu bản sao lưu" open={asking} onCancel={() => setAsking(false)} onOk={() => form.submit()} okText="Sao lưu" cancelText="Thôi" confirmLoading={running}>
        <Typography.Paragraph type="secondary">Bản sao lưu được mã hóa bằng mật khẩu này: cần nó để khôi phục, kể cả khi mất máy chủ.</Typography.Paragraph>
        <Form form={form} layout="vertical" onFinish={(v) => void run(v.passphrase)}>
          <Form.Item name="passphrase" label="Mật khẩu (ít nhất 8 ký tự)" rules={[{ required: true, min: 8, message: 'Mật khẩu cần ít nhất 8 ký tự.' }]}>
            <Input.Password autoFocus data-testid="backup-passphrase" />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
