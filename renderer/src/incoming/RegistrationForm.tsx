import { useEffect, useState } from 'react';
import { Alert, App, AutoComplete, Button, Checkbox, Col, DatePicker, Drawer, Form, Input, InputNumber, Row, Select, Space, Upload, type UploadFile } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import type { Organization, RegisterBook } from '../../../shared/directory/schemas';
import { DOC_TYPES } from '../../../shared/domain/doc-types';
import { SECRECIES, SECRECY_LABELS, URGENCIES, URGENCY_LABELS, type Secrecy, type Urgency } from '../../../shared/domain/marks';
import { todayInVietnam } from '../../../shared/domain/dates';
import { foldVietnamese } from '../../../shared/text/fold';
import { ApiFailure, call } from '../api/client';
import { showError, clearErrorsOnChange } from '../api/errors';
import { useUnsavedGuard } from '../util/unsavedForm';
import { CLOSE } from './closeButton';
import { FilePrefill, usePrefillMarks } from './FilePrefill';

interface Values {
  book: string;
  arrivalDate: Dayjs;
  sender: string;
  ref: string;
  docDate: Dayjs;
  docType?: string;
  subject: string;
  urgency: Urgency;
  secrecy: Secrecy;
  pageCount?: number;
  recipient?: string;
  note?: string;
  public?: boolean;
  attachments?: UploadFile[];
}

const FIELDS = ['book', 'arrivalDate', 'sender', 'ref', 'docDate', 'docType', 'subject', 'urgency', 'secrecy', 'pageCount', 'recipient', 'note', 'public', 'attachments'];
const fold = (s: string) => foldVietnamese(s);

/** The form's input as the unsaved-input draft keeps it: dates as YYYY-MM-DD, files by name only. */
type Draft = Omit<Partial<Values>, 'arrivalDate' | 'docDate' | 'attachments'> & { arrivalDate?: string; docDate?: string; fileNames?: string[] };

const toDraft = (v: Partial<Values>): Draft => {
  const { arrivalDate, docDate, attachments, ...rest } = v;
  return { ...rest, arrivalDate: arrivalDate?.format('YYYY-MM-DD'), docDate: docDate?.format('YYYY-MM-DD'), fileNames: attachments?.map((f) => f.name) };
};

const fromDraft = (d: Draft): Partial<Values> => {
  const { arrivalDate, docDate, fileNames: _files, ...rest } = d;
  return { ...rest, arrivalDate: arrivalDate ? dayjs(arrivalDate) : undefined, docDate: docDate ? dayjs(docDate) : undefined };
};

/** Input worth asking about: what the văn thư typed or chose, not the defaults the form starts with. */
const hasInput = (v: Partial<Values>) =>
  [v.sender, v.ref, v.subject, v.recipient, v.note].some((t) => typeof t === 'string' && t.trim() !== '') ||
  v.docDate !== undefined ||
  v.docType !== undefined ||
  v.pageCount != null ||
  (v.attachments?.length ?? 0) > 0;

