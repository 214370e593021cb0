import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Empty, Space, Typography } from 'antd';
import type { DayClashes, Meeting } from '../../../shared/meetings/schemas';
import { dateVN } from '../../../shared/meetings/time';
import { call } from '../api/client';
import { showError } from '../api/errors';
import { ClashTag } from './ClashTag';
import { MeetingFacts } from './MeetingFacts';
import { clashesAmong, hm, onDay, timeText, weekdayName } from './schedule';

/** A day's meetings in time order with all their details; the day's double bookings (of one person or room, when filtered) on top. */
export function DayView({ date, meetings, userId, roomId, version, onOpen }: { date: string; meetings: Meeting[]; userId?: number; roomId?: number; version: number; onOpen(id: number): void }) {
  const { message } = App.useApp();
  const [clashes, setClashes] = useState<DayClashes | null>(null);
  useEffect(() => {
    let live = true;
    call('meetings.clashes', { date, userId, roomId }).then((c) => live && setClashes(c), (e) => showError(e, message.error));
    return () => {
      live = false;
    };
  }, [date, userId, roomId, version, message]);
  const ofDay = meetings.filter((m) => onDay(m, date));
  const marks = useMemo(() => clashesAmong(meetings), [meetings]);
  return (
    <div data-testid="day-view">
      {clashes && clashes.date === date && clashes.pairs.length > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="day-clashes"
          title={`Trùng lịch trong ${weekdayName(date)}, ${dateVN(date)}: ${clashes.pairs.length} chỗ`}
          description={
            <ul style={{ margin: 0, paddingLeft: 18 }}>
              {clashes.pairs.map((p) => (
                <li key={`${p.a.id}-${p.b.id}`}>
                  «{p.a.title}» ({hm(p.a.start)}–{hm(p.a.end)}) và «{p.b.title}» ({hm(p.b.start)}–{hm(p.b.end)}): cùng {p.over.join(', ')}
                </li>
              ))}
            </ul>
          }
        />
      )}
      {ofDay.length === 0 && <Empty description="Không có cuộc họp nào trong ngày" />}
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        {ofDay.map((m) => (
          <Card
            key={m.id}
            size="small"
            className={m.status === 'hoan' || m.status === 'huy' ? 'vp-day-muted' : undefined}
            data-testid="day-meeting"
            title={
              <Space wrap size={8}>
                <Typography.Text strong style={{ fontVariantNumeric: 'tabular-nums' }}>
                  {timeText(m, date)}
                </Typography.Text>
                <span className="vp-day-title">{m.title}</span>
                {marks.get(m.id) && <ClashTag clashes={marks.get(m.id)!} reason={m.conflictReason} />}
              </Space>
            }
            extra={
              <Button size="small" onClick={() => onOpen(m.id)} data-testid="day-open">
                Chi tiết
              </Button>
            }
          >
            <MeetingFacts meeting={m} />
          </Card>
        ))}
      </Space>
    </div>
  );
}
