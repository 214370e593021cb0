import { Tabs, Typography } from 'antd';
import { SignForm } from './SignForm';
import { VerifyTab } from './VerifyTab';
import { StampsTab } from './StampsTab';
import { TrustTab } from './TrustTab';
import { useCan } from '../auth/AuthGate';

/** Chữ ký số: sign, verify, the stamp images and the trust store. */
export function SigningPage() {
  // Signing a file is the leader's and the văn thư's; everyone checks signatures and sees the stamps and trust store.
  const canSign = useCan('signing.sign');
  return (
    <div>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        Chữ ký số
      </Typography.Title>
      <Tabs
        destroyOnHidden
        items={[
          ...(canSign ? [{ key: 'sign', label: 'Ký văn bản', children: <SignForm /> }] : []),
          { key: 'verify', label: 'Kiểm tra chữ ký', children: <VerifyTab /> },
          { key: 'stamps', label: 'Mẫu chữ ký, con dấu', children: <StampsTab /> },
          { key: 'trust', label: 'Chứng thư tin cậy', children: <TrustTab /> },
        ]}
      />
    </div>
  );
}
