import { useMemo } from 'react';
import type { Meeting } from '../../../shared/meetings/schemas';
import { clashesAmong, hm, monthGrid, onDay, todayVN } from './schedule';
import { isActive } from '../../../shared/meetings/clashes';

const HEAD = ['Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy', 'Chủ nhật'];
const MAX_SHOWN = 3;

/** A month as a grid of weeks; each day lists its first meetings (time and title), then "+N"; a day opens the day view. */
export function MonthView({ firstOfMonth, meetings, onDay: openDay }: { firstOfMonth: string; meetings: Meeting[]; onDay(date: string): void }) {
  const grid = monthGrid(firstOfMonth);
  const clashes = useMemo(() => clashesAmong(meetings), [meetings]);
  const month = firstOfMonth.slice(0, 7);
  const today = todayVN();
  return (
    <div className="vp-month" data-testid="month-view">
      {HEAD.map((h) => (
        <div key={h} className="vp-month-head">
          {h}
        </div>
      ))}
      {grid.days.map((d) => {
        const ofDay = meetings.filter((m) => onDay(m, d));
        return (
          <div
            key={d}
            role="button"
            tabIndex={0}
            className={`vp-month-day${d.slice(0, 7) !== month ? ' vp-month-other' : ''}${d === today ? ' vp-today' : ''}`}
            data-testid="month-day"
            data-date={d}
            onClick={() => openDay(d)}
            onKeyDown={(e) => e.key === 'Enter' && openDay(d)}
          >
            <div className="vp-month-num">{Number(d.slice(8, 10))}</div>
            {ofDay.slice(0, MAX_SHOWN).map((m) => (
              <div key={m.id} className={`vp-month-item${isActive(m) ? '' : ' vp-mcard-muted'}${clashes.has(m.id) ? ' vp-month-clash' : ''}`} title={m.title}>
                <span className="vp-mcard-time">{m.allDay ? 'Cả ngày' : hm(m.start)}</span> {m.title}
              </div>
            ))}
            {ofDay.length > MAX_SHOWN && <div className="vp-month-more">+{ofDay.length - MAX_SHOWN} cuộc họp khác</div>}
          </div>
        );
      })}
    </div>
  );
}
