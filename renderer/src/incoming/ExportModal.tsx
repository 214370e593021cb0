import { useEffect, useState } from 'react';
import { App, DatePicker, Form, Modal, Radio, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { RegisterBook } from '../../../shared/directory/schemas';
import { call } from '../api/client';
import { showError, clearErrorsOnChange } from '../api/errors';

/** "In sổ đăng ký": the register book for a period, as Word or Excel (ND30 Điều 22, Phụ lục IV). */
export function ExportModal({ open, books, onClose }: { open: boolean; books: RegisterBook[]; onClose(): void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ range: [Dayjs, Dayjs]; book: string; format: 'docx' | 'xlsx' }>();
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (open) form.setFieldsValue({ range: [dayjs().startOf('year'), dayjs()], book: books.find((b) => b.isDefault)?.name, format: 'docx' });
  }, [open, books, form]);

  async function run() {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setBusy(true);
    try {
      const file = await call('registerBook.export', {
        kind: 'incoming',
        from: v.range[0].format('YYYY-MM-DD'),
        to: v.range[1].format('YYYY-MM-DD'),
        book: v.book,
        format: v.format,
      });
      const url = URL.createObjectURL(new Blob([new Uint8Array(file.data)], { type: file.mime }));
      const a = document.createElement('a');
      a.href = url;
      a.download = file.fileName;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 5000);
      message.success(`Đã xuất ${file.rowCount} văn bản vào ${file.fileName}`);
      onClose();
    } catch (e) {
      showError(e, (t) => message.error(t), form, ['book', 'format']);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal open={open} title="In sổ đăng ký văn bản đến" okText="Xuất tệp" cancelText="Đóng" onOk={run} okButtonProps={{ disabled: busy }} onCancel={onClose} destroyOnHidden>
      <Form form={form} layout="vertical" onValuesChange={clearErrorsOnChange(form)} data-testid="export-form">
        <Form.Item name="range" label="Từ ngày — đến ngày" rules={[{ required: true, message: 'Chọn khoảng thời gian.' }]}>
          <DatePicker.RangePicker format="DD/MM/YYYY" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="book" label="Sổ">
          <Select options={books.map((b) => ({ value: b.name, label: b.name }))} />
        </Form.Item>
        <Form.Item name="format" label="Định dạng">
          <Radio.Group
            options={[
              { value: 'docx', label: 'Word (.docx)' },
              { value: 'xlsx', label: 'Excel (.xlsx)' },
            ]}
            data-testid="export-format"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
