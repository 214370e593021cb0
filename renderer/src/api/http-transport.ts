import { METHOD_NAMES, type VanphongApi } from '../../../shared/api/contract';
import { decodeWire, encodeWire } from '../../../shared/api/wire';
import type { Result } from '../../../shared/api/result';

const TOKEN_KEY = 'vanphong.token';
const CSRF_KEY = 'vanphong.csrf';

/**
 * Browser mode on this computer: the per-launch token arrives once in the URL fragment; keep it for this tab and take
 * it out of the address bar. On the office server there is none: the login cookie and its CSRF token are enough.
 */
export function takeToken(): string | null {
  const m = /(?:^#|&)token=([\w-]+)/.exec(location.hash);
  if (m) {
    sessionStorage.setItem(TOKEN_KEY, m[1]);
    history.replaceState(null, '', location.pathname + location.search);
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

export const OFFLINE_MESSAGE = 'Không kết nối được máy chủ: chưa có gì được ghi, nội dung bạn nhập vẫn còn. Hãy thử lại khi có kết nối.';

export function httpApi(token: string | null): VanphongApi {
  const send = (name: string, body: string) =>
    fetch(`/api/${name}`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        ...(token ? { 'X-Vanphong-Token': token } : {}),
        'X-Vanphong-Csrf': sessionStorage.getItem(CSRF_KEY) ?? '',
      },
      body,
    });
  const call = async (name: string, input: unknown): Promise<Result<unknown>> => {
    try {
      const body = encodeWire(input ?? {});
      let res = await send(name, body);
      let result = decodeWire(await res.text()) as Result<unknown>;
      if (!result.ok && result.error.code === 'CSRF') {
        // A new tab of a logged-in browser, or a token from before a re-login: take the current one and try once more.
        await fetchCsrf();
        res = await send(name, body);
        result = decodeWire(await res.text()) as Result<unknown>;
      }
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
