import { contextBridge, ipcRenderer } from 'electron';
import { METHOD_NAME_LIST } from '../../../shared/api/permissions';
import type { VanphongApi } from '../../../shared/api/contract';

/**
 * The narrow preload: one object, one function per API method, each a single ipcRenderer.invoke on its own
 * channel. ipcRenderer itself is never exposed.
 */
const api = Object.fromEntries(
  METHOD_NAME_LIST.map((name) => [name, (input: unknown) => ipcRenderer.invoke(`api:${name}`, input)]),
) as unknown as VanphongApi;

contextBridge.exposeInMainWorld('vanphong', api);
// Desktop notifications for meeting reminders; the renderer falls back to the web Notification API without it.
contextBridge.exposeInMainWorld('vanphongNative', {
  notify: (title: string, body: string) => ipcRenderer.invoke('native:notify', { title, body }),
});
