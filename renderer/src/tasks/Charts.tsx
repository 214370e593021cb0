import { formatDateVN } from '../../../shared/domain/dates';
import type { DashboardFigures, PlanBurn } from '../../../shared/tasks/schemas';

/** Inline SVG charts of the tasks' dashboard (as the home dashboard's MonthChart): no chart library. */

const PARTS: { key: keyof DashboardFigures; label: string; color: string }[] = [
  { key: 'onTime', label: 'Đúng hạn', color: '#16a34a' },
  { key: 'late', label: 'Trễ hạn', color: '#f59e0b' },
  { key: 'open', label: 'Đang làm (còn hạn)', color: '#3b82f6' },
  { key: 'overdue', label: 'Quá hạn', color: '#dc2626' },
];

/** One stacked bar per unit or person: done on time, done late, open within the deadline, overdue. */
export function FiguresChart({ rows, label, testId }: { rows: (DashboardFigures & { name: string })[]; label: string; testId: string }) {
  const w = 760;
  const nameW = 220;
  const barH = 18;
  const gap = 8;
  const top = 28;
  const h = top + rows.length * (barH + gap) + 8;
  const max = Math.max(1, ...rows.map((r) => r.onTime + r.late + r.open));
  const scale = (w - nameW - 60) / max;
  return (
    <svg viewBox={`0 0 ${w} ${h}`} width="100%" style={{ maxWidth: 900 }} role="img" aria-label={label} data-testid={testId}>
      {PARTS.map((p, k) => (
        <g key={p.key} transform={`translate(${nameW + k * 130}, 6)`}>
          <rect width={12} height={12} fill={p.color} rx={2} />
          <text x={16} y={11} fontSize={12} fill="#374151">
            {p.label}
          </text>
        </g>
      ))}
      {rows.map((r, i) => {
        const y = top + i * (barH + gap);
        // Open tasks split: within their deadline, and overdue.
        const parts = [r.onTime, r.late, r.open - r.overdue, r.overdue];
        let x = nameW;
        return (
          <g key={`${r.name}-${i}`} data-testid={`${testId}-row`} data-name={r.name} data-late={r.late} data-overdue={r.overdue} data-ontime={r.onTime} data-open={r.open}>
            <text x={nameW - 8} y={y + barH - 4} textAnchor="end" fontSize={12} fill="#111827">
              {r.name.length > 30 ? `${r.name.slice(0, 29)}…` : r.name}
            </text>
            {parts.map((v, k) => {
              const bw = v * scale;
              const rect = v > 0 && (
                <rect key={k} x={x} y={y} width={bw} height={barH} fill={PARTS[k].color}>
                  <title>{`${PARTS[k].label}: ${v}`}</title>
                </rect>
              );
              x += bw;
              return rect;
            })}
            <text x={x + 6} y={y + barH - 4} fontSize={12} fill="#4b5563">
              {r.total}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/** A plan's open tasks over time (solid) against the straight line to its last deadline (dashed). */
export function BurnChart({ burn }: { burn: PlanBurn }) {
  const w = 760;
  const h = 240;
  const pad = { l: 36, r: 12, t: 12, b: 40 };
  const n = Math.max(1, burn.points.length - 1);
  const max = Math.max(1, burn.total, ...burn.points.map((p) => p.open));
  const x = (i: number) => pad.l + (i / n) * (w - pad.l - pad.r);
  const y = (v: number) => pad.t + (1 - v / max) * (h - pad.t - pad.b);
  const line = (key: 'open' | 'ideal') => burn.points.map((p, i) => `${i ? 'L' : 'M'}${x(i).toFixed(1)},${y(p[key]).toFixed(1)}`).join(' ');
  const ticks = [0, Math.floor(n / 2), n].filter((v, i, a) => a.indexOf(v) === i);
  return (
    <svg viewBox={`0 0 ${w} ${h}`} width="100%" style={{ maxWidth: 900 }} role="img" aria-label={`Biểu đồ công việc còn lại của ${burn.outgoing.ref}`} data-testid="burn-chart">
      <line x1={pad.l} y1={y(0)} x2={w - pad.r} y2={y(0)} stroke="#9ca3af" />
      <line x1={pad.l} y1={pad.t} x2={pad.l} y2={y(0)} stroke="#9ca3af" />
      {[0, Math.round(max / 2), max].map((v) => (
        <text key={v} x={pad.l - 6} y={y(v) + 4} textAnchor="end" fontSize={11} fill="#4b5563">
          {v}
        </text>
      ))}
      {ticks.map((i) => (
        <text key={i} x={x(i)} y={h - pad.b + 16} textAnchor="middle" fontSize={11} fill="#4b5563">
          {formatDateVN(burn.points[i]?.day)}
        </text>
      ))}
      <path d={line('ideal')} fill="none" stroke="#9ca3af" strokeDasharray="6 4" strokeWidth={2} />
      <path d={line('open')} fill="none" stroke="#2563eb" strokeWidth={2.5} />
      <g transform={`translate(${pad.l}, ${h - 14})`}>
        <line x1={0} y1={-4} x2={18} y2={-4} stroke="#2563eb" strokeWidth={2.5} />
        <text x={24} y={0} fontSize={12} fill="#374151">
          Việc còn mở
        </text>
        <line x1={130} y1={-4} x2={148} y2={-4} stroke="#9ca3af" strokeDasharray="6 4" strokeWidth={2} />
        <text x={154} y={0} fontSize={12} fill="#374151">
          Tiến độ lý tưởng (đến hạn cuối)
        </text>
      </g>
    </svg>
  );
}
