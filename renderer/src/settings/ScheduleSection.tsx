import { useCallback, useEffect, useState } from 'react';
import { App, Button, Descriptions, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { call } from '../api/client';
import { showError } from '../api/errors';
import { useCan } from '../auth/AuthGate';
import { SettingsModal } from '../meetings/SettingsModal';
import type { Settings } from '../meetings/useScheduleData';

/** The weekly schedule's own header and signer ("Lịch công tác tuần"); until set, it takes the organisation's. */
export function ScheduleSection() {
  const { message } = App.useApp();
  const canSave = useCan('meetings.saveSettings');
  const [settings, setSettings] = useState<Settings | null>(null);
  const [open, setOpen] = useState(false);
  const load = useCallback(() => call('meetings.settings', {}).then(setSettings, (e) => showError(e, (t) => message.error(t))), [message]);
  useEffect(() => void load(), [load]);
  if (!settings) return null;
  const sig = settings.signature;
  return (
    <div data-testid="schedule-settings">
      {!settings.configured && (
        <Typography.Paragraph type="secondary">Lịch tuần chưa có cài đặt riêng: đang lấy tiêu đề từ thông tin cơ quan.</Typography.Paragraph>
      )}
      <Descriptions size="small" column={1} bordered style={{ maxWidth: 760, marginBottom: 12 }}>
        <Descriptions.Item label="Cơ quan chủ quản">{settings.parentOrgan || '—'}</Descriptions.Item>
        <Descriptions.Item label="Cơ quan">{settings.organ}</Descriptions.Item>
        <Descriptions.Item label="Lịch công tác">{settings.whose || '—'}</Descriptions.Item>
        <Descriptions.Item label="Người ký">{[sig.authority, sig.onBehalfOf, sig.title, sig.name].filter(Boolean).join(' · ')}</Descriptions.Item>
        <Descriptions.Item label="Nơi nhận">{settings.recipients.length ? settings.recipients.join('; ') : '—'}</Descriptions.Item>
      </Descriptions>
      {canSave && (
        <Button icon={<EditOutlined />} onClick={() => setOpen(true)} data-testid="schedule-settings-edit">
          Sửa tiêu đề, người ký của lịch tuần
        </Button>
      )}
      <SettingsModal open={open} settings={settings} onClose={() => setOpen(false)} onSaved={(s) => (setSettings(s), setOpen(false))} />
    </div>
  );
}
