import { Button, Descriptions, Space, Tag, Typography } from 'antd';
import { BankOutlined, FileTextOutlined, TeamOutlined, UserOutlined } from '@ant-design/icons';
import { MEETING_STATUS_LABELS, RECURRENCE_LABELS, type Meeting, type MeetingLink, type MeetingParticipant } from '../../../shared/meetings/schemas';
import { dateVN, vnParts } from '../../../shared/meetings/time';
import { formatDateTimeVN } from '../../../shared/domain/dates';
import { navigate } from '../router';
import { STATUS_COLOR, placeOf, timeText, weekdayName } from './schedule';

const LINK_KIND: Record<MeetingLink['kind'], string> = { incoming: 'Văn bản đến', outgoing: 'Văn bản đi', draft: 'Dự thảo' };
const KIND_ICON: Record<MeetingParticipant['kind'], React.ReactNode> = { person: <UserOutlined />, organization: <BankOutlined />, text: <TeamOutlined /> };

function openLink(l: MeetingLink) {
  if (l.kind === 'draft') navigate(`/drafting/${l.refId}`);
  else if (l.kind === 'incoming') navigate(`/incoming/${l.refId}`);
  else navigate('/outgoing');
}

/** When a meeting is: "Thứ Hai, 23/11/2026, 08:00–10:00". */
export function whenText(m: Meeting): string {
  const d = vnParts(m.startMs).date;
  return `${weekdayName(d)}, ${dateVN(d)}, ${timeText(m)}`;
}

/** Everything known about a meeting; `full` adds the series, the reminder and who made it (the drawer). */
export function MeetingFacts({ meeting: m, full }: { meeting: Meeting; full?: boolean }) {
  const items: { key: string; label: string; children: React.ReactNode; show?: boolean }[] = [
    { key: 'when', label: 'Thời gian', children: whenText(m) },
    { key: 'place', label: 'Địa điểm', children: placeOf(m) || '—' },
    { key: 'chair', label: 'Chủ trì', children: m.chair ? `${m.chair.name}${m.chair.title ? `, ${m.chair.title}` : ''}` : '—' },
    {
      key: 'participants',
      label: 'Thành phần',
      children:
        m.participants.length === 0
          ? '—'
          : m.participants.map((p, i) => (
              <div key={i} data-testid="participant">
                <Space size={6}>
                  {KIND_ICON[p.kind]}
                  <span>{p.name}</span>
                  {p.detail && <Typography.Text type="secondary">{p.detail}</Typography.Text>}
                </Space>
              </div>
            )),
    },
    { key: 'prepare', label: 'Đơn vị chuẩn bị', children: m.prepareUnit, show: !!m.prepareUnit },
    { key: 'content', label: 'Nội dung', children: <span style={{ whiteSpace: 'pre-wrap' }}>{m.content}</span>, show: !!m.content },
    {
      key: 'links',
      label: 'Văn bản liên quan',
      show: m.links.length > 0,
      children: m.links.map((l) => (
        <div key={`${l.kind}${l.refId}`}>
          <Button type="link" size="small" icon={<FileTextOutlined />} style={{ paddingInline: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left' }} onClick={() => openLink(l)}>
            {LINK_KIND[l.kind]}: {l.label}
          </Button>
        </div>
      )),
    },
    {
      key: 'status',
      label: 'Trạng thái',
      children: (
        <Tag color={STATUS_COLOR[m.status]} data-testid="detail-meeting-status">
          {MEETING_STATUS_LABELS[m.status]}
        </Tag>
      ),
    },
    { key: 'status-reason', label: m.status === 'huy' ? 'Lý do hủy' : 'Lý do hoãn', children: m.statusReason, show: !!m.statusReason && (m.status === 'hoan' || m.status === 'huy') },
    { key: 'reason', label: 'Lý do vẫn xếp lịch trùng', children: m.conflictReason, show: !!m.conflictReason },
    {
      key: 'series',
      label: 'Lặp lại',
      show: !!full && !!m.recurrence,
      children: m.recurrence && `${RECURRENCE_LABELS[m.recurrence.freq]}${m.recurrence.interval > 1 ? ` (cách ${m.recurrence.interval})` : ''} đến ngày ${dateVN(m.recurrence.until)}`,
    },
    { key: 'reminder', label: 'Nhắc trước', show: !!full, children: m.reminderMinutes === null ? 'Không nhắc' : `${m.reminderMinutes} phút` },
    { key: 'creator', label: 'Người tạo', show: !!full, children: m.createdBy ?? '—' },
    { key: 'updated', label: 'Cập nhật lần cuối', show: !!full, children: formatDateTimeVN(m.updatedAt) },
  ];
  return (
    <Descriptions
      bordered
      size="small"
      column={1}
      styles={{ label: { width: 170 } }}
      data-testid="meeting-facts"
      items={items.filter((i) => i.show !== false).map(({ key, label, children }) => ({ key, label, children }))}
    />
  );
}
