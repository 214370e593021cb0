import { METHOD_NAMES, type VanphongApi } from '../../../shared/api/contract';
import { decodeWire, encodeWire, largeBytesIn } from '../../../shared/api/wire';
import type { Result } from '../../../shared/api/result';

const TOKEN_KEY = 'vanphong.token';
const CSRF_KEY = 'vanphong.csrf';

/**
 * Browser mode on this computer: the address printed (and opened) at start carries a one-time launch code in its
 * fragment, never the host's token; the page exchanges it once for the token (POST /launch, same origin only), keeps
 * the token for this tab and takes the code out of the address bar. A copied or logged address is worthless after
 * that. On the office server there is neither: the login cookie and its CSRF token are enough.
 */
export async function takeToken(): Promise<string | null> {
  const m = /(?:^#|&)code=([\w-]+)/.exec(location.hash);
  if (m) {
    history.replaceState(null, '', location.pathname + location.search);
    try {
      const res = await fetch('/launch', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ code: m[1] }), cache: 'no-store' });
      const body = (await res.json()) as { token?: string };
      if (body.token) sessionStorage.setItem(TOKEN_KEY, body.token);
    } catch {
      // Offline or not a browser-mode host: the calls below say so.
    }
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

/** This session's anti-forgery token, from the host (same-origin only: another site cannot read it). */
async function fetchCsrf(): Promise<string | null> {
  const res = await fetch('/session', { cache: 'no-store' });
  const body = (await res.json()) as { csrf: string | null };
  if (body.csrf) sessionStorage.setItem(CSRF_KEY, body.csrf);
  else sessionStorage.removeItem(CSRF_KEY);
  return body.csrf;
}

/** A stored file's bytes from GET /files/<sha256> (streamed by the host, no JSON body), or the host's error. */
export async function fetchFile(sha256: string): Promise<Result<Uint8Array>> {
  try {
    const res = await fetch(`/files/${sha256}`, { cache: 'no-store' });
    if (!res.ok) return (await res.json()) as Result<Uint8Array>;
    return { ok: true, value: new Uint8Array(await res.arrayBuffer()) };
  } catch {
    window.dispatchEvent(new Event('vanphong:offline'));
    return { ok: false, error: { code: 'OFFLINE', message: OFFLINE_MESSAGE } };
  }
}

export const OFFLINE_MESSAGE = 'Không kết nối được máy chủ: chưa có gì được ghi, nội dung bạn nhập vẫn còn. Hãy thử lại khi có kết nối.';

export function httpApi(tokenReady: Promise<string | null>): VanphongApi {
  const send = async (path: string, body: string | Uint8Array, contentType: string) => {
    const token = await tokenReady;
    return fetch(path, {
      method: 'POST',
      headers: {
        'Content-Type': contentType,
        ...(token ? { 'X-Vanphong-Token': token } : {}),
        'X-Vanphong-Csrf': sessionStorage.getItem(CSRF_KEY) ?? '',
      },
      body: body as BodyInit,
    });
  };
  /** One request; a CSRF refusal (a new tab, or a token from before a re-login) takes the current token and tries once more. */
  const post = async (path: string, body: string | Uint8Array, contentType: string) => {
    let res = await send(path, body, contentType);
    let result = decodeWire(await res.text()) as Result<unknown>;
    if (!result.ok && result.error.code === 'CSRF') {
      await fetchCsrf();
      res = await send(path, body, contentType);
      result = decodeWire(await res.text()) as Result<unknown>;
    }
    return { res, result };
  };
  const call = async (name: string, input: unknown): Promise<Result<unknown>> => {
    try {
      // Files are streamed first (POST /upload) and named in the call: the call's own body stays a small form.
      const uploaded = new Map<Uint8Array, string>();
      for (const bytes of largeBytesIn(input)) {
        const { result } = await post('/upload', bytes, 'application/octet-stream');
        if (!result.ok) return result;
        uploaded.set(bytes, (result.value as { upload: string }).upload);
      }
      const { res, result } = await post(`/api/${name}`, encodeWire(input ?? {}, uploaded), 'application/json');
      const csrf = res.headers.get('X-Vanphong-Csrf');
      if (csrf) sessionStorage.setItem(CSRF_KEY, csrf);
      window.dispatchEvent(new Event('vanphong:online'));
      return result;
    } catch {
      window.dispatchEvent(new Event('vanphong:offline'));
      return { ok: false, error: { code: 'OFFLINE', message: OFFLINE_MESSAGE } };
    }
  };
  return Object.fromEntries(METHOD_NAMES.map((n) => [n, (input: unknown) => call(n, input)])) as unknown as VanphongApi;
}
