/** Documents per month as an SVG bar chart: numbers people compare read better as bars. */
export function MonthChart({ values }: { values: number[] }) {
  const max = Math.max(1, ...values);
  const w = 720;
  const h = 200;
  const pad = 28;
  const bw = (w - pad * 2) / 12;
  return (
    <svg viewBox={`0 0 ${w} ${h + 40}`} width="100%" style={{ maxWidth: 900 }} role="img" aria-label="Biểu đồ văn bản đến theo tháng" data-testid="month-chart">
      <line x1={pad} y1={h} x2={w - pad} y2={h} stroke="#9ca3af" />
      {values.map((v, i) => {
        const bh = Math.round((v / max) * (h - 30));
        const x = pad + i * bw + bw * 0.15;
        return (
          <g key={i}>
            <rect x={x} y={h - bh} width={bw * 0.7} height={bh} fill="#1d4e89" rx={2} />
            <text x={x + bw * 0.35} y={h - bh - 6} textAnchor="middle" fontSize={12} fill="#111827">
              {v.toLocaleString('vi-VN')}
            </text>
            <text x={x + bw * 0.35} y={h + 18} textAnchor="middle" fontSize={12} fill="#4b5563">
              T{i + 1}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
