import { Tag, Timeline, Typography } from 'antd';
import type { ReactNode } from 'react';
import { formatDateVN } from '../../../shared/domain/dates';
import { STEP_LABELS, type StepInfo, type StepKind } from '../../../shared/incoming/flow';
import type { IncomingDetail } from '../../../shared/incoming/schemas';
import { formatDateTime, statusLabel } from '../labels';

const COLORS: Record<StepKind, string> = {
  submit: 'blue',
  instruct: 'red',
  assign: 'blue',
  progress: 'gold',
  finish: 'green',
  reopen: 'gold',
  paper: 'red',
  return: 'gray',
};

const who = (s: StepInfo) => (
  <>
    {s.actor?.name ?? 'Văn thư ghi'}
    {s.onBehalfOf && <Typography.Text type="secondary"> (ủy quyền của {s.onBehalfOf.name})</Typography.Text>}
  </>
);

function stepBody(s: StepInfo, today: string): ReactNode {
  const to = [s.toUnit?.name, s.toUser?.name].filter(Boolean).join(' → ');
  const late = s.deadline !== null && s.deadline < today;
  return (
    <div data-testid={`step-${s.kind}`}>
      <b>{STEP_LABELS[s.kind]}</b> · {formatDateTime(s.at)} · {who(s)}
      {to && (
        <>
          {' '}
          → <b>{to}</b>
        </>
      )}
      {(s.deadline || (s.kind === 'progress' && s.progress !== null) || s.reply) && (
        <div>
          {s.deadline && <span style={late ? { color: '#dc2626' } : undefined}>Hạn: {formatDateVN(s.deadline)} </span>}
          {s.kind === 'progress' && s.progress !== null && <Tag color="gold">{s.progress} %</Tag>}
          {s.reply && (
            <span>
              Văn bản trả lời: <b>{s.reply.ref}</b> ngày {formatDateVN(s.reply.docDate)}
            </span>
          )}
        </div>
      )}
      {s.note && <div style={{ fontStyle: s.kind === 'instruct' || s.kind === 'paper' ? 'italic' : undefined }}>“{s.note}”</div>}
    </div>
  );
}

/**
 * Quá trình xử lý: the steps (trình, bút phê, phân công, tiến độ, kết quả), the routings recorded before them as they
 * were, and the status changes no step explains (registration, cancelling), oldest first.
 */
export function FlowTimeline({ doc, today }: { doc: IncomingDetail; today: string }) {
  const stepTimes = new Set(doc.steps.map((s) => s.at));
  // A routing recorded by the văn thư (incoming route) is a 'paper' step too: shown once, as the routing was written.
  const paperAt = new Map(doc.steps.filter((s) => s.kind === 'paper').map((s) => [s.at, s]));
  const routed = new Set(doc.routing.map((r) => r.at));
  const items = [
    ...doc.steps.filter((s) => !(s.kind === 'paper' && routed.has(s.at))).map((s) => ({ key: `s${s.id}`, at: s.at, color: COLORS[s.kind], content: stepBody(s, today) })),
    ...doc.routing.map((r) => {
      const paper = paperAt.get(r.at);
      return {
        key: `r${r.id}`,
        at: r.at,
        color: paper ? COLORS.paper : 'blue',
        content: (
          <div data-testid={paper ? 'step-paper' : undefined}>
            <b>{paper ? STEP_LABELS.paper : 'Chuyển xử lý'}</b> · {formatDateTime(r.at)} {r.actor && `· ${r.actor}`}
            {paper?.actor && paper.actor.name !== r.actor && <Typography.Text type="secondary"> (văn thư ghi: {paper.actor.name})</Typography.Text>}
            <div>
              Chủ trì: <b>{r.lead}</b>
              {r.coUnits.length > 0 && <> · Phối hợp: {r.coUnits.join(', ')}</>}
              {r.deadline && <> · Hạn: {formatDateVN(r.deadline)}</>}
            </div>
            {r.instruction && <div style={{ fontStyle: 'italic' }}>“{r.instruction}”</div>}
          </div>
        ),
      };
    }),
    ...doc.history
      .filter((h) => !stepTimes.has(h.at))
      .map((h) => ({
        key: `h${h.id}`,
        at: h.at,
        color: h.toStatus === 'da-huy' ? 'gray' : h.toStatus === 'hoan-thanh' ? 'green' : 'gold',
        content: (
          <div>
            <b>{statusLabel(h.toStatus)}</b> · {formatDateTime(h.at)} {h.actor && `· ${h.actor}`}
            {h.note && <div>{h.note}</div>}
          </div>
        ),
      })),
  ]
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))
    .map(({ key, color, content }) => ({ key, color, content }));
  return <Timeline data-testid="history" items={items} />;
}
