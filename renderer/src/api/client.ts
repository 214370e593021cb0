import type { MethodInput, MethodName, MethodOutput, VanphongApi } from '../../../shared/api/contract';
import type { ApiError } from '../../../shared/api/result';
import { fetchFile, httpApi, takeToken } from './http-transport';

declare global {
  interface Window {
    vanphong?: VanphongApi;
  }
}

/** One API for the whole UI: the preload's IPC object in Electron, HTTP in browser mode. */
export const api: VanphongApi = window.vanphong ?? httpApi(takeToken());

export class ApiFailure extends Error {
  constructor(readonly error: ApiError) {
    super(error.message);
  }
}

/** An attachment's bytes: through IPC in the desktop app, streamed from GET /files/<sha256> over HTTP. */
export async function attachmentBytes(sha256: string): Promise<Uint8Array> {
  if (window.vanphong) return call('attachments.content', { sha256 });
  const r = await fetchFile(sha256);
  if (!r.ok) throw new ApiFailure(r.error);
  return r.value;
}

/** Calls a method and returns its value, or throws ApiFailure carrying the Vietnamese message and the field. */
export async function call<K extends MethodName>(name: K, input: MethodInput<K>): Promise<MethodOutput<K>> {
  const fn = api[name] as (i: MethodInput<K>) => Promise<{ ok: true; value: MethodOutput<K> } | { ok: false; error: ApiError }>;
  const r = await fn(input);
  if (!r.ok) {
    // The session ended (the host restarted, or an administrator locked the account): back to the login screen.
    if (r.error.code === 'UNAUTHENTICATED' && name !== 'auth.login') window.dispatchEvent(new Event('vanphong:logged-out'));
    throw new ApiFailure(r.error);
  }
  return r.value;
}
