import { useEffect, useState } from 'react';
import { Alert, App, Button, Form, Input, Modal, Spin, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import type { IcsImportReport } from '../../../shared/meetings/schemas';
import { ApiFailure, call } from '../api/client';
import { showError } from '../api/errors';
import { IcsReportView } from './IcsReportView';

/** "Nhập .ics": read the file first (dry run) and show what it would do; import only when the person agrees. */
export function ImportIcsModal({ open, onClose, onDone }: { open: boolean; onClose(): void; onDone(): void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const [file, setFile] = useState<{ name: string; data: Uint8Array } | null>(null);
  const [report, setReport] = useState<IcsImportReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (open) {
      setFile(null);
      setReport(null);
      setError(null);
      form.resetFields();
    }
  }, [open, form]);

  /** Refusals show inside the modal: an unreadable file, clashes (with the report), a missing reason. */
  function failed(e: unknown) {
    if (!(e instanceof ApiFailure)) return void showError(e, message.error);
    const withReport = (e.error.details as { report?: IcsImportReport } | undefined)?.report;
    if (e.error.code === 'CONFLICT' && withReport) setReport(withReport);
    if (e.error.field === 'conflictReason') form.setFields([{ name: 'reason', errors: [e.error.message] }]);
    else setError(e.error.message);
  }

  async function dryRun(f: File) {
    setBusy(true);
    setReport(null);
    setError(null);
    try {
      const data = new Uint8Array(await f.arrayBuffer());
      setFile({ name: f.name, data });
      setReport(await call('meetings.import', { data, fileName: f.name, dryRun: true }));
    } catch (e) {
      failed(e);
    } finally {
      setBusy(false);
    }
  }

  async function run() {
    if (!file || !report) return;
    const clashes = report.clashes.length > 0;
    const v = clashes ? await form.validateFields().catch(() => null) : { reason: '' };
    if (!v) return;
    setBusy(true);
    setError(null);
    try {
      const r = await call('meetings.import', { data: file.data, fileName: file.name, allowConflict: clashes, conflictReason: clashes ? v.reason.trim() : undefined });
      message.success(`Đã nhập: ${r.created} mới, ${r.updated} cập nhật${r.cancelled ? `, ${r.cancelled} hủy` : ''}, ${r.unchanged} không đổi, ${r.skipped.length} bỏ qua.`);
      onDone();
      onClose();
    } catch (e) {
      failed(e);
    } finally {
      setBusy(false);
    }
  }

  const nothing = report !== null && report.changes.length === 0;
  return (
    <Modal
      open={open}
      title="Nhập lịch từ tệp .ics"
      width={720}
      okText="Nhập"
      cancelText="Đóng"
      onOk={() => void run()}
      onCancel={onClose}
      okButtonProps={{ disabled: !report || nothing || busy, loading: busy && report !== null, 'data-testid': 'ics-import' } as React.ComponentProps<typeof Button>}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        Tệp lịch (iCalendar .ics) xuất từ Outlook, Google Lịch hoặc từ phần mềm này. Cuộc họp đã có (cùng UID) được cập nhật; buổi họp của chuỗi lịch mà tệp không còn thì được hủy, ghi lý do (không xóa); người chủ trì, thành phần được đối chiếu với danh bạ theo tên.
      </Typography.Paragraph>
      <Upload
        accept=".ics,text/calendar"
        maxCount={1}
        showUploadList={false}
        beforeUpload={(f) => {
          void dryRun(f);
          return false;
        }}
        data-testid="ics-file"
      >
        <Button icon={<UploadOutlined />} disabled={busy}>
          {file ? `Chọn tệp khác (đang chọn: ${file.name})` : 'Chọn tệp .ics'}
        </Button>
      </Upload>
      <Spin spinning={busy}>
        <div style={{ marginTop: 12, minHeight: busy ? 60 : undefined }}>
          {error && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={error} data-testid="ics-error" />}
          {report && <IcsReportView report={report} />}
          {report && nothing && <Typography.Paragraph style={{ marginTop: 12 }}>Tệp không có gì mới để nhập.</Typography.Paragraph>}
          {report && report.clashes.length > 0 && (
            <Form form={form} layout="vertical" style={{ marginTop: 12 }}>
              <Form.Item name="reason" label="Lý do vẫn nhập lịch trùng" rules={[{ required: true, whitespace: true, message: 'Ghi lý do vẫn nhập lịch trùng.' }]}>
                <Input.TextArea autoSize={{ minRows: 2 }} maxLength={500} data-testid="ics-reason" />
              </Form.Item>
            </Form>
          )}
        </div>
      </Spin>
    </Modal>
  );
}
