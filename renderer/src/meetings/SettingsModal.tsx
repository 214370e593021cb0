import { useEffect, useState } from 'react';
import { App, AutoComplete, Button, Col, Form, Input, Modal, Radio, Row, Typography } from 'antd';
import { call } from '../api/client';
import { clearErrorsOnChange } from '../api/errors';
import { showFieldError } from './fieldErrors';
import type { Settings } from './useScheduleData';

interface Values {
  profile: 'state' | 'party';
  parentOrgan?: string;
  organ: string;
  organAbbr?: string;
  place: string;
  whose?: string;
  signature: { authority?: string; onBehalfOf?: string; title: string; name: string };
  recipients?: string;
}

const lines = (s: string | undefined) =>
  (s ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

/** "Cài đặt lịch": the letterhead, whose schedule it is, the signature and the nơi nhận of "Lịch công tác tuần". */
export function SettingsModal({ open, settings, onClose, onSaved }: { open: boolean; settings: Settings | null; onClose(): void; onSaved(s: Settings): void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (open && settings) {
      form.resetFields();
      const blank = (s: string | undefined) => (settings.configured ? s : s && !s.includes('…') ? s : undefined);
      form.setFieldsValue({
        profile: settings.profile,
        parentOrgan: blank(settings.parentOrgan),
        organ: blank(settings.organ),
        organAbbr: blank(settings.organAbbr),
        place: blank(settings.place),
        whose: blank(settings.whose),
        signature: { authority: settings.signature.authority, onBehalfOf: settings.signature.onBehalfOf, title: blank(settings.signature.title), name: blank(settings.signature.name) },
        recipients: settings.recipients.join('\n'),
      } as Values);
    }
  }, [open, settings, form]);

  async function submit() {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setBusy(true);
    try {
      const s = await call('meetings.saveSettings', { ...v, recipients: lines(v.recipients) });
      message.success('Đã lưu cài đặt lịch công tác.');
      onSaved(s);
    } catch (e) {
      showFieldError(e, message.error, form, (f) => {
        const path = f.split('.');
        if (path[0] === 'signature' && path[1]) return ['signature', path[1]];
        if (path[0] === 'recipients') return 'recipients';
        return ['profile', 'parentOrgan', 'organ', 'organAbbr', 'place', 'whose'].includes(path[0]) ? path[0] : undefined;
      });
    } finally {
      setBusy(false);
    }
  }

  const required = (message: string) => [{ required: true, whitespace: true, message }];
  return (
    <Modal
      open={open}
      title="Cài đặt lịch công tác tuần"
      width={760}
      okText="Lưu"
      cancelText="Hủy bỏ"
      onOk={() => void submit()}
      onCancel={onClose}
      okButtonProps={{ loading: busy, 'data-testid': 'settings-save' } as React.ComponentProps<typeof Button>}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">In ở đầu và cuối «Lịch công tác tuần» (bản PDF, Word) và dùng khi tạo Giấy mời từ cuộc họp.</Typography.Paragraph>
      <Form form={form} layout="vertical" onValuesChange={clearErrorsOnChange(form)} data-testid="settings-form">
        <Form.Item name="profile" label="Khối">
          <Radio.Group options={[{ value: 'state', label: 'Cơ quan nhà nước' }, { value: 'party', label: 'Cơ quan của Đảng' }]} />
        </Form.Item>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="parentOrgan" label="Cơ quan chủ quản">
              <Input placeholder="Ủy ban nhân dân tỉnh Bắc Ninh" data-testid="s-parentOrgan" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="organ" label="Cơ quan" rules={required('Nhập tên cơ quan.')}>
              <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} placeholder="Văn phòng" data-testid="s-organ" />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col span={6}>
            <Form.Item name="organAbbr" label="Viết tắt">
              <Input placeholder="VP" data-testid="s-organAbbr" />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="place" label="Địa danh" rules={required('Nhập địa danh.')}>
              <Input placeholder="Bắc Ninh" data-testid="s-place" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="whose" label="Lịch của">
              <Input placeholder="của Lãnh đạo Ủy ban nhân dân tỉnh" data-testid="s-whose" />
            </Form.Item>
          </Col>
        </Row>
        <Typography.Text strong>Người ký</Typography.Text>
        <Row gutter={12} style={{ marginTop: 8 }}>
          <Col span={5}>
            <Form.Item name={['signature', 'authority']} label="Quyền hạn">
              <AutoComplete options={['TM.', 'KT.', 'TL.', 'TUQ.', 'Q.'].map((value) => ({ value }))} placeholder="TL." data-testid="s-authority" />
            </Form.Item>
          </Col>
          <Col span={7}>
            <Form.Item name={['signature', 'onBehalfOf']} label="Thay mặt">
              <Input placeholder="CHỦ TỊCH" data-testid="s-onBehalfOf" />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name={['signature', 'title']} label="Chức vụ" rules={required('Nhập chức vụ người ký.')}>
              <Input placeholder="Chánh Văn phòng" data-testid="s-title" />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name={['signature', 'name']} label="Họ tên" rules={required('Nhập họ tên người ký.')}>
              <Input data-testid="s-name" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="recipients" label="Nơi nhận (mỗi dòng một nơi)">
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} placeholder={'Thường trực Tỉnh ủy;\nLãnh đạo UBND tỉnh;\nLưu: VT.'} data-testid="s-recipients" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
