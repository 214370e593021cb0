import { Typography } from 'antd';

/** "Trao đổi văn bản" (#/exchange): the packages sent and received, the dead letters to resend (issue 18). */
export function ExchangePage() {
  return (
    <div data-testid="exchange-page">
      <Typography.Title level={4}>Trao đổi văn bản</Typography.Title>
    </div>
  );
}
