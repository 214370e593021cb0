import { Alert, Descriptions, Empty, Space, Tag, Typography } from 'antd';
import { formatDateTimeVN } from '../../../shared/domain/dates';
import type { SignatureReport, VerifyResult } from '../../../shared/signing/schemas';
import { SignatureBadge } from './SignatureBadge';

const yes = (ok: boolean, good: string, bad: string) => <Tag color={ok ? 'green' : 'red'}>{ok ? good : bad}</Tag>;

function One({ r }: { r: SignatureReport }) {
  return (
    <div data-testid="sig-report" style={{ border: '1px solid #e5e7eb', borderRadius: 6, padding: 10 }}>
      <Typography.Text strong>
        Chữ ký {r.index}: {r.signer || 'không rõ người ký'}
      </Typography.Text>
      <Descriptions size="small" column={1} style={{ marginTop: 6 }}>
        <Descriptions.Item label="Cấp bởi">{r.issuer || '—'}</Descriptions.Item>
        <Descriptions.Item label="Thời điểm ký">{r.signedAt ? formatDateTimeVN(r.signedAt) : 'không ghi'}</Descriptions.Item>
        {r.timestamp && <Descriptions.Item label="Dấu thời gian">{formatDateTimeVN(r.timestamp)}</Descriptions.Item>}
        <Descriptions.Item label="Kiểm tra">
          <Space size={4} wrap>
            {yes(r.integrity, 'Toàn vẹn', 'Đã bị sửa')}
            {yes(r.signatureValid, 'Chữ ký đúng', 'Chữ ký sai')}
            {yes(r.trusted, 'Chứng thư tin cậy', 'Chưa tin cậy')}
            {yes(r.validAtSigningTime, 'Còn hiệu lực khi ký', 'Hết/chưa hiệu lực')}
            <Tag color={r.coversWholeFile ? 'green' : 'default'}>{r.coversWholeFile ? 'Phủ toàn bộ tệp' : 'Có cập nhật sau chữ ký'}</Tag>
          </Space>
        </Descriptions.Item>
      </Descriptions>
      {r.problems.length > 0 && (
        <ul style={{ margin: '4px 0 0', paddingLeft: 18, color: '#6b7280', fontSize: 12 }}>
          {r.problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Every signature of a file, as the verifier reported it; the same panel in the viewer and on the signing page. */
export function SignaturePanel({ result }: { result: VerifyResult | null }) {
  if (!result) return null;
  if (!result.signatures.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="Tệp không có chữ ký số." />;
  const intro = {
    valid: 'Mọi chữ ký hợp lệ, chứng thư tin cậy, tệp không bị sửa sau chữ ký cuối.',
    untrusted: 'Chữ ký còn nguyên vẹn nhưng cần xem lại: chứng thư chưa được tin cậy, hết hiệu lực, hoặc tệp có thêm nội dung sau chữ ký cuối.',
    invalid: 'Có chữ ký không hợp lệ: tệp đã bị thay đổi sau khi ký hoặc chữ ký sai.',
  }[result.status!];
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="sig-panel">
      <Alert type={result.status === 'valid' ? 'success' : result.status === 'invalid' ? 'error' : 'warning'} showIcon message={<SignatureBadge status={result.status} withText />} description={intro} />
      {result.signatures.map((r) => (
        <One key={r.index} r={r} />
      ))}
    </Space>
  );
}
