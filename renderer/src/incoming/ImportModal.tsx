import { useEffect, useState } from 'react';
import { Alert, App, Button, Modal, Table, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { formatDateVN } from '../../../shared/domain/dates';
import { ApiFailure, call } from '../api/client';
import { readRegisterCsv, type ImportParse } from './csvImport';

const MAX = 10_000;

/**
 * "Nhập sổ từ tệp CSV": an old register kept in Excel, saved as CSV, registered in one go (incoming.bulkRegister, one
 * transaction: all lines or none). Each line gets the next số đến of the default book, in the file's order.
 */
export function ImportModal({ open, onClose, onDone }: { open: boolean; onClose(): void; onDone(): void }) {
  const { message } = App.useApp();
  const [file, setFile] = useState<string | null>(null);
  const [parsed, setParsed] = useState<ImportParse | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (open) (setFile(null), setParsed(null), setError(null));
  }, [open]);

  const read = async (f: File) => {
    setFile(f.name);
    setError(null);
    setParsed(readRegisterCsv(await f.text()));
  };

  const ready = parsed !== null && parsed.records.length > 0 && parsed.problems.length === 0 && parsed.records.length <= MAX;
  async function run() {
    if (!parsed || !ready) return;
    setBusy(true);
    try {
      const r = await call('incoming.bulkRegister', { records: parsed.records });
      message.success(`Đã vào sổ ${r.count.toLocaleString('vi-VN')} văn bản: số đến ${r.firstNumber}–${r.lastNumber}.`);
      onDone();
    } catch (e) {
      setError(e instanceof ApiFailure ? e.error.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open={open}
      width={760}
      title="Nhập sổ văn bản đến từ tệp CSV"
      okText={parsed?.records.length ? `Vào sổ ${parsed.records.length.toLocaleString('vi-VN')} văn bản` : 'Vào sổ'}
      cancelText="Đóng"
      onOk={run}
      okButtonProps={{ disabled: !ready || busy, loading: busy }}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph>
        Lưu sổ cũ từ Excel bằng «CSV UTF-8». Dòng đầu là tiêu đề, có các cột <b>Tác giả</b>, <b>Số, ký hiệu</b>, <b>Ngày văn bản</b>, <b>Trích yếu</b>; có thể thêm Ngày đến, Tên loại,
        Độ khẩn, Số trang, Đơn vị hoặc người nhận, Ghi chú. Mỗi dòng được cấp số đến tiếp theo của sổ mặc định, theo thứ tự trong tệp; có một dòng sai thì không dòng nào được vào sổ.
      </Typography.Paragraph>
      <Upload
        accept=".csv,.txt"
        maxCount={1}
        showUploadList={false}
        beforeUpload={(f) => {
          void read(f);
          return false;
        }}
        data-testid="import-file"
      >
        <Button icon={<UploadOutlined />}>{file ? `Chọn tệp khác (${file})` : 'Chọn tệp CSV'}</Button>
      </Upload>
      {parsed && parsed.problems.length > 0 && (
        <Alert type="error" showIcon style={{ marginTop: 12 }} title="Tệp có chỗ cần sửa trước khi nhập" description={<ul style={{ margin: 0, paddingLeft: 18 }}>{parsed.problems.slice(0, 20).map((p) => <li key={p}>{p}</li>)}</ul>} />
      )}
      {parsed && parsed.records.length > MAX && <Alert type="error" showIcon style={{ marginTop: 12 }} title={`Mỗi lần nhập tối đa ${MAX.toLocaleString('vi-VN')} văn bản: chia tệp thành nhiều phần.`} />}
      {error && <Alert type="error" showIcon style={{ marginTop: 12 }} title={error} data-testid="import-error" />}
      {parsed && parsed.records.length > 0 && (
        <>
          <Typography.Paragraph style={{ marginTop: 12, marginBottom: 6 }} data-testid="import-summary">
            {parsed.records.length.toLocaleString('vi-VN')} văn bản đọc được{parsed.records.length > 5 ? '; 5 dòng đầu:' : ':'}
          </Typography.Paragraph>
          <Table
            size="small"
            pagination={false}
            rowKey={(_, i) => String(i)}
            dataSource={parsed.records.slice(0, 5)}
            columns={[
              { title: 'Tác giả', dataIndex: 'sender', ellipsis: true },
              { title: 'Số, ký hiệu', dataIndex: 'ref', width: 130 },
              { title: 'Ngày VB', dataIndex: 'docDate', width: 96, render: (d: string) => formatDateVN(d) },
              { title: 'Trích yếu', dataIndex: 'subject', ellipsis: true },
            ]}
          />
        </>
      )}
    </Modal>
  );
}
