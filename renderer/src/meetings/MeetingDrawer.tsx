import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Drawer, Space, Spin } from 'antd';
import { CheckOutlined, EditOutlined, FileAddOutlined, PauseCircleOutlined, RedoOutlined, StopOutlined } from '@ant-design/icons';
import { hasRole } from '../../../shared/auth/roles';
import type { Meeting } from '../../../shared/meetings/schemas';
import { ApiFailure, call } from '../api/client';
import { showError } from '../api/errors';
import { useAuth, useCan } from '../auth/AuthGate';
import { navigate } from '../router';
import { useEscape } from '../shortcuts';
import { MeetingFacts } from './MeetingFacts';
import { StatusModal, type StatusChange } from './StatusModal';

/**
 * A meeting's card: every detail, and what the caller may do with it. The server lets the maker, the văn thư and
 * leaders change a meeting; the buttons follow the same rule.
 */
export function MeetingDrawer({ id, onClose, onChanged, onEdit }: { id?: number; onClose(): void; onChanged(): void; onEdit(m: Meeting): void }) {
  const { message } = App.useApp();
  const { me } = useAuth();
  const canInvite = useCan('meetings.invitation');
  const canSave = useCan('meetings.save');
  const canStatus = useCan('meetings.setStatus');
  const [meeting, setMeeting] = useState<Meeting | null>(null);
  const [change, setChange] = useState<StatusChange | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const load = useCallback(() => {
    if (id === undefined) return setMeeting(null);
    call('meetings.get', { id }).then(setMeeting, (e) => showError(e, message.error));
  }, [id, message]);
  useEffect(load, [load]);
  // Escape closes the card even when the focus was lost (a button that went away after a status change).
  useEscape(id !== undefined && change === null, onClose);

  const m = meeting?.id === id ? meeting : null;
  const mayChange = !!m && (hasRole(me, 'vanthu', 'lanhdao') || m.createdById === me.id);
  const mayEdit = mayChange && canSave;
  const mayStatus = mayChange && canStatus;

  async function setStatus(status: 'chinh-thuc' | 'du-kien') {
    if (!m) return;
    setBusy(status);
    try {
      const next = await call('meetings.setStatus', { id: m.id, status });
      setMeeting(next);
      onChanged();
    } catch (e) {
      if (e instanceof ApiFailure && e.error.code === 'CONFLICT') setChange({ status, conflict: e.error.message });
      else showError(e, message.error);
    } finally {
      setBusy(null);
    }
  }

  async function invitation() {
    if (!m) return;
    setBusy('invite');
    try {
      const r = await call('meetings.invitation', { id: m.id });
      message.success('Đã tạo dự thảo Giấy mời.');
      navigate(`/drafting/${r.draftId}`);
    } catch (e) {
      showError(e, message.error);
    } finally {
      setBusy(null);
    }
  }

  const active = m?.status === 'du-kien' || m?.status === 'chinh-thuc';
  return (
    <Drawer open={id !== undefined} onClose={onClose} size={720} title={m ? m.title : 'Cuộc họp'} data-testid="meeting-drawer">
      {!m && <Spin />}
      {m && (
        <div data-testid="meeting-detail">
          <Space wrap style={{ marginBottom: 12 }} className="vp-no-print">
            {mayEdit && (
              <Button icon={<EditOutlined />} onClick={() => onEdit(m)} data-testid="meeting-edit">
                Sửa
              </Button>
            )}
            {mayStatus && m.status === 'du-kien' && (
              <Button type="primary" icon={<CheckOutlined />} loading={busy === 'chinh-thuc'} onClick={() => void setStatus('chinh-thuc')} data-testid="meeting-confirm">
                Chính thức
              </Button>
            )}
            {mayStatus && !active && (
              <Button icon={<RedoOutlined />} loading={busy === 'du-kien'} onClick={() => void setStatus('du-kien')} data-testid="meeting-restore">
                Xếp lại lịch
              </Button>
            )}
            {mayStatus && active && (
              <Button icon={<PauseCircleOutlined />} onClick={() => setChange({ status: 'hoan' })} data-testid="meeting-postpone">
                Hoãn
              </Button>
            )}
            {mayStatus && m.status !== 'huy' && (
              <Button danger icon={<StopOutlined />} onClick={() => setChange({ status: 'huy' })} data-testid="meeting-cancel">
                Hủy
              </Button>
            )}
            {canInvite && (
              <Button icon={<FileAddOutlined />} loading={busy === 'invite'} onClick={() => void invitation()} data-testid="meeting-invitation">
                Tạo giấy mời
              </Button>
            )}
          </Space>
          {!active && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={m.status === 'hoan' ? 'Cuộc họp đã hoãn: không giữ phòng, không giữ người.' : 'Cuộc họp đã hủy: không giữ phòng, không giữ người.'} />}
          <MeetingFacts meeting={m} full />
          <StatusModal
            meeting={m}
            change={change}
            onClose={() => setChange(null)}
            onDone={(next) => {
              setMeeting(next);
              setChange(null);
              onChanged();
            }}
          />
        </div>
      )}
    </Drawer>
  );
}