/** "Vào sổ văn bản đến": the văn thư's registration form (ND30 Điều 22). */
export function RegistrationForm(props: { open: boolean; books: RegisterBook[]; orgs: Organization[]; onClose(): void; onSaved(id: number): void }) {
  const { open, books, orgs, onClose, onSaved } = props;
  const [form] = Form.useForm<Values>();
  const { message, modal } = App.useApp();
  const [saving, setSaving] = useState(false);
  const [senderText, setSenderText] = useState('');
  const [dirty, setDirty] = useState(false);
  // After a save the record's drawer opens and takes the focus: the closing form must not hand it back to the page
  // (Esc would then close nothing). Closed without saving, the focus returns to where the form was opened from.
  const [restoreFocus, setRestoreFocus] = useState(true);
  const secrecy = Form.useWatch('secrecy', form) as Secrecy | undefined;
  // Fields filled from a dropped file, marked until the văn thư changes them (FilePrefill.tsx).
  const prefill = usePrefillMarks();
  const guard = useUnsavedGuard<Draft>({
    key: 'incoming.register',
    open,
    dirty,
    // A secret document's metadata is never left in the browser's storage.
    persist: (secrecy ?? 'thuong') === 'thuong',
    values: () => toDraft(form.getFieldsValue(true) as Partial<Values>),
    restore: (d) => {
      form.setFieldsValue(fromDraft(d));
      setSenderText('');
      setDirty(true);
      if (d.fileNames?.length) message.info(`Bản nháp không giữ tệp đính kèm: chọn lại ${d.fileNames.join(', ')}.`);
    },
    onClose,
    // The form is a drawer over the register: moving between its rows (#/incoming/N) keeps it and what was typed.
    leaves: (hash) => !/^#\/incoming(\/|$)/.test(hash),
  });

  // Reset when the form opens, and only then: the book list may arrive a moment later, and must not wipe what the
  // văn thư has already typed (it only fills the book if none is chosen yet).
  useEffect(() => {
    if (open) {
      form.resetFields();
      form.setFieldsValue({ arrivalDate: dayjs(todayInVietnam(new Date())), urgency: 'thuong', secrecy: 'thuong' });
      setDirty(false);
      setRestoreFocus(true);
      prefill.reset();
    }
  }, [open, form, prefill.reset]);
  useEffect(() => {
    if (open && !form.getFieldValue('book')) form.setFieldsValue({ book: books.find((b) => b.isDefault)?.name });
  }, [open, books, form]);

  async function save(allowDuplicate: boolean) {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    try {
      const attachments = await Promise.all(
        (v.attachments ?? []).map(async (f) => ({ name: f.name, data: new Uint8Array(await (f.originFileObj as File).arrayBuffer()) })),
      );
      const input = {
        book: v.book,
        arrivalDate: v.arrivalDate.format('YYYY-MM-DD'),
        sender: v.sender,
        ref: v.ref,
        docDate: v.docDate.format('YYYY-MM-DD'),
        docType: v.docType,
        subject: v.subject,
        urgency: v.urgency,
        secrecy: v.secrecy,
        pageCount: v.pageCount ?? undefined,
        recipient: v.recipient,
        note: v.note,
        public: v.public ?? false,
        attachments,
        allowDuplicate,
      };
      const rec = await call('incoming.register', input);
      message.success(`Đã vào sổ: số đến ${rec.arrivalNumber}`);
      guard.clear();
      setDirty(false);
      setRestoreFocus(false);
      onSaved(rec.id);
    } catch (e) {
      // register answers DUPLICATE with the earlier số đến (nothing written): ask, then resend with allowDuplicate.
      if (e instanceof ApiFailure && e.error.code === 'DUPLICATE') {
        modal.confirm({
          title: 'Có thể trùng văn bản đã vào sổ',
          content: `${e.error.message} Vẫn vào sổ?`,
          okText: 'Vẫn vào sổ',
          cancelText: 'Không',
          onOk: () => save(true),
        });
        return;
      }
      showError(e, (t) => message.error(t), form, FIELDS);
    } finally {
      setSaving(false);
    }
  }

  const senderOptions = orgs
    .filter((o) => !senderText || fold(o.name).includes(fold(senderText)) || fold(o.shortName ?? '').includes(fold(senderText)))
    .slice(0, 30)
    .map((o) => ({ value: o.name, label: o.name }));

  return (
    <Drawer
      title="Vào sổ văn bản đến"
      open={open}
      onClose={() => guard.requestClose()}
      closable={CLOSE}
      size={760}
      focusable={{ focusTriggerAfterClose: restoreFocus }}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={() => guard.requestClose()}>Hủy bỏ</Button>
          <Button type="primary" loading={saving} onClick={() => void save(false)} data-testid="save-incoming">
            Vào sổ (Ctrl+Enter)
          </Button>
        </Space>
      }
    >
      <FilePrefill form={form} open={open} setMarks={prefill.setMarks} onFilled={() => setDirty(true)} />
      <Form
        form={form}
        layout="vertical"
        requiredMark
        onValuesChange={(changed, all) => {
          clearErrorsOnChange(form)(changed);
          prefill.touched(changed);
          setDirty(hasInput(all));
        }}
        data-testid="incoming-form"
        onKeyDown={(e) => {
          if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') {
            e.preventDefault();
            void save(false);
          }
        }}
      >
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="book" label="Sổ đăng ký" rules={[{ required: true, message: 'Chọn sổ đăng ký.' }]}>
              <Select options={books.map((b) => ({ value: b.name, label: b.name }))} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="arrivalDate" label="Ngày đến" rules={[{ required: true, message: 'Nhập ngày đến.' }]}>
              <DatePicker format="DD/MM/YYYY" placeholder="Chọn ngày" style={{ width: '100%' }} data-testid="f-arrivalDate" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="sender" label={prefill.label('sender', 'Tác giả (cơ quan gửi)')} rules={[{ required: true, whitespace: true, message: 'Nhập cơ quan gửi văn bản.' }]}>
          <AutoComplete options={senderOptions} onSearch={setSenderText} placeholder="Chọn trong danh bạ hoặc gõ tên cơ quan mới" data-testid="f-sender" />
        </Form.Item>
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item name="ref" label={prefill.label('ref', 'Số và ký hiệu')} rules={[{ required: true, whitespace: true, message: 'Nhập số và ký hiệu văn bản.' }]}>
              <Input placeholder="70/KH-UBND" data-testid="f-ref" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="docDate" label={prefill.label('docDate', 'Ngày văn bản')} rules={[{ required: true, message: 'Nhập ngày văn bản.' }]}>
              <DatePicker format="DD/MM/YYYY" placeholder="Chọn ngày" style={{ width: '100%' }} data-testid="f-docDate" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="docType" label={prefill.label('docType', 'Tên loại')}>
              <Select
                allowClear
                showSearch={{ filterOption: (input, o) => fold(String(o?.label ?? '')).includes(fold(input)) }}
                options={DOC_TYPES.map((t) => ({ value: t.code, label: t.name }))}
                data-testid="f-docType"
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="subject" label={prefill.label('subject', 'Trích yếu nội dung')} rules={[{ required: true, whitespace: true, message: 'Nhập trích yếu.' }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={500} showCount data-testid="f-subject" />
        </Form.Item>
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item name="urgency" label={prefill.label('urgency', 'Độ khẩn')}>
              <Select options={URGENCIES.map((u) => ({ value: u, label: URGENCY_LABELS[u] }))} data-testid="f-urgency" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="secrecy" label={prefill.label('secrecy', 'Độ mật')}>
              <Select options={SECRECIES.map((s) => ({ value: s, label: SECRECY_LABELS[s] }))} data-testid="f-secrecy" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="pageCount" label={prefill.label('pageCount', 'Số trang')}>
              <InputNumber min={1} max={999} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="recipient" label="Đơn vị hoặc người nhận">
          <Input />
        </Form.Item>
        <Form.Item name="note" label={prefill.label('note', 'Ghi chú')}>
          <Input />
        </Form.Item>
        <Form.Item noStyle shouldUpdate={(a, b) => a.secrecy !== b.secrecy}>
          {() =>
            form.getFieldValue('secrecy') !== 'thuong' ? (
              <Alert
                type="warning"
                showIcon
                style={{ marginBottom: 12 }}
                data-testid="secret-notice"
                message="Văn bản mật vào sổ văn bản mật đến, dãy số riêng; chỉ văn thư giữ sổ mật, thủ trưởng và người có tên trên văn bản đọc được. Máy nối mạng không lưu tệp của văn bản mật."
              />
            ) : (
              <Form.Item name="public" valuePropName="checked">
                <Checkbox data-testid="f-public">Công khai trong cơ quan (mọi tài khoản đều đọc được)</Checkbox>
              </Form.Item>
            )
          }
        </Form.Item>
        <Form.Item
          name="attachments"
          label="Tệp đính kèm (PDF, DOCX, ảnh)"
          valuePropName="fileList"
          getValueFromEvent={(e: { fileList: UploadFile[] }) => e.fileList}
        >
          <Upload beforeUpload={() => false} multiple accept=".pdf,.docx,.png,.jpg,.jpeg,.tif,.tiff" data-testid="f-attachments">
            <Button icon={<UploadOutlined />}>Chọn tệp</Button>
          </Upload>
        </Form.Item>
      </Form>
    </Drawer>
  );
}
