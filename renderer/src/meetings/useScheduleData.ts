import { useCallback, useEffect, useState } from 'react';
import { App } from 'antd';
import type { UserInfo } from '../../../shared/auth/schemas';
import type { Meeting, Room, ScheduleSettings } from '../../../shared/meetings/schemas';
import { call } from '../api/client';
import { useLive } from '../api/live';
import { showError } from '../api/errors';

export type Settings = ScheduleSettings & { configured: boolean };

/** Who and where: the active accounts, the rooms and the schedule's letterhead, loaded once per page. */
export function useScheduleDirectory() {
  const { message } = App.useApp();
  const [users, setUsers] = useState<UserInfo[]>([]);
  const [rooms, setRooms] = useState<Room[]>([]);
  const [settings, setSettings] = useState<Settings | null>(null);
  const reloadRooms = useCallback(() => call('rooms.list', {}).then(setRooms, (e) => showError(e, message.error)), [message]);
  const reloadSettings = useCallback(() => call('meetings.settings', {}).then(setSettings, (e) => showError(e, message.error)), [message]);
  useEffect(() => {
    call('users.list', {}).then((us) => setUsers(us.filter((u) => u.active)), (e) => showError(e, message.error));
    void reloadRooms();
    void reloadSettings();
  }, [message, reloadRooms, reloadSettings]);
  return { users, rooms, settings, reloadRooms, reloadSettings, setSettings };
}

/**
 * The meetings of a date range for everyone, one person or one room; `reload` after a change keeps what is shown
 * until the new list arrives, while another range shows nothing (null) until its own list is there.
 */
export function useMeetings(from: string, to: string, filter: { userId?: number; roomId?: number }) {
  const { message } = App.useApp();
  const { userId, roomId } = filter;
  const key = `${from}|${to}|${userId ?? ''}|${roomId ?? ''}`;
  const [state, setState] = useState<{ key: string; list: Meeting[] } | null>(null);
  const [loading, setLoading] = useState(true);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let live = true;
    setLoading(true);
    call('meetings.list', { from, to, userId, roomId })
      .then(
        (ms) => live && setState({ key, list: [...ms].sort((a, b) => a.startMs - b.startMs || a.endMs - b.endMs) }),
        (e) => {
          if (live) setState({ key, list: [] });
          showError(e, message.error);
        },
      )
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [key, from, to, userId, roomId, version, message]);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  useLive(['meetings'], reload);
  return { meetings: state?.key === key ? state.list : null, loading, reload, version };
}
