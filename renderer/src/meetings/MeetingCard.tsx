import { Tag } from 'antd';
import { EnvironmentOutlined } from '@ant-design/icons';
import { MEETING_STATUS_LABELS, type Meeting } from '../../../shared/meetings/schemas';
import { ClashTag } from './ClashTag';
import { STATUS_COLOR, placeOf, timeText, type ClashNote } from './schedule';
import { isActive } from '../../../shared/meetings/clashes';

/** One meeting in a cell of the week: time and title, where, who chairs, its status, and a clash if any. */
export function MeetingCard({ meeting: m, day, clashes, compact, onOpen }: { meeting: Meeting; day: string; clashes?: ClashNote[]; compact?: boolean; onOpen(id: number): void }) {
  const place = placeOf(m);
  const muted = !isActive(m);
  return (
    <div
      className={`vp-mcard${muted ? ' vp-mcard-muted' : ''}${clashes?.length ? ' vp-mcard-clash' : ''}`}
      role="button"
      tabIndex={0}
      data-testid="meeting-card"
      data-meeting-id={m.id}
      onClick={() => onOpen(m.id)}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          onOpen(m.id);
        }
      }}
    >
      <div className="vp-mcard-head">
        <span className="vp-mcard-time">{timeText(m, day)}</span> <b className="vp-mcard-title">{m.title}</b>
      </div>
      {!compact && place && (
        <div className="vp-mcard-line">
          <EnvironmentOutlined /> {place}
        </div>
      )}
      {!compact && m.chair && <div className="vp-mcard-line">Chủ trì: {m.chair.name}</div>}
      <div className="vp-mcard-tags">
        <Tag color={STATUS_COLOR[m.status]} data-testid="meeting-status">
          {MEETING_STATUS_LABELS[m.status]}
        </Tag>
        {clashes && clashes.length > 0 && <ClashTag clashes={clashes} reason={m.conflictReason} />}
      </div>
    </div>
  );
}
