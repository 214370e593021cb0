import { useEffect, useState } from 'react';
import { Alert, Descriptions, List, Tag, Typography } from 'antd';
import { formatDateTimeVN } from '../../../shared/domain/dates';
import { BUSINESS_LABELS, VERDICT_LABELS, type ReceivedFacts as Facts, type SignatureVerdict } from '../../../shared/exchange/edxml-model';
import { call } from '../api/client';

const COLORS: Record<SignatureVerdict['status'], string> = { valid: 'green', untrusted: 'gold', invalid: 'red', missing: 'default' };

/**
 * How an incoming document arrived when it came as an edXML package (issue 18): its DocumentId, the sender's mã định
 * danh, the signature verdicts, and a revoke/update/replace applied since. Nothing for a document registered by hand.
 */
export function ReceivedFacts({ incomingId, version }: { incomingId: number; version?: string }) {
  const [facts, setFacts] = useState<Facts | null>(null);
  useEffect(() => {
    let live = true;
    call('exchange.receivedFacts', { id: incomingId }).then(
      (f) => live && setFacts(f),
      () => live && setFacts(null),
    );
    return () => {
      live = false;
    };
  }, [incomingId, version]);
  if (!facts) return null;
  return (
    <div style={{ marginTop: 12 }} data-testid="received-facts">
      {facts.revokedAt && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 8 }}
          title={`Đã bị thu hồi (${formatDateTimeVN(facts.revokedAt)})${facts.businessReason ? `: ${facts.businessReason}` : ''}`}
          data-testid="received-revoked"
        />
      )}
      {!facts.revokedAt && facts.business !== 'new' && (
        <Alert type="info" showIcon style={{ marginBottom: 8 }} title={`${BUSINESS_LABELS[facts.business]} theo gói edXML (${formatDateTimeVN(facts.updatedAt)})${facts.businessReason ? `: ${facts.businessReason}` : ''}`} />
      )}
      <Descriptions bordered size="small" column={1} title="Nhận qua trục liên thông (edXML)" styles={{ label: { width: 150 } }}>
        <Descriptions.Item label="Mã văn bản">
          <Typography.Text copyable data-testid="received-document-id">
            {facts.documentId}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label="Mã định danh cơ quan gửi">{facts.fromOrganId}</Descriptions.Item>
        <Descriptions.Item label="Nhận lúc">{formatDateTimeVN(facts.receivedAt)}</Descriptions.Item>
        <Descriptions.Item label="Chữ ký số">
          <List
            size="small"
            dataSource={facts.signatures}
            data-testid="received-signatures"
            renderItem={(s) => (
              <List.Item style={{ padding: '4px 0' }}>
                <div>
                  <Tag color={COLORS[s.status]}>{VERDICT_LABELS[s.status]}</Tag>
                  {s.kind === 'xml' ? 'Gói tin (XML)' : `Tệp ${s.file}`}
                  {s.signer && <Typography.Text type="secondary"> — {s.signer}</Typography.Text>}
                  {s.problems.length > 0 && <div style={{ color: '#b45309', fontSize: 12 }}>{s.problems.join(' ')}</div>}
                </div>
              </List.Item>
            )}
          />
        </Descriptions.Item>
      </Descriptions>
    </div>
  );
}
