import { useCallback, useEffect, useState } from 'react';
import { useCan } from '../auth/AuthGate';
import { App, Button, Card, Col, Form, Input, InputNumber, Row, Select, Table, Typography, Upload } from 'antd';
import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import type { Organization } from '../../../shared/directory/schemas';
import type { Person, StampInfo } from '../../../shared/signing/schemas';
import { call } from '../api/client';
import { clearErrorsOnChange, showError } from '../api/errors';
import { StampImage } from './StampImage';

/** A stamp kept for a directory person or organisation. */
function StampPreview({ owner, version }: { owner: { personId?: number; organizationId?: number }; version: string }) {
  const { personId, organizationId } = owner;
  const load = () => call('stamps.image', personId !== undefined ? { personId } : { organizationId });
  return <StampImage source={`${personId}:${organizationId}`} version={version} load={load} alt="Ảnh mẫu" testId="stamp-preview" height={56} maxWidth={160} />;
}

const pngOf = async (file: File) => new Uint8Array(await file.arrayBuffer());

/** Mẫu chữ ký, con dấu: one signature image per signer, one seal image per organisation, kept in the database. */
export function StampsTab() {
  const canManage = useCan('stamps.set');
  const canAddPerson = useCan('people.create');
  const { message } = App.useApp();
  const [people, setPeople] = useState<Person[]>([]);
  const [orgs, setOrgs] = useState<Organization[]>([]);
  const [stamps, setStamps] = useState<StampInfo[]>([]);
  const [personForm] = Form.useForm<{ fullName: string; position?: string }>();
  const [sealForm] = Form.useForm<{ organizationId?: number; widthMm?: number }>();

  const load = useCallback(() => {
    Promise.all([call('people.list', {}), call('organizations.list', { limit: 500 }), call('stamps.list', {})]).then(([p, o, s]) => {
      setPeople(p);
      setOrgs(o);
      setStamps(s);
    }, (e) => showError(e, (t) => message.error(t)));
  }, [message]);
  useEffect(load, [load]);

  const version = (s?: StampInfo) => s?.updatedAt ?? '';
  const stampOfPerson = (id: number) => stamps.find((s) => s.personId === id);

  async function addPerson() {
    const v = await personForm.validateFields().catch(() => null);
    if (!v) return;
    try {
      const p = await call('people.create', v);
      message.success(`Đã thêm ${p.fullName}`);
      personForm.resetFields();
      load();
    } catch (e) {
      showError(e, (t) => message.error(t), personForm, ['fullName', 'position']);
    }
  }

  async function setSignature(personId: number, file: File) {
    try {
      await call('stamps.set', { personId, png: await pngOf(file) });
      message.success('Đã lưu ảnh chữ ký.');
      load();
    } catch (e) {
      showError(e, (t) => message.error(t));
    }
    return false;
  }

  async function setSeal(file: File) {
    const v = await sealForm.validateFields().catch(() => null);
    if (!v?.organizationId) return false;
    try {
      await call('stamps.set', { organizationId: v.organizationId, png: await pngOf(file), widthMm: v.widthMm ?? undefined });
      message.success('Đã lưu ảnh con dấu.');
      load();
    } catch (e) {
      showError(e, (t) => message.error(t), sealForm, ['widthMm', 'organizationId']);
    }
    return false;
  }

  return (
    <Row gutter={16}>
      <Col span={13}>
        <Card title="Chữ ký của người có thẩm quyền" size="small" extra={<Typography.Text type="secondary">PNG màu xanh, nền trong suốt</Typography.Text>}>
          {canAddPerson && (
            <Form form={personForm} layout="inline" onValuesChange={clearErrorsOnChange(personForm)} style={{ marginBottom: 12 }}>
              <Form.Item name="fullName" rules={[{ required: true, whitespace: true, message: 'Nhập họ và tên.' }]}>
                <Input placeholder="Họ và tên" data-testid="person-name" />
              </Form.Item>
              <Form.Item name="position">
                <Input placeholder="Chức vụ (Chủ tịch, Giám đốc…)" data-testid="person-position" />
              </Form.Item>
              <Button icon={<PlusOutlined />} onClick={addPerson} data-testid="person-add">
                Thêm người ký
              </Button>
            </Form>
          )}
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={people}
            locale={{ emptyText: 'Chưa có người ký' }}
            columns={[
              { title: 'Họ và tên', dataIndex: 'fullName' },
              { title: 'Chức vụ', dataIndex: 'position' },
              { title: 'Ảnh chữ ký', width: 180, render: (_: unknown, p: Person) => <StampPreview owner={{ personId: p.id }} version={version(stampOfPerson(p.id))} /> },
              ...(canManage
                ? [
                    {
                      title: '',
                      width: 130,
                      render: (_: unknown, p: Person) => (
                        <Upload beforeUpload={(f) => setSignature(p.id, f)} accept=".png" showUploadList={false}>
                          <Button size="small" icon={<UploadOutlined />} data-testid={`signature-upload-${p.id}`}>
                            {p.hasSignature ? 'Thay ảnh' : 'Tải ảnh lên'}
                          </Button>
                        </Upload>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        </Card>
      </Col>
      <Col span={11}>
        <Card title="Con dấu của cơ quan" size="small" extra={<Typography.Text type="secondary">PNG màu đỏ, nền trong suốt</Typography.Text>}>
          {canManage && (
            <Form form={sealForm} layout="vertical" onValuesChange={clearErrorsOnChange(sealForm)}>
              <Form.Item name="organizationId" label="Cơ quan" rules={[{ required: true, message: 'Chọn cơ quan.' }]}>
                <Select showSearch optionFilterProp="label" data-testid="seal-org" placeholder="Chọn cơ quan trong danh bạ" options={orgs.map((o) => ({ value: o.id, label: o.name, title: o.name }))} />
              </Form.Item>
              <Form.Item name="widthMm" label="Đường kính thật của con dấu (mm)" extra="Để trống: lấy theo độ phân giải ghi trong ảnh, nếu không có thì 36 mm.">
                <InputNumber min={5} max={120} step={0.5} style={{ width: 160 }} data-testid="seal-width" />
              </Form.Item>
              <Upload beforeUpload={(f) => setSeal(f)} accept=".png" showUploadList={false}>
                <Button icon={<UploadOutlined />} data-testid="seal-upload">
                  Tải ảnh con dấu
                </Button>
              </Upload>
            </Form>
          )}
          <Table
            rowKey={(s) => `${s.organizationId}`}
            size="small"
            pagination={false}
            style={{ marginTop: 12 }}
            dataSource={stamps.filter((s) => s.kind === 'seal')}
            locale={{ emptyText: 'Chưa có con dấu' }}
            columns={[
              { title: 'Cơ quan', dataIndex: 'ownerName' },
              { title: 'Cỡ thật', width: 90, render: (_: unknown, s: StampInfo) => `${s.widthMm.toLocaleString('vi-VN')} mm` },
              { title: 'Ảnh', width: 100, render: (_: unknown, s: StampInfo) => <StampPreview owner={{ organizationId: s.organizationId! }} version={s.updatedAt} /> },
            ]}
          />
        </Card>
      </Col>
    </Row>
  );
}
