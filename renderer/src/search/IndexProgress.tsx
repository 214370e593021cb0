import { useEffect, useState } from 'react';
import { Progress, Space, Typography } from 'antd';
import type { IndexStatus } from '../../../shared/search/schemas';
import { call } from '../api/client';

/** Background extraction of attachment text: visible while files wait to be indexed. */
export function IndexProgress() {
  const [s, setS] = useState<IndexStatus | null>(null);
  const [peak, setPeak] = useState(0);
  useEffect(() => {
    let alive = true;
    const tick = async () => {
      try {
        const st = await call('search.indexStatus', {});
        if (!alive) return;
        setS(st);
        setPeak((p) => (st.pending === 0 ? 0 : Math.max(p, st.pending)));
      } catch {
        /* the next tick tries again */
      }
    };
    void tick();
    const t = setInterval(tick, 2000);
    return () => {
      alive = false;
      clearInterval(t);
    };
  }, []);
  if (!s || s.pending === 0) return <span data-testid="index-idle" />;
  const percent = peak ? Math.round(((peak - s.pending) / peak) * 100) : 0;
  return (
    <Space data-testid="index-progress">
      <Typography.Text type="secondary">Đang trích xuất nội dung tệp: còn {s.pending}</Typography.Text>
      <Progress percent={percent} size="small" style={{ width: 120 }} />
    </Space>
  );
}
