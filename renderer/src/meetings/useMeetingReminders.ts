import { useEffect } from 'react';
import { App } from 'antd';
import type { Reminder } from '../../../shared/meetings/schemas';
import { call } from '../api/client';
import { hm } from './schedule';

declare global {
  interface Window {
    /** Desktop notifications from the Electron preload; absent in browser mode. */
    vanphongNative?: { notify(title: string, body: string): Promise<unknown> | void };
  }
}

const POLL_MS = 60_000;
const SEEN_KEY = 'vanphong.reminders.shown';

/** Whether the web Notification API can still ask for permission (browser mode, not yet asked). */
export function canAskNotificationPermission(): boolean {
  return !window.vanphongNative && typeof Notification !== 'undefined' && Notification.permission === 'default';
}

function seen(): Set<string> {
  try {
    return new Set(JSON.parse(sessionStorage.getItem(SEEN_KEY) ?? '[]') as string[]);
  } catch {
    return new Set();
  }
}

function markSeen(key: string): void {
  const s = seen();
  s.add(key);
  sessionStorage.setItem(SEEN_KEY, JSON.stringify([...s].slice(-200)));
}

/** "08:00 tại Phòng họp số 1". */
export function reminderBody(r: Reminder): string {
  return `${hm(r.start)}${r.location ? ` tại ${r.location}` : ''}`;
}

/**
 * Meeting reminders, mounted once for the logged-in person: every minute asks for the meetings that want a reminder
 * within the hour and sets a timer for each; at its time, a desktop notification (Electron), else the browser's
 * (when allowed), else a notice inside the app. Each reminder is shown once per browser session.
 */
export function useMeetingReminders(): void {
  const { notification } = App.useApp();
  useEffect(() => {
    const timers = new Map<string, ReturnType<typeof setTimeout>>();
    let stopped = false;

    function deliver(r: Reminder) {
      const title = `Sắp họp: ${r.title}`;
      const body = reminderBody(r);
      if (window.vanphongNative?.notify) {
        void Promise.resolve(window.vanphongNative.notify(title, body)).catch(() => notification.info({ title, description: body }));
      } else if (typeof Notification !== 'undefined' && Notification.permission === 'granted') {
        new Notification(title, { body, tag: `meeting-${r.meetingId}-${r.startMs}` });
      } else {
        notification.info({ title, description: body, duration: 0 });
      }
    }

    async function poll() {
      let list: Reminder[];
      try {
        list = await call('meetings.upcoming', { withinMinutes: 60 });
      } catch {
        return;
      }
      if (stopped) return;
      const shown = seen();
      const keys = new Set(list.map((r) => `${r.meetingId}:${r.startMs}`));
      // A meeting moved, postponed or cancelled since: its old reminder goes.
      for (const [key, t] of timers) {
        if (!keys.has(key)) {
          clearTimeout(t);
          timers.delete(key);
        }
      }
      for (const r of list) {
        const key = `${r.meetingId}:${r.startMs}`;
        if (shown.has(key) || timers.has(key)) continue;
        timers.set(
          key,
          setTimeout(() => {
            timers.delete(key);
            if (seen().has(key)) return;
            markSeen(key);
            deliver(r);
          }, Math.max(0, r.remindAtMs - Date.now())),
        );
      }
    }

    void poll();
    const every = setInterval(() => void poll(), POLL_MS);
    return () => {
      stopped = true;
      clearInterval(every);
      for (const t of timers.values()) clearTimeout(t);
      timers.clear();
    };
  }, [notification]);
}
