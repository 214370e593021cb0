import { useCallback, useEffect, useState } from 'react';
import { App, Spin, Tabs, Typography } from 'antd';
import type { OrganisationSettings } from '../../../shared/settings/schemas';
import { call } from '../api/client';
import { showError } from '../api/errors';
import { navigate } from '../router';
import { TrustTab } from '../signing/TrustTab';
import { UnitsPage } from '../units/UnitsPage';
import { OrganisationForm } from './OrganisationForm';
import { ScheduleSection } from './ScheduleSection';
import { StampsSection } from './StampsSection';
import { HolidaysSection } from './HolidaysSection';

export const SETTINGS_TABS = ['organ', 'units', 'stamps', 'schedule', 'holidays', 'trust'] as const;
export type SettingsTab = (typeof SETTINGS_TABS)[number];

/**
 * Cài đặt, one screen for the quản trị: the organisation (its header, abbreviation, place, mã định danh, profile,
 * signer titles), its units and who reads secret documents, the seal and the accounts' signature images, the weekly
 * schedule's header, and the trust store with the timestamp server.
 */
export function SettingsPage({ tab }: { tab?: string }) {
  const { message } = App.useApp();
  const [organ, setOrgan] = useState<OrganisationSettings | null>(null);
  const load = useCallback(() => call('settings.organisation', {}).then(setOrgan, (e) => showError(e, (t) => message.error(t))), [message]);
  useEffect(() => void load(), [load]);
  const active: SettingsTab = (SETTINGS_TABS as readonly string[]).includes(tab ?? '') ? (tab as SettingsTab) : 'organ';
  return (
    <div data-testid="settings-page">
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        Cài đặt
      </Typography.Title>
      <Tabs
        activeKey={active}
        onChange={(k) => navigate(`#/settings/${k}`)}
        destroyOnHidden
        items={[
          { key: 'organ', label: 'Cơ quan', children: organ ? <OrganisationForm value={organ} onSaved={setOrgan} /> : <Spin /> },
          { key: 'units', label: 'Đơn vị, văn bản mật', children: <UnitsPage /> },
          { key: 'stamps', label: 'Con dấu và chữ ký', children: <StampsSection /> },
          { key: 'schedule', label: 'Lịch công tác tuần', children: <ScheduleSection /> },
          { key: 'holidays', label: 'Ngày nghỉ lễ', children: <HolidaysSection /> },
          { key: 'trust', label: 'Chứng thư tin cậy, dấu thời gian', children: <TrustTab /> },
        ]}
      />
    </div>
  );
}
