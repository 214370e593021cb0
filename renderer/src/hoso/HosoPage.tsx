import { Tabs, Typography } from 'antd';
import { mayCall } from '../../../shared/api/permissions';
import { useAuth } from '../auth/AuthGate';
import { HandoverPanel } from './HandoverPanel';
import { HosoDetailView } from './HosoDetail';
import { HosoList } from './HosoList';
import { RetentionTab } from './RetentionTab';

/**
 * Hồ sơ công việc (ND30 Điều 28–31): the year's danh mục with each hồ sơ's state, one hồ sơ with its documents in order
 * (#/hoso/ID), the hồ sơ due for nộp lưu and the check of a package, and the table of thời hạn bảo quản.
 */
export function HosoPage({ id }: { id?: number }) {
  const { me } = useAuth();
  if (id) return <HosoDetailView id={id} />;
  return (
    <div style={{ padding: 16 }}>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        Hồ sơ công việc
      </Typography.Title>
      <Tabs
        data-testid="hoso-tabs"
        items={[
          { key: 'list', label: 'Danh mục hồ sơ', children: <HosoList /> },
          ...(mayCall('hoso.dueForHandover', me.roles) ? [{ key: 'handover', label: 'Nộp lưu', children: <HandoverPanel /> }] : []),
          { key: 'retention', label: 'Thời hạn bảo quản', children: <RetentionTab /> },
        ]}
      />
    </div>
  );
}
