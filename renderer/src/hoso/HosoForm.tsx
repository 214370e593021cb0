import { useEffect, useState } from 'react';
import { App, Form, Input, Modal, Select } from 'antd';
import type { UserInfo } from '../../../shared/auth/schemas';
import { hasRole } from '../../../shared/auth/roles';
import { HOSO_RIGHTS, HOSO_RIGHTS_LABELS, type HosoDetail, type HosoRights, type HosoSummary, type RetentionRow } from '../../../shared/hoso/schemas';
import { foldVietnamese } from '../../../shared/text/fold';
import { call } from '../api/client';
import { clearErrorsOnChange, showError } from '../api/errors';
import { useAuth } from '../auth/AuthGate';
import { thisYear, yearOptions } from './labels';

interface Values {
  code: string;
  title: string;
  year: number;
  retention?: string;
  owner?: string;
  rights: HosoRights;
  description?: string;
}

const FIELDS = ['code', 'title', 'year', 'retention', 'owner', 'rights', 'description'];
const matches = (input: string, o?: { label?: unknown }) => foldVietnamese(String(o?.label ?? '')).includes(foldVietnamese(input));

/** A new hồ sơ for the danh mục, or an open one's fields changed (số và ký hiệu, tiêu đề, thời hạn bảo quản, người lập). */
export function HosoForm({ open, hoso, onClose, onSaved }: { open: boolean; hoso?: HosoSummary; onClose(): void; onSaved(h: HosoDetail): void }) {
  const { message } = App.useApp();
  const { me } = useAuth();
  const [form] = Form.useForm<Values>();
  const [retention, setRetention] = useState<RetentionRow[]>([]);
  const [users, setUsers] = useState<UserInfo[]>([]);
  const [busy, setBusy] = useState(false);
  const assigns = hasRole(me, 'vanthu', 'lanhdao');

  useEffect(() => {
    if (!open) return;
    call('retention.list', {}).then(setRetention, (e) => showError(e, message.error));
    if (assigns) call('users.list', {}).then(setUsers, (e) => showError(e, message.error));
    form.resetFields();
    form.setFieldsValue(
      hoso
        ? { code: hoso.code, title: hoso.title, year: hoso.year, retention: hoso.retention?.code, rights: hoso.rights, description: hoso.description ?? '' }
        : { year: thisYear(), rights: 'cong-khai' },
    );
  }, [open, hoso, assigns, form, message]);

  async function save() {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setBusy(true);
    try {
      const common = { code: v.code, title: v.title, retention: v.retention, owner: v.owner, rights: v.rights, description: v.description };
      const saved = hoso ? await call('hoso.update', { id: hoso.id, ...common, expectedUpdatedAt: hoso.updatedAt }) : await call('hoso.add', { ...common, year: v.year });
      message.success(`Đã lưu hồ sơ số ${saved.code}.`);
      onSaved(saved);
    } catch (e) {
      showError(e, message.error, form, FIELDS);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal open={open} title={hoso ? `Sửa hồ sơ ${hoso.code}` : 'Lập hồ sơ'} okText="Lưu" cancelText="Đóng" onOk={save} okButtonProps={{ disabled: busy, 'data-testid': 'hoso-save' } as never} onCancel={onClose} destroyOnHidden width={640}>
      <Form form={form} layout="vertical" onValuesChange={clearErrorsOnChange(form)} data-testid="hoso-form">
        <Form.Item name="code" label="Số và ký hiệu hồ sơ" rules={[{ required: true, message: 'Nhập số và ký hiệu hồ sơ (ví dụ 01.TH).' }]} extra="Viết liền, tối đa 20 ký tự; không trùng trong danh mục của năm.">
          <Input maxLength={20} data-testid="hoso-code" />
        </Form.Item>
        <Form.Item name="title" label="Tiêu đề hồ sơ" rules={[{ required: true, message: 'Nhập tiêu đề hồ sơ.' }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} maxLength={500} data-testid="hoso-title" />
        </Form.Item>
        {!hoso && (
          <Form.Item name="year" label="Năm hình thành hồ sơ">
            <Select options={yearOptions()} style={{ width: 160 }} />
          </Form.Item>
        )}
        <Form.Item name="retention" label="Thời hạn bảo quản (Thông tư 10/2022/TT-BNV)" extra="Có thể chọn sau, nhưng phải chọn trước khi kết thúc hồ sơ.">
          <Select
            allowClear
            showSearch={{ filterOption: matches }}
            placeholder="Chọn nhóm hồ sơ, tài liệu"
            data-testid="hoso-retention"
            options={retention.map((r) => ({ value: r.code, label: `${r.code} — ${r.title} (${r.label})` }))}
          />
        </Form.Item>
        {assigns && (
          <Form.Item name="owner" label="Người lập hồ sơ" extra="Để trống: bạn (hoặc người lập hiện tại).">
            <Select allowClear showSearch={{ filterOption: matches }} options={users.filter((u) => u.active).map((u) => ({ value: u.username, label: `${u.fullName} (${u.username})` }))} />
          </Form.Item>
        )}
        <Form.Item name="rights" label="Chế độ sử dụng">
          <Select options={HOSO_RIGHTS.map((r) => ({ value: r, label: HOSO_RIGHTS_LABELS[r] }))} style={{ width: 220 }} />
        </Form.Item>
        <Form.Item name="description" label="Ghi chú">
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
