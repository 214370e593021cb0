import { METHOD_NAMES, type VanphongApi } from '../../../shared/api/contract';
import { decodeWire, encodeWire } from '../../../shared/api/wire';
import type { Result } from '../../../shared/api/result';

const TOKEN_KEY = 'vanphong.token';

/** The per-launch token arrives once in the URL fragment; keep it for this tab and take it out of the address bar. */
export function takeToken(): string | null {
  const m = /(?:^#|&)token=([\w-]+)/.exec(location.hash);
  if (m) {
    sessionStorage.setItem(TOKEN_KEY, m[1]);
    history.replaceState(null, '', location.pathname + location.search);
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

export function httpApi(token: string | null): VanphongApi {
  const call = async (name: string, input: unknown): Promise<Result<unknown>> => {
    try {
      const res = await fetch(`./api/${name}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Vanphong-Token': token ?? '' },
        body: encodeWire(input ?? {}),
      });
      return decodeWire(await res.text()) as Result<unknown>;
    } catch {
      return { ok: false, error: { code: 'INTERNAL', message: 'Mất kết nối tới máy chủ của ứng dụng. Hãy kiểm tra cửa sổ dòng lệnh.' } };
    }
  };
  return Object.fromEntries(METHOD_NAMES.map((n) => [n, (input: unknown) => call(n, input)])) as unknown as VanphongApi;
}
