export interface Series {
  label: string;
  color: string;
  values: number[];
}

/** Documents per month as an SVG bar chart, one bar per series side by side: numbers people compare read better as bars. */
export function MonthChart({ series, label = 'Biểu đồ văn bản theo tháng' }: { series: Series[]; label?: string }) {
  const max = Math.max(1, ...series.flatMap((s) => s.values));
  const w = 720;
  const h = 200;
  const pad = 28;
  const bw = (w - pad * 2) / 12;
  const each = (bw * 0.76) / series.length;
  return (
    <svg viewBox={`0 0 ${w} ${h + 56}`} width="100%" style={{ maxWidth: 900 }} role="img" aria-label={label} data-testid="month-chart">
      <line x1={pad} y1={h} x2={w - pad} y2={h} stroke="#9ca3af" />
      {Array.from({ length: 12 }, (_, i) => (
        <g key={i}>
          {series.map((s, k) => {
            const v = s.values[i] ?? 0;
            const bh = Math.round((v / max) * (h - 30));
            const x = pad + i * bw + bw * 0.12 + k * each;
            return (
              <g key={s.label}>
                <rect x={x} y={h - bh} width={each * 0.92} height={bh} fill={s.color} rx={2} />
                {v > 0 && (
                  <text x={x + each * 0.46} y={h - bh - 5} textAnchor="middle" fontSize={11} fill="#111827">
                    {v.toLocaleString('vi-VN')}
                  </text>
                )}
              </g>
            );
          })}
          <text x={pad + i * bw + bw / 2} y={h + 18} textAnchor="middle" fontSize={12} fill="#4b5563">
            T{i + 1}
          </text>
        </g>
      ))}
      {series.length > 1 &&
        series.map((s, k) => (
          <g key={s.label} transform={`translate(${pad + k * 170}, ${h + 36})`}>
            <rect width={12} height={12} fill={s.color} rx={2} />
            <text x={18} y={11} fontSize={12} fill="#374151">
              {s.label}
            </text>
          </g>
        ))}
    </svg>
  );
}
