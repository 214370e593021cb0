import { useEffect, useState } from 'react';
import { Alert } from 'antd';
import type { SealCheck } from '../../../shared/settings/schemas';
import { call } from '../api/client';

/**
 * Before issuing: what the page will show. Without a seal image the organisation's signature is valid but leaves no
 * mark on the page, so the văn thư is warned and told where to add the seal.
 */
export function SealNotice({ id }: { id: number }) {
  const [check, setCheck] = useState<SealCheck | null>(null);
  useEffect(() => {
    call('outgoing.sealCheck', { id }).then(setCheck, () => setCheck(null));
  }, [id]);
  if (!check) return null;
  return (
    <Alert
      type={check.seal ? 'info' : 'warning'}
      showIcon
      style={{ marginBottom: 12 }}
      data-testid={check.seal ? 'seal-notice' : 'seal-missing'}
      message={check.seal ? 'Con dấu trên văn bản' : 'Văn bản sẽ không có hình con dấu'}
      description={check.says}
    />
  );
}
