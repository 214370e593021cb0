import { contextBridge, ipcRenderer } from 'electron';
import { METHOD_NAME_LIST } from '../../../shared/api/permissions';
import type { VanphongApi } from '../../../shared/api/contract';

/**
 * The narrow preload: one object, one function per API method, each a single ipcRenderer.invoke on its own
 * channel. ipcRenderer itself is never exposed. On the office server's pages (https) there is no local API: the page
 * talks to its server; only the desk's own channels are there (the first-start choice, signing with the key of this
 * computer).
 */
if (location.protocol === 'app:') {
  const api = Object.fromEntries(
    METHOD_NAME_LIST.map((name) => [name, (input: unknown) => ipcRenderer.invoke(`api:${name}`, input)]),
  ) as unknown as VanphongApi;
  contextBridge.exposeInMainWorld('vanphong', api);
}
// Desktop notifications for meeting reminders; the renderer falls back to the web Notification API without it.
contextBridge.exposeInMainWorld('vanphongNative', {
  notify: (title: string, body: string) => ipcRenderer.invoke('native:notify', { title, body }),
});
contextBridge.exposeInMainWorld('vanphongDesk', {
  status: () => ipcRenderer.invoke('desk:status', {}),
  probe: (url: string) => ipcRenderer.invoke('desk:probe', { url }),
  choose: (choice: unknown) => ipcRenderer.invoke('desk:choose', choice),
  share: (port: number | null) => ipcRenderer.invoke('desk:share', { port }),
  sharing: () => ipcRenderer.invoke('desk:sharing', {}),
  pickFolder: (title: string) => ipcRenderer.invoke('desk:pickFolder', { title }),
  tokens: (module: string) => ipcRenderer.invoke('desk:tokens', { module }),
  certificate: (key: unknown) => ipcRenderer.invoke('desk:certificate', { key }),
  sign: (key: unknown, data: Uint8Array) => ipcRenderer.invoke('desk:sign', { key, data }),
});
