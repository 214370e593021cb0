import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, DatePicker, Form, Input, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { CALENDAR_KIND_LABELS, type CalendarDay, type CalendarKind, type CalendarYear } from '../../../shared/calendar/schemas';
import { formatDateVN, todayInVietnam } from '../../../shared/domain/dates';
import { WEEKDAY_NAMES } from '../../../shared/meetings/time';
import { call } from '../api/client';
import { clearErrorsOnChange, showError } from '../api/errors';
import { useCan } from '../auth/AuthGate';

/**
 * Cài đặt › Ngày nghỉ lễ: the year's public holidays and nghỉ bù days, and the weekend days worked in exchange (làm
 * bù), as announced each year. Deadlines in working days and "ngày làm việc" meeting series count with them.
 */
export function HolidaysSection() {
  const { message } = App.useApp();
  const canEdit = useCan('calendar.set');
  const thisYear = Number(todayInVietnam(new Date()).slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const [data, setData] = useState<CalendarYear | null>(null);
  const [form] = Form.useForm<{ day: Dayjs; kind: CalendarKind; name: string }>();
  const [saving, setSaving] = useState(false);

  const load = useCallback(() => call('calendar.list', { year }).then(setData, (e) => showError(e, (t) => message.error(t))), [year, message]);
  useEffect(() => void load(), [load]);

  const add = async (v: { day: Dayjs; kind: CalendarKind; name: string }) => {
    setSaving(true);
    try {
      const d = await call('calendar.set', { day: v.day.format('YYYY-MM-DD'), kind: v.kind, name: v.name });
      message.success(`Đã ghi ${CALENDAR_KIND_LABELS[d.kind].toLowerCase()} ${formatDateVN(d.day)}.`);
      form.resetFields(['day', 'name']);
      if (Number(d.day.slice(0, 4)) !== year) setYear(Number(d.day.slice(0, 4)));
      else await load();
    } catch (e) {
      showError(e, (t) => message.error(t), form, ['day', 'kind', 'name']);
    } finally {
      setSaving(false);
    }
  };

  const remove = (day: string) =>
    call('calendar.remove', { day }).then(
      () => (message.success(`Đã bỏ ngày ${formatDateVN(day)}.`), void load()),
      (e) => showError(e, (t) => message.error(t)),
    );

  return (
    <div data-testid="holidays-settings" style={{ maxWidth: 860 }}>
      <Space style={{ marginBottom: 12 }}>
        <Select
          value={year}
          onChange={setYear}
          style={{ width: 120 }}
          options={[...new Set([thisYear - 1, thisYear, thisYear + 1, thisYear + 2, year])].sort((a, b) => a - b).map((y) => ({ value: y, label: `Năm ${y}` }))}
          data-testid="holidays-year"
        />
        {data && <Typography.Text type="secondary">{`${data.workingDays} ngày làm việc`}</Typography.Text>}
      </Space>
      {data && data.days.length === 0 && (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} data-testid="holidays-empty" message={`Chưa có lịch nghỉ lễ năm ${year}: chỉ tính thứ Bảy, Chủ nhật.`} />
      )}
      {data && data.days.length > 0 && (
        <Table<CalendarDay>
          rowKey="day"
          size="small"
          pagination={false}
          dataSource={data.days}
          style={{ marginBottom: 16 }}
          columns={[
            { title: 'Ngày', key: 'day', width: 120, render: (_, d) => formatDateVN(d.day) },
            { title: 'Thứ', key: 'weekday', width: 100, render: (_, d) => WEEKDAY_NAMES[d.weekday] },
            { title: 'Loại', key: 'kind', width: 130, render: (_, d) => <Tag color={d.kind === 'nghi' ? 'red' : 'blue'}>{CALENDAR_KIND_LABELS[d.kind]}</Tag> },
            { title: 'Tên', dataIndex: 'name' },
            ...(canEdit
              ? [
                  {
                    title: '',
                    key: 'remove',
                    width: 60,
                    render: (_: unknown, d: CalendarDay) => (
                      <Popconfirm title={`Bỏ ngày ${formatDateVN(d.day)} khỏi lịch?`} okText="Bỏ" cancelText="Không" onConfirm={() => remove(d.day)}>
                        <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={`Bỏ ngày ${formatDateVN(d.day)}`} />
                      </Popconfirm>
                    ),
                  },
                ]
              : []),
          ]}
        />
      )}
      {canEdit && (
        <Form form={form} layout="inline" onFinish={(v) => void add(v)} initialValues={{ kind: 'nghi' }} onValuesChange={clearErrorsOnChange(form)} data-testid="holidays-form">
          <Form.Item name="day" rules={[{ required: true, message: 'Chọn ngày.' }]}>
            <DatePicker format="DD/MM/YYYY" placeholder="Ngày" />
          </Form.Item>
          <Form.Item name="kind">
            <Select
              style={{ width: 150 }}
              options={(Object.keys(CALENDAR_KIND_LABELS) as CalendarKind[]).map((k) => ({ value: k, label: CALENDAR_KIND_LABELS[k] }))}
            />
          </Form.Item>
          <Form.Item name="name" rules={[{ required: true, message: 'Nhập tên ngày nghỉ.' }]}>
            <Input placeholder="Tên (ví dụ: Nghỉ bù Quốc khánh)" style={{ width: 280 }} maxLength={200} />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={saving}>
              Thêm
            </Button>
          </Form.Item>
        </Form>
      )}
    </div>
  );
}
