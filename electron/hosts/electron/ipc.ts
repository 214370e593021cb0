import { METHOD_NAME_LIST } from '../../../shared/api/permissions';
import type { Result } from '../../../shared/api/result';
import type { AppContext } from '../../app/context';
import { dispatch } from '../../api/dispatch';
import { isAppUrl } from './security';
import { anonymousSession, type Session } from '../../app/caller';

export interface IpcMainLike {
  handle(channel: string, fn: (event: IpcEventLike, input: unknown) => Promise<unknown>): void;
}
export interface IpcEventLike {
  senderFrame?: { url: string; parent?: unknown } | null;
  sender?: { id: number };
}

const FORBIDDEN: Result<never> = {
  ok: false,
  error: { code: 'FORBIDDEN', message: 'Yêu cầu không đến từ cửa sổ của ứng dụng.' },
};

/**
 * One handler per API method ('api:<method>'). Each checks event.senderFrame (Electron security checklist, item 17):
 * only the top frame of a page served from app://vanphong may call; anything else gets FORBIDDEN and never
 * reaches the services.
 */
// One login per window (webContents), held in the main process: the renderer never holds a credential.
const sessions = new Map<number, Session>();

/** Who is logged in in the window that sent an IPC message (the desk's own channels check it too). */
export function windowCaller(event: IpcEventLike): Session['caller'] {
  return sessions.get(event.sender?.id ?? 0)?.caller ?? null;
}

export function registerIpcHandlers(ipcMain: IpcMainLike, app: AppContext, native: NativeServices = {}): string[] {
  const channels: string[] = [];
  const sessionOf = (event: IpcEventLike) => {
    const id = event.sender?.id ?? 0;
    let s = sessions.get(id);
    if (!s) sessions.set(id, (s = { ...anonymousSession(), address: 'desktop' }));
    return s;
  };
  for (const name of METHOD_NAME_LIST) {
    const channel = `api:${name}`;
    ipcMain.handle(channel, async (event, input) => {
      const frame = event.senderFrame;
      if (!frame || !isAppUrl(frame.url) || (frame.parent !== null && frame.parent !== undefined)) return FORBIDDEN;
      return dispatch(app, name, input, sessionOf(event));
    });
    channels.push(channel);
  }
  // Meeting reminders as desktop notifications (Electron's Notification in the main process), same frame check.
  if (native.notify) {
    const notify = native.notify;
    ipcMain.handle('native:notify', async (event, input) => {
      const frame = event.senderFrame;
      if (!frame || !isAppUrl(frame.url) || (frame.parent !== null && frame.parent !== undefined)) return FORBIDDEN;
      const n = input as { title?: unknown; body?: unknown } | null;
      if (!n || typeof n.title !== 'string' || typeof n.body !== 'string') return { ok: false, error: { code: 'VALIDATION', message: 'Thông báo cần tiêu đề và nội dung.' } };
      notify(n.title.slice(0, 200), n.body.slice(0, 500));
      return { ok: true, value: null };
    });
    channels.push('native:notify');
  }
  return channels;
}

export interface NativeServices {
  notify?: (title: string, body: string) => void;
}
