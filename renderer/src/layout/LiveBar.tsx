import { useEffect } from 'react';
import { Alert, App } from 'antd';
import { useNotices, useOnline } from '../api/live';

/**
 * The office server's voice in the window: one line while it cannot be reached (what was typed stays in its form),
 * and the notices meant for me (a draft submitted to me, returned, signed, issued; a meeting of mine changed), in the
 * window and, when the user allowed it, as a system notification.
 */
export function LiveBar() {
  const online = useOnline();
  const { notification } = App.useApp();
  useNotices((n) => {
    notification.info({ message: n.title, description: n.body, placement: 'bottomRight', duration: 8 });
    if (typeof Notification !== 'undefined' && Notification.permission === 'granted' && document.hidden) new Notification(n.title, { body: n.body });
  });
  useEffect(() => {
    // Asked once, after the user's first click anywhere (browsers refuse a request without a gesture).
    if (typeof Notification === 'undefined' || Notification.permission !== 'default') return;
    const ask = () => void Notification.requestPermission().catch(() => undefined);
    window.addEventListener('click', ask, { once: true });
    return () => window.removeEventListener('click', ask);
  }, []);
  if (online) return null;
  return <Alert type="warning" banner data-testid="offline-banner" message="Mất kết nối tới máy chủ — đang thử kết nối lại. Nội dung bạn đang nhập vẫn được giữ; chưa có gì bị ghi dở." />;
}
