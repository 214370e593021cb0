import { useEffect, useState } from 'react';
import { Tag, Timeline, Typography } from 'antd';
import type { RecipientStatusGroup } from '../../../shared/exchange/status-codes';
import { formatDateTimeVN } from '../../../shared/domain/dates';
import { call } from '../api/client';

/** The colour of a status: refused red, done green, the steps in between blue. */
const colour = (code: string) => (code === '02' || code === '16' ? 'red' : code === '06' || code === '15' ? 'green' : 'blue');

/**
 * What each recipient office answered about an outgoing document (edXML statuses 01 đã đến … 06 hoàn thành, issue 18),
 * one timeline per recipient, on the outgoing record. Nothing is shown until a recipient has answered.
 */
export function RecipientStatuses({ outgoingId }: { outgoingId: number }) {
  const [groups, setGroups] = useState<RecipientStatusGroup[] | null>(null);
  useEffect(() => {
    let live = true;
    call('exchange.statuses', { outgoingId }).then(
      (g) => live && setGroups(g),
      () => live && setGroups([]),
    );
    return () => {
      live = false;
    };
  }, [outgoingId]);
  if (!groups?.length) return null;
  return (
    <div data-testid="recipient-statuses" style={{ marginBottom: 12 }}>
      <Typography.Text strong>Trạng thái xử lý tại nơi nhận</Typography.Text>
      {groups.map((g) => (
        <div key={g.organId} data-testid="recipient-status" style={{ marginTop: 8 }}>
          <Typography.Text>
            {g.name ?? g.organId} <Typography.Text type="secondary">({g.organId})</Typography.Text> <Tag color={colour(g.latest.code)}>{g.latest.label}</Tag>
          </Typography.Text>
          <Timeline
            style={{ marginTop: 8, marginBottom: 0 }}
            items={g.statuses.map((s) => ({
              color: colour(s.code),
              children: (
                <>
                  {formatDateTimeVN(s.at)} — {s.label}
                  {s.description && s.description !== s.label ? `: ${s.description}` : ''}
                  {s.staff ? <Typography.Text type="secondary"> ({s.staff})</Typography.Text> : null}
                </>
              ),
            }))}
          />
        </div>
      ))}
    </div>
  );
}
