import { Tooltip } from 'antd';
import { SafetyCertificateOutlined, WarningOutlined, CloseCircleOutlined } from '@ant-design/icons';
import { SIGNATURE_STATUS_LABELS, type SignatureStatus } from '../../../shared/signing/schemas';

const STYLE: Record<SignatureStatus, { color: string; icon: React.ReactNode }> = {
  valid: { color: '#15803d', icon: <SafetyCertificateOutlined /> },
  untrusted: { color: '#b45309', icon: <WarningOutlined /> },
  invalid: { color: '#dc2626', icon: <CloseCircleOutlined /> },
};

/** The registers' mark for a signed file: green valid, amber to review, red broken. Nothing when unsigned. */
export function SignatureBadge({ status, withText }: { status: SignatureStatus | null | undefined; withText?: boolean }) {
  if (!status) return null;
  const s = STYLE[status];
  const label = SIGNATURE_STATUS_LABELS[status];
  return (
    <Tooltip title={label}>
      <span data-testid="sig-badge" data-status={status} aria-label={label} role="img" style={{ color: s.color, marginRight: 4, whiteSpace: 'nowrap' }}>
        {s.icon}
        {withText && <span style={{ marginLeft: 4 }}>{label}</span>}
      </span>
    </Tooltip>
  );
}
