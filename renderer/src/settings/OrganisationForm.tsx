import { useEffect, useState } from 'react';
import { Alert, App, Button, Col, Form, Input, Radio, Row, Typography } from 'antd';
import { SaveOutlined } from '@ant-design/icons';
import type { MethodInput } from '../../../shared/api/contract';
import { DEFAULT_SIGNERS, type OrganisationSettings } from '../../../shared/settings/schemas';
import { ApiFailure, call } from '../api/client';
import { clearErrorsOnChange } from '../api/errors';
import { useCan } from '../auth/AuthGate';
import { useUnsavedGuard } from '../util/unsavedForm';
import { forgetOrganisation } from './useOrganisation';

type Values = MethodInput<'settings.saveOrganisation'>;

const PROFILES = [
  { value: 'state', label: 'Nhà nước (Nghị định 30/2020/NĐ-CP)' },
  { value: 'party', label: 'Đảng (Hướng dẫn 36-HD/VPTW)' },
];

/**
 * The organisation, once: the header every new draft, the weekly schedule, Giấy mời and the register books print,
 * the ký hiệu's abbreviation, the date line's place, the mã định danh for document exchange and the usual signers.
 */
export function OrganisationForm({ value, onSaved }: { value: OrganisationSettings; onSaved(o: OrganisationSettings): void }) {
  const { message } = App.useApp();
  const canSave = useCan('settings.saveOrganisation');
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [dirty, setDirty] = useState(false);
  const profile = Form.useWatch('profile', form) ?? value.profile;
  const guard = useUnsavedGuard({ dirty, key: 'settings.organisation', values: () => form.getFieldsValue(true), restore: (v) => (form.setFieldsValue(v as Values), setDirty(true)) });

  useEffect(() => {
    form.resetFields();
    form.setFieldsValue({ profile: value.profile, name: value.name, parentOrgan: value.parentOrgan, abbr: value.abbr, place: value.place, organId: value.organId, signers: value.signers });
    setDirty(false);
  }, [value, form]);

  async function save() {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    try {
      const saved = await call('settings.saveOrganisation', v);
      guard.clear();
      setDirty(false);
      message.success('Đã lưu thông tin cơ quan: văn bản mới, lịch tuần và sổ lấy tiêu đề từ đây.');
      forgetOrganisation();
      onSaved(saved);
    } catch (e) {
      const path = e instanceof ApiFailure ? e.error.field?.split('.') : undefined;
      if (path?.length && e instanceof ApiFailure) form.setFields([{ name: path as never, errors: [e.error.message] }]);
      else message.error(e instanceof ApiFailure ? e.error.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  const d = DEFAULT_SIGNERS[profile];
  return (
    <Form
      form={form}
      layout="vertical"
      data-testid="organ-form"
      disabled={!canSave}
      onValuesChange={(changed) => {
        setDirty(true);
        clearErrorsOnChange(form)(changed);
      }}
      style={{ maxWidth: 900 }}
    >
      {!value.configured && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="organ-unconfigured"
          message="Chưa lưu thông tin cơ quan"
          description="Văn bản mới đang để «…» ở tên cơ quan và địa danh. Nhập một lần ở đây: mọi dự thảo mới, lịch công tác tuần, giấy mời và sổ văn bản lấy tiêu đề từ đây."
        />
      )}
      <Form.Item name="profile" label="Thể thức văn bản" rules={[{ required: true, message: 'Chọn thể thức.' }]}>
        <Radio.Group options={PROFILES} optionType="button" data-testid="organ-profile" />
      </Form.Item>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="parentOrgan" label="Cơ quan chủ quản (dòng trên)" extra="Ví dụ: ỦY BAN NHÂN DÂN TỈNH BẮC NINH; để trống nếu không có.">
            <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} data-testid="organ-parent" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="name" label="Tên cơ quan ban hành" rules={[{ required: true, whitespace: true, message: 'Nhập tên cơ quan.' }]}>
            <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} data-testid="organ-name" />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={6}>
          <Form.Item name="abbr" label="Tên viết tắt (ký hiệu)" extra="Ví dụ: UBND, SNV, ĐU">
            <Input data-testid="organ-abbr" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="place" label="Địa danh (dòng ngày tháng)" extra="Ví dụ: Bắc Ninh">
            <Input data-testid="organ-place" />
          </Form.Item>
        </Col>
        <Col span={10}>
          <Form.Item name="organId" label="Mã định danh (liên thông văn bản)" extra="13 ký tự, dạng 000.00.00.H30 (Quyết định 20/2020/QĐ-TTg).">
            <Input data-testid="organ-id" placeholder="000.00.00.H00" />
          </Form.Item>
        </Col>
      </Row>
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        Chức vụ người ký mặc định
      </Typography.Title>
      <Row gutter={16}>
        <Col span={8}>
          <Form.Item name={['signers', 'head']} label="Người đứng đầu">
            <Input placeholder={d.head} data-testid="organ-head" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name={['signers', 'deputy']} label={`Cấp phó (ký ${profile === 'party' ? 'K/T' : 'KT.'})`}>
            <Input placeholder={d.deputy} data-testid="organ-deputy" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name={['signers', 'collective']} label={`Tập thể lãnh đạo (ký ${profile === 'party' ? 'T/M' : 'TM.'})`} extra="Để trống nếu thủ trưởng ký trực tiếp.">
            <Input placeholder={d.collective || 'Ủy ban nhân dân'} data-testid="organ-collective" />
          </Form.Item>
        </Col>
      </Row>
      <Button type="primary" icon={<SaveOutlined />} loading={busy} onClick={() => void save()} data-testid="organ-save" disabled={!canSave || busy}>
        Lưu thông tin cơ quan
      </Button>
    </Form>
  );
}
