import { useEffect, useRef, useState } from 'react';
import { Alert, App, Button, Checkbox, Col, DatePicker, Form, Input, InputNumber, Modal, Radio, Row, Select, TimePicker, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { UserInfo } from '../../../shared/auth/schemas';
import { BOOKING_STATUSES, MEETING_STATUSES, MEETING_STATUS_LABELS, RECURRENCE_LABELS, type Clash, type Meeting, type MeetingStatus, type Room, type SaveMeetingResult } from '../../../shared/meetings/schemas';
import { addDays, vnParts, type DayPart } from '../../../shared/meetings/time';
import { foldVietnamese } from '../../../shared/text/fold';
import { ApiFailure, call } from '../api/client';
import { clearErrorsOnChange } from '../api/errors';
import { showFieldError } from './fieldErrors';
import { LinkSelect, fromLinks, toLinkInputs, type LinkValue } from './LinkSelect';
import { ParticipantSelect, fromParticipants, toParticipantInputs, type ParticipantValue } from './ParticipantSelect';
import { clashLine } from '../../../shared/meetings/clashes';
import { useStaleEdit } from '../util/StaleEdit';
import { useUnsavedGuard } from '../util/unsavedForm';

type Repeat = 'none' | 'daily' | 'weekly' | 'monthly';

interface Values {
  title: string;
  content?: string;
  date: Dayjs;
  /** Only for a meeting that already spans several days. */
  endDate?: Dayjs;
  allDay: boolean;
  startTime?: Dayjs;
  endTime?: Dayjs;
  roomId?: number;
  location?: string;
  chairId?: number;
  participants?: ParticipantValue[];
  prepareUnit?: string;
  links?: LinkValue[];
  status: MeetingStatus;
  repeat: Repeat;
  until?: Dayjs;
  reminderMinutes?: number | null;
  scope: 'one' | 'following';
  allowConflict?: boolean;
  conflictReason?: string;
}

/** What a new meeting starts from: a day, and the buổi when it was added from a cell of the week. */
export interface NewMeeting {
  date: string;
  part?: DayPart;
}

const PART_TIMES: Record<DayPart, [string, string]> = { sang: ['08:00', '10:00'], chieu: ['14:00', '16:00'], toi: ['19:00', '21:00'] };

/**
 * The pickers hold Vietnam wall time as plain calendar values: a date is parsed and formatted as "YYYY-MM-DD", a
 * time as "HH:mm", never converted through the computer's own zone.
 */
const wallDate = (isoDate: string) => dayjs(isoDate);
const wallTime = (hhmm: string) => dayjs(`2000-01-01T${hhmm}`);
const fold = (s: string) => foldVietnamese(s);

/** The form's input as a draft kept through a reload (JSON: dates and times as text). */
type Draft = Omit<Values, 'date' | 'endDate' | 'startTime' | 'endTime' | 'until' | 'participants' | 'links'> & {
  date?: string;
  endDate?: string;
  startTime?: string;
  endTime?: string;
  until?: string;
  participants?: { value: string; label: string }[];
  links?: { value: string; label: string }[];
  multiDay?: boolean;
};

const labelled = (vs: { value: string; label?: React.ReactNode }[] | undefined) => vs?.map((v) => ({ value: v.value, label: String(v.label ?? v.value) }));

function toDraft(v: Partial<Values>, multiDay: boolean): Draft {
  const { date, endDate, startTime, endTime, until, participants, links, ...rest } = v;
  return {
    ...(rest as Draft),
    date: date?.format('YYYY-MM-DD'),
    endDate: endDate?.format('YYYY-MM-DD'),
    startTime: startTime?.format('HH:mm'),
    endTime: endTime?.format('HH:mm'),
    until: until?.format('YYYY-MM-DD'),
    participants: labelled(participants),
    links: labelled(links),
    multiDay,
  };
}

function fromDraft(d: Draft): Partial<Values> {
  const { date, endDate, startTime, endTime, until, multiDay: _multiDay, ...rest } = d;
  return {
    ...rest,
    date: date ? wallDate(date) : undefined,
    endDate: endDate ? wallDate(endDate) : undefined,
    startTime: startTime ? wallTime(startTime) : undefined,
    endTime: endTime ? wallTime(endTime) : undefined,
    until: until ? wallDate(until) : undefined,
  };
}

/** Where each API field's error shows. */
function fieldFor(field: string, v: { allDay: boolean; multiDay: boolean }): string | undefined {
  const top = field.split('.')[0];
  if (field === 'start') return v.allDay ? 'date' : 'startTime';
  if (field === 'end') return v.allDay ? (v.multiDay ? 'endDate' : 'date') : 'endTime';
  if (field === 'recurrence.until') return 'until';
  if (top === 'recurrence') return 'repeat';
  return ['title', 'content', 'roomId', 'location', 'chairId', 'participants', 'prepareUnit', 'links', 'status', 'reminderMinutes', 'conflictReason'].includes(top) ? top : undefined;
}

/** The form's input as plain text, kept for the user to merge when another desk saved the meeting first. */
function meetingAsText(v: Values, users: UserInfo[], rooms: Room[]): string {
  const time = v.allDay ? 'cả ngày' : [v.startTime?.format('HH:mm'), v.endTime?.format('HH:mm')].filter(Boolean).join('–');
  const date = [v.date?.format('DD/MM/YYYY'), v.endDate?.format('DD/MM/YYYY')].filter(Boolean).join(' – ');
  const lines: [string, string | undefined][] = [
    ['Tên cuộc họp', v.title],
    ['Thời gian', [time, date].filter(Boolean).join(', ')],
    ['Phòng họp', rooms.find((r) => r.id === v.roomId)?.name],
    ['Địa điểm', v.location],
    ['Chủ trì', users.find((u) => u.id === v.chairId)?.fullName],
    ['Thành phần', (v.participants ?? []).map((p) => String(p.label ?? p.value.slice(2))).join('; ')],
    ['Đơn vị chuẩn bị', v.prepareUnit],
    ['Trạng thái', v.status && MEETING_STATUS_LABELS[v.status]],
    ['Nội dung', v.content],
  ];
  return lines.filter(([, value]) => value).map(([label, value]) => `${label}: ${value}`).join('\n');
}

/** "Thêm cuộc họp" / "Sửa cuộc họp": saving asks the server, which refuses a double booking unless a reason is given. */
export function MeetingForm(props: { open: boolean; meeting: Meeting | null; initial: NewMeeting; users: UserInfo[]; rooms: Room[]; onClose(): void; onSaved(r: SaveMeetingResult): void }) {
  const { open, meeting, initial, users, rooms, onClose, onSaved } = props;
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [clashes, setClashes] = useState<Clash[] | null>(null);
  const [multiDay, setMultiDay] = useState(false);
  const clashRef = useRef<HTMLDivElement>(null);
  const allDay = Form.useWatch('allDay', form);
  const roomId = Form.useWatch('roomId', form);
  const location = Form.useWatch('location', form);
  const repeat = Form.useWatch('repeat', form);
  const allowConflict = Form.useWatch('allowConflict', form);
  // Input not saved yet: closing (× or Hủy bỏ), leaving the schedule or the window asks first, and a draft is kept
  // through a reload (a new meeting's form opens again with it; a change, when that meeting's form is opened).
  const [dirty, setDirty] = useState(false);
  const guard = useUnsavedGuard<Draft>({
    key: meeting ? `meeting.${meeting.id}` : 'meeting.new',
    open,
    dirty,
    values: () => toDraft(form.getFieldsValue(true) as Partial<Values>, multiDay),
    restore: (d) => {
      setMultiDay(!!d.multiDay);
      form.setFieldsValue(fromDraft(d));
      setDirty(true);
    },
    onClose,
  });

  /** The form's fields from a stored meeting (on opening it, and when the user opens a newer version). */
  function fill(m: Meeting) {
    const startDate = m.start.slice(0, 10);
    const lastDate = vnParts(m.endMs - (m.allDay ? 1 : 0)).date;
    setMultiDay(lastDate !== startDate);
    form.setFieldsValue({
      title: m.title,
      content: m.content || undefined,
      date: wallDate(startDate),
      endDate: lastDate !== startDate ? wallDate(lastDate) : undefined,
      allDay: m.allDay,
      startTime: m.allDay ? undefined : wallTime(m.start.slice(11, 16)),
      endTime: m.allDay ? undefined : wallTime(m.end.slice(11, 16)),
      roomId: m.room?.id,
      location: m.location || undefined,
      chairId: m.chair?.userId ?? undefined,
      participants: fromParticipants(m.participants),
      prepareUnit: m.prepareUnit || undefined,
      links: fromLinks(m.links),
      status: m.status,
      repeat: 'none',
      reminderMinutes: m.reminderMinutes,
      scope: 'one',
    });
  }

  // When the meeting was read: sent with the save, so that a save over another desk's newer one is refused; the
  // user's input then stays, and the newer version is loaded only when asked.
  const [base, setBase] = useState<string | undefined>(undefined);
  const conflict = useStaleEdit({
    mine: () => meetingAsText(form.getFieldsValue(true) as Values, users, rooms),
    async openLatest() {
      const m = await call('meetings.get', { id: meeting!.id });
      form.setFields((['title', 'date', 'endDate', 'startTime', 'endTime', 'roomId', 'location', 'chairId', 'participants', 'content'] as const).map((name) => ({ name, errors: [] })));
      setClashes(null);
      fill(m);
      setBase(m.updatedAt);
    },
  });

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    setDirty(false);
    setClashes(null);
    setBase(meeting?.updatedAt);
    conflict.clear();
    if (meeting) {
      fill(meeting);
    } else {
      setMultiDay(false);
      const times = initial.part ? PART_TIMES[initial.part] : undefined;
      form.setFieldsValue({
        date: wallDate(initial.date),
        allDay: false,
        startTime: times ? wallTime(times[0]) : undefined,
        endTime: times ? wallTime(times[1]) : undefined,
        status: 'du-kien',
        repeat: 'none',
        reminderMinutes: 15,
        scope: 'one',
      });
    }
  }, [open, meeting, initial, form]);

  async function save() {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    const date = v.date.format('YYYY-MM-DD');
    const endDate = multiDay && v.endDate ? v.endDate.format('YYYY-MM-DD') : date;
    const start = v.allDay ? `${date}T00:00` : `${date}T${v.startTime!.format('HH:mm')}`;
    const end = v.allDay ? `${addDays(endDate, 1)}T00:00` : `${endDate}T${v.endTime!.format('HH:mm')}`;
    const reason = v.allowConflict ? v.conflictReason?.trim() : undefined;
    setBusy(true);
    try {
      // Every field is sent, cleared ones as null or '' (on a change, a field left out would keep its old value).
      const r = await call('meetings.save', {
        id: meeting?.id,
        expectedUpdatedAt: meeting ? base : undefined,
        scope: meeting?.recurrenceId != null ? v.scope : 'one',
        title: v.title,
        content: v.content ?? '',
        start,
        end,
        allDay: !!v.allDay,
        roomId: v.roomId ?? null,
        location: v.roomId ? '' : v.location ?? '',
        chairId: v.chairId ?? null,
        participants: toParticipantInputs(v.participants),
        prepareUnit: v.prepareUnit ?? '',
        links: toLinkInputs(v.links),
        status: v.status,
        recurrence: !meeting && v.repeat !== 'none' && v.until ? { freq: v.repeat, interval: 1, until: v.until.format('YYYY-MM-DD') } : undefined,
        reminderMinutes: v.reminderMinutes ?? null,
        allowConflict: !!v.allowConflict,
        conflictReason: reason,
      });
      const what = meeting ? 'Đã lưu cuộc họp' : r.created > 1 ? `Đã thêm ${r.created} buổi họp` : 'Đã thêm cuộc họp';
      message.success(`${what}${r.clashes.length ? ' (vẫn xếp dù trùng lịch)' : ''}.`);
      guard.clear();
      setDirty(false);
      onSaved(r);
    } catch (e) {
      if (conflict.refused(e)) message.error((e as ApiFailure).error.message);
      else if (e instanceof ApiFailure && e.error.code === 'CONFLICT') {
        setClashes((e.error.details as { clashes?: Clash[] } | undefined)?.clashes ?? []);
        setTimeout(() => clashRef.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' }), 50);
      } else {
        showFieldError(e, message.error, form, (f) => fieldFor(f, { allDay: !!v.allDay, multiDay }));
      }
    } finally {
      setBusy(false);
    }
  }

  const userOptions = users.map((u) => ({ value: u.id, label: u.fullName, detail: [u.title, u.unit].filter(Boolean).join(', ') }));
  const roomOptions = rooms.filter((r) => r.active || r.id === meeting?.room?.id).map((r) => ({ value: r.id, label: r.name, detail: r.capacity ? `${r.capacity} chỗ` : r.location }));
  const detailRender = (o: { label?: React.ReactNode; data: unknown }) => (
    <span>
      {o.label}
      {(o.data as { detail?: string }).detail && <Typography.Text type="secondary"> — {(o.data as { detail?: string }).detail}</Typography.Text>}
    </span>
  );
  const series = meeting?.recurrenceId != null;
  // Hoãn and hủy are set from the meeting's card with a reason; the form only keeps them.
  const statusOptions = MEETING_STATUSES.filter((st) => BOOKING_STATUSES.includes(st) || st === meeting?.status).map((st) => ({ value: st, label: MEETING_STATUS_LABELS[st] }));

  return (
    <Modal
      open={open}
      title={meeting ? 'Sửa cuộc họp' : 'Thêm cuộc họp'}
      width={860}
      okText={allowConflict ? 'Vẫn xếp lịch' : 'Lưu'}
      cancelText="Hủy bỏ"
      onOk={() => void save()}
      onCancel={() => guard.requestClose()}
      okButtonProps={{ loading: busy, danger: !!allowConflict, 'data-testid': 'meeting-save' } as React.ComponentProps<typeof Button>}
      mask={{ closable: false }}
      keyboard={false}
      destroyOnHidden
      // The buttons stay on screen whatever the window's height (900 px and less): the form scrolls between them.
      style={{ top: 24 }}
      styles={{ body: { maxHeight: 'calc(100vh - 180px)', overflowY: 'auto', overflowX: 'hidden', paddingRight: 8, marginRight: -8 } }}
    >
      {conflict.alert}
      <Form
        form={form}
        layout="vertical"
        requiredMark
        data-testid="meeting-form"
        onValuesChange={(changed: Partial<Values>) => {
          setDirty(true);
          clearErrorsOnChange(form)(changed);
          // Moving the meeting clears the server's errors on the linked time fields too.
          if ('date' in changed || 'startTime' in changed || 'endTime' in changed || 'allDay' in changed) form.setFields((['date', 'startTime', 'endTime', 'endDate'] as const).map((name) => ({ name, errors: [] })));
        }}
      >
        <Form.Item name="title" label="Tên cuộc họp" rules={[{ required: true, whitespace: true, message: 'Nhập tên cuộc họp.' }]}>
          <Input maxLength={500} placeholder="Giao ban lãnh đạo tuần" data-testid="m-title" />
        </Form.Item>
        <Row gutter={12}>
          <Col span={multiDay ? 6 : 8}>
            <Form.Item name="date" label={multiDay ? 'Từ ngày' : 'Ngày'} rules={[{ required: true, message: 'Chọn ngày họp.' }]}>
              <DatePicker format="DD/MM/YYYY" placeholder="dd/mm/yyyy" style={{ width: '100%' }} data-testid="m-date" />
            </Form.Item>
          </Col>
          {multiDay && (
            <Col span={6}>
              <Form.Item name="endDate" label="Đến ngày" rules={[{ required: true, message: 'Chọn ngày kết thúc.' }]}>
                <DatePicker format="DD/MM/YYYY" placeholder="dd/mm/yyyy" style={{ width: '100%' }} data-testid="m-endDate" />
              </Form.Item>
            </Col>
          )}
          <Col span={multiDay ? 4 : 5}>
            <Form.Item name="startTime" label="Từ giờ" rules={[{ required: !allDay, message: 'Chọn giờ bắt đầu.' }]}>
              <TimePicker format="HH:mm" minuteStep={5} needConfirm={false} disabled={!!allDay} placeholder="HH:mm" style={{ width: '100%' }} data-testid="m-startTime" />
            </Form.Item>
          </Col>
          <Col span={multiDay ? 4 : 5}>
            <Form.Item name="endTime" label="Đến giờ" rules={[{ required: !allDay, message: 'Chọn giờ kết thúc.' }]}>
              <TimePicker format="HH:mm" minuteStep={5} needConfirm={false} disabled={!!allDay} placeholder="HH:mm" style={{ width: '100%' }} data-testid="m-endTime" />
            </Form.Item>
          </Col>
          <Col span={multiDay ? 4 : 6}>
            <Form.Item name="allDay" valuePropName="checked" label=" ">
              <Checkbox data-testid="m-allDay">Cả ngày</Checkbox>
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="roomId" label="Phòng họp" extra={location ? 'Đã ghi địa điểm khác.' : undefined}>
              <Select allowClear disabled={!!location} placeholder="Chọn phòng họp" options={roomOptions} optionRender={detailRender} data-testid="m-room" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="location" label="Hoặc địa điểm khác">
              <Input disabled={roomId !== undefined && roomId !== null} maxLength={300} placeholder="Hội trường tầng 3, trực tuyến…" data-testid="m-location" />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="chairId" label="Chủ trì">
              <Select
                allowClear
                showSearch={{ filterOption: (input, o) => fold(`${o?.label ?? ''} ${(o as { detail?: string })?.detail ?? ''}`).includes(fold(input)) }}
                placeholder="Chọn người chủ trì"
                options={userOptions}
                optionRender={detailRender}
                data-testid="m-chair"
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="prepareUnit" label="Đơn vị chuẩn bị">
              <Input maxLength={300} placeholder="Văn phòng, Phòng Tổng hợp…" data-testid="m-prepareUnit" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="participants" label="Thành phần">
          <ParticipantSelect users={users} data-testid="m-participants" />
        </Form.Item>
        <Form.Item name="content" label="Nội dung">
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={5000} data-testid="m-content" />
        </Form.Item>
        <Form.Item name="links" label="Văn bản liên quan">
          <LinkSelect data-testid="m-links" />
        </Form.Item>
        <Row gutter={12}>
          <Col span={6}>
            <Form.Item name="status" label="Trạng thái">
              <Select options={statusOptions} data-testid="m-status" />
            </Form.Item>
          </Col>
          {!meeting && (
            <Col span={6}>
              <Form.Item name="repeat" label="Lặp lại">
                <Select options={[{ value: 'none', label: 'Không' }, ...(['daily', 'workday', 'weekly', 'monthly'] as const).map((f) => ({ value: f, label: RECURRENCE_LABELS[f] }))]} data-testid="m-repeat" />
              </Form.Item>
            </Col>
          )}
          {!meeting && repeat && repeat !== 'none' && (
            <Col span={6}>
              <Form.Item name="until" label="Lặp đến ngày" rules={[{ required: true, message: 'Chọn ngày kết thúc lặp.' }]}>
                <DatePicker format="DD/MM/YYYY" placeholder="dd/mm/yyyy" style={{ width: '100%' }} data-testid="m-until" />
              </Form.Item>
            </Col>
          )}
          <Col span={6}>
            <Form.Item name="reminderMinutes" label="Nhắc trước (phút)">
              <InputNumber min={0} max={1440} step={5} placeholder="Không nhắc" style={{ width: '100%' }} data-testid="m-reminder" />
            </Form.Item>
          </Col>
        </Row>
        {series && (
          <Form.Item name="scope" label="Cuộc họp này thuộc một lịch lặp: áp dụng thay đổi cho">
            <Radio.Group
              options={[
                { value: 'one', label: 'Chỉ buổi này' },
                { value: 'following', label: 'Buổi này và các buổi sau' },
              ]}
              data-testid="m-scope"
            />
          </Form.Item>
        )}
        {clashes && (
          <div ref={clashRef}>
            <Alert
              type="error"
              showIcon
              style={{ marginBottom: 12 }}
              data-testid="meeting-clash"
              title={clashes.length ? 'Trùng lịch: phòng họp hoặc người này đã có cuộc họp khác cùng giờ' : 'Trùng lịch'}
              description={
                <ul style={{ margin: 0, paddingLeft: 18 }}>
                  {clashes.map((c, i) => (
                    <li key={i}>{clashLine(c)}</li>
                  ))}
                </ul>
              }
            />
            <Form.Item name="allowConflict" valuePropName="checked" style={{ marginBottom: 8 }}>
              <Checkbox data-testid="m-allowConflict">Vẫn xếp lịch (ghi lý do)</Checkbox>
            </Form.Item>
            {allowConflict && (
              <Form.Item name="conflictReason" label="Lý do" rules={[{ required: true, whitespace: true, message: 'Ghi lý do vẫn xếp lịch trùng.' }]}>
                <Input.TextArea autoSize={{ minRows: 2 }} maxLength={500} placeholder="Lãnh đạo đã đồng ý họp ghép…" data-testid="m-conflictReason" />
              </Form.Item>
            )}
          </div>
        )}
      </Form>
    </Modal>
  );
}
