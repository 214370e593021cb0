import { useCallback, useEffect, useState } from 'react';
import { App, Button, DatePicker, Form, Input, List, Modal, Popconfirm, Select, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import type { UserInfo } from '../../../shared/auth/schemas';
import { hasRole } from '../../../shared/auth/roles';
import { DELEGATION_STATE_LABELS, type Delegation } from '../../../shared/delegation/schemas';
import { formatDateVN } from '../../../shared/domain/dates';
import { call } from '../api/client';
import { clearErrorsOnChange, showError } from '../api/errors';
import { useAuth, useCan } from './AuthGate';

/**
 * Ủy quyền xử lý (account menu): a leader away names a deputy for a period; the deputy then holds the leader's
 * "Chờ tôi xử lý" and acts for them, each action saying "(ủy quyền của …)". The quản trị records one on a leader's
 * behalf. Below: the delegations given and received, revocable while in force or to come.
 */
interface Values {
  delegator?: number;
  to: number;
  period: [Dayjs, Dayjs];
  note?: string;
}

const STATE_COLORS = { 'dang-hieu-luc': 'green', 'sap-toi': 'blue', 'het-han': 'default', 'da-thu-hoi': 'default' } as const;

export function DelegationModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { message } = App.useApp();
  const { me } = useAuth();
  const canCreate = useCan('delegations.create');
  const isAdmin = hasRole(me, 'quantri');
  const [form] = Form.useForm<Values>();
  const [users, setUsers] = useState<UserInfo[]>([]);
  const [rows, setRows] = useState<Delegation[]>([]);
  const [saving, setSaving] = useState(false);

  const load = useCallback(() => {
    call('delegations.list', { all: isAdmin }).then(setRows, (e) => showError(e, (t) => message.error(t)));
  }, [isAdmin, message]);
  useEffect(() => {
    if (!open) return;
    load();
    if (canCreate) call('users.list', {}).then((u) => setUsers(u.filter((x) => x.active)), () => undefined);
  }, [open, load, canCreate]);

  const submit = async (v: Values) => {
    setSaving(true);
    try {
      await call('delegations.create', {
        to: v.to,
        ...(v.delegator !== undefined ? { delegator: v.delegator } : {}),
        from: v.period[0].format('YYYY-MM-DD'),
        until: v.period[1].format('YYYY-MM-DD'),
        ...(v.note ? { note: v.note } : {}),
      });
      message.success('Đã ủy quyền xử lý.');
      form.resetFields();
      load();
    } catch (e) {
      showError(e, (t) => message.error(t), form, ['to', 'delegator', 'note']);
    } finally {
      setSaving(false);
    }
  };

  const revoke = (d: Delegation) =>
    call('delegations.revoke', { id: d.id }).then(
      () => (message.success('Đã thu hồi ủy quyền.'), load()),
      (e) => showError(e, (t) => message.error(t)),
    );

  const leaders = users.filter((u) => hasRole(u, 'lanhdao'));
  const mayRevoke = (d: Delegation) => (d.state === 'dang-hieu-luc' || d.state === 'sap-toi') && (isAdmin || d.from.id === me.id);

  return (
    <Modal open={open} onCancel={onClose} footer={null} title="Ủy quyền xử lý" width={640} destroyOnHidden data-testid="delegation-modal">
      {canCreate && (
        <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} onValuesChange={clearErrorsOnChange(form)} initialValues={{ delegator: hasRole(me, 'lanhdao') ? undefined : leaders[0]?.id }}>
          {isAdmin && (
            <Form.Item name="delegator" label="Lãnh đạo ủy quyền" rules={hasRole(me, 'lanhdao') ? [] : [{ required: true, message: 'Chọn lãnh đạo ủy quyền.' }]}>
              <Select allowClear placeholder={hasRole(me, 'lanhdao') ? 'Chính tôi' : 'Chọn lãnh đạo'} options={leaders.map((u) => ({ value: u.id, label: `${u.fullName} (${u.username})` }))} />
            </Form.Item>
          )}
          <Form.Item name="to" label="Người được ủy quyền" rules={[{ required: true, message: 'Chọn người được ủy quyền.' }]}>
            <Select
              showSearch
              optionFilterProp="label"
              placeholder="Chọn người"
              options={users.filter((u) => u.id !== me.id).map((u) => ({ value: u.id, label: `${u.fullName} (${u.username})${u.title ? ` — ${u.title}` : ''}` }))}
              data-testid="delegation-to"
            />
          </Form.Item>
          <Form.Item name="period" label="Thời gian" rules={[{ required: true, message: 'Chọn từ ngày, đến ngày.' }]}>
            <DatePicker.RangePicker format="DD/MM/YYYY" placeholder={['Từ ngày', 'Đến ngày']} />
          </Form.Item>
          <Form.Item name="note" label="Ghi chú">
            <Input placeholder="Ví dụ: đi công tác Hà Nội" maxLength={500} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={saving}>
            Ủy quyền
          </Button>
        </Form>
      )}
      <Typography.Title level={5} style={{ marginTop: 20 }}>
        Các ủy quyền
      </Typography.Title>
      <List
        size="small"
        locale={{ emptyText: 'Chưa có ủy quyền xử lý nào.' }}
        dataSource={rows}
        renderItem={(d) => (
          <List.Item
            data-testid="delegation-row"
            actions={
              mayRevoke(d)
                ? [
                    <Popconfirm key="revoke" title="Thu hồi ủy quyền này?" okText="Thu hồi" cancelText="Không" onConfirm={() => revoke(d)}>
                      <Button size="small" danger>
                        Thu hồi
                      </Button>
                    </Popconfirm>,
                  ]
                : []
            }
          >
            <List.Item.Meta
              title={
                <span>
                  {d.from.fullName} → {d.to.fullName} <Tag color={STATE_COLORS[d.state]}>{DELEGATION_STATE_LABELS[d.state]}</Tag>
                </span>
              }
              description={`${formatDateVN(d.fromDay)} – ${formatDateVN(d.toDay)}${d.note ? ` · ${d.note}` : ''}`}
            />
          </List.Item>
        )}
      />
    </Modal>
  );
}
