import { useMemo } from 'react';
import { DAY_PART_LABELS, addDays, dayPart, type DayPart } from '../../../shared/meetings/time';
import type { Meeting } from '../../../shared/meetings/schemas';
import { MeetingCard } from './MeetingCard';
import { clashesAmong, onDay, partOn, shortDate, todayVN, weekdayName } from './schedule';

/**
 * "Lịch công tác tuần": one row per day, Monday to Sunday, the meetings of each buổi stacked in its cell. Saturday
 * and Sunday are always there (an office works some weekends) but take little room when empty; Tối appears only
 * when some meeting starts at 18:00 or later.
 */
export function WeekView({ monday, meetings, onOpen, onAdd }: { monday: string; meetings: Meeting[]; onOpen(id: number): void; onAdd?(date: string, part: DayPart): void }) {
  const clashes = useMemo(() => clashesAmong(meetings), [meetings]);
  const days = Array.from({ length: 7 }, (_, i) => addDays(monday, i));
  const evening = meetings.some((m) => !m.allDay && dayPart(m.startMs) === 'toi');
  const parts: DayPart[] = evening ? ['sang', 'chieu', 'toi'] : ['sang', 'chieu'];
  const today = todayVN();
  return (
    <table className="vp-week" data-testid="week-view">
      <colgroup>
        <col style={{ width: 132 }} />
        {parts.map((p) => (
          <col key={p} style={p === 'toi' ? { width: '24%' } : undefined} />
        ))}
      </colgroup>
      <thead>
        <tr>
          <th>Thứ, ngày</th>
          {parts.map((p) => (
            <th key={p}>{DAY_PART_LABELS[p]}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {days.map((d, i) => {
          const weekend = i >= 5;
          const ofDay = meetings.filter((m) => onDay(m, d));
          return (
            <tr key={d} className={`${d === today ? 'vp-today' : ''}${weekend ? ' vp-weekend' : ''}`} data-testid="week-day" data-date={d}>
              <th scope="row" className="vp-week-day">
                {/* Two lines at most: "Thứ Hai" / "23/11 Hôm nay"; a short weekend row "Chủ nhật 06/12" / "Hôm nay". */}
                <div className="vp-week-name">{weekdayName(d)}</div>
                <div className="vp-week-date">
                  {shortDate(d)}
                  {d === today && !weekend && <span className="vp-today-mark">Hôm nay</span>}
                </div>
                {d === today && weekend && <div className="vp-today-mark">Hôm nay</div>}
              </th>
              {parts.map((p) => {
                const here = ofDay.filter((m) => partOn(m, d) === p);
                return (
                  <td key={p} className="vp-week-cell" data-testid={`cell-${p}`} onDoubleClick={onAdd ? (e) => e.target === e.currentTarget && onAdd(d, p) : undefined}>
                    {here.map((m) => (
                      <MeetingCard key={m.id} meeting={m} day={d} clashes={clashes.get(m.id)} onOpen={onOpen} />
                    ))}
                  </td>
                );
              })}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
