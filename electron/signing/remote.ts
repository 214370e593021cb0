import crypto from 'node:crypto';
import { AppError } from '../../shared/api/result';
import type { SigningKey } from './key';

/**
 * Ký số từ xa: a remote-signing service holds the signer's key (in its HSM) and signs only after the signer approves
 * the request on their phone, as the Vietnamese CAs' remote-signing services do. The app never holds that key: it
 * asks for the signer's certificate, sends the bytes to be signed with a short description, and waits.
 *
 * The protocol this adapter speaks (JSON over HTTPS; plain HTTP only on a loopback address, for tests and a local
 * gateway). `base` is the URL the administrator configured (signing setting remoteUrl), without a trailing slash;
 * binary values are standard base64.
 *
 *   GET  {base}/users/{username}/certificate
 *        200 {"certificate": "<DER>", "chain": ["<DER>", …]}      404: no certificate for that account
 *   POST {base}/sign-requests   {"username": "…", "data": "<bytes>", "digest": "<SHA-256 of data>", "description": "…"}
 *        201 {"id": "…"}
 *        The service signs `data` with the user's key once approved: SHA-256 then RSA PKCS#1 v1.5, or ECDSA with
 *        the (r, s) pair DER-encoded — what crypto.sign('sha256', data, key) gives. (`digest` is for services that
 *        sign a hash; it is SHA-256 of `data`.)
 *   GET  {base}/sign-requests/{id}
 *        200 {"status": "pending" | "approved" | "rejected", "signature"?: "<bytes>", "reason"?: "…"}
 *
 * The adapter polls every 250 ms until the request is approved or rejected, for at most 2 minutes. Error bodies may
 * carry {"error": "…"}, which is shown to the user.
 */
export interface RemoteSigningService {
  certificate(username: string): Promise<{ certificate: Uint8Array; chain: Uint8Array[] }>;
  sign(username: string, dataToSign: Uint8Array, description: string): Promise<Uint8Array>;
}

export const REMOTE_POLL_MS = 250;
export const REMOTE_TIMEOUT_MS = 2 * 60_000;
const REQUEST_TIMEOUT_MS = 15_000;

/** https://…, or http:// to a loopback address; else refused (the signature request carries the document's digest). */
export function validRemoteUrl(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new AppError('VALIDATION', `Địa chỉ dịch vụ ký số từ xa «${url}» không hợp lệ.`, { field: 'remoteUrl' });
  }
  const host = u.hostname.replace(/^\[|\]$/g, '');
  const loopback = host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
  if (u.protocol !== 'https:' && !(u.protocol === 'http:' && loopback)) {
    throw new AppError('VALIDATION', 'Dịch vụ ký số từ xa phải là địa chỉ https:// (http:// chỉ dùng được với địa chỉ nội bộ 127.0.0.1).', { field: 'remoteUrl' });
  }
  return u.toString().replace(/\/+$/, '');
}

const b64 = (u: Uint8Array) => Buffer.from(u).toString('base64');
const fromB64 = (s: unknown, what: string): Uint8Array => {
  if (typeof s !== 'string' || !/^[A-Za-z0-9+/=\s]+$/.test(s)) throw new AppError('INTERNAL', `Dịch vụ ký số từ xa trả về ${what} không hợp lệ.`, { field: 'key' });
  return new Uint8Array(Buffer.from(s, 'base64'));
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The adapter for the protocol above. `timeoutMs` and `pollMs` exist for tests; the product uses the defaults. */
export function httpRemoteSigning(baseUrl: string, opts: { pollMs?: number; timeoutMs?: number } = {}): RemoteSigningService {
  const base = validRemoteUrl(baseUrl);
  const pollMs = opts.pollMs ?? REMOTE_POLL_MS;
  const timeoutMs = opts.timeoutMs ?? REMOTE_TIMEOUT_MS;

  async function request(method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
    let res: Response;
    try {
      res = await fetch(`${base}${path}`, {
        method,
        headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (e) {
      throw new AppError('INTERNAL', `Không kết nối được dịch vụ ký số từ xa ${base}: ${(e as Error).message}. Chưa ký.`, { field: 'key' });
    }
    let json: Record<string, unknown> = {};
    try {
      const parsed: unknown = await res.json();
      if (parsed && typeof parsed === 'object') json = parsed as Record<string, unknown>;
    } catch {
      if (res.ok) throw new AppError('INTERNAL', 'Dịch vụ ký số từ xa trả về dữ liệu không đọc được.', { field: 'key' });
    }
    if (!res.ok && res.status !== 404) {
      const why = typeof json.error === 'string' ? `: ${json.error}` : '';
      throw new AppError('INTERNAL', `Dịch vụ ký số từ xa trả lời lỗi HTTP ${res.status}${why}. Chưa ký.`, { field: 'key' });
    }
    return { status: res.status, json };
  }

  return {
    async certificate(username) {
      const r = await request('GET', `/users/${encodeURIComponent(username)}/certificate`);
      if (r.status === 404) throw new AppError('VALIDATION', `Dịch vụ ký số từ xa không có chứng thư số cho tài khoản «${username}».`, { field: 'key' });
      const chain = Array.isArray(r.json.chain) ? r.json.chain.map((c) => fromB64(c, 'chứng thư')) : [];
      return { certificate: fromB64(r.json.certificate, 'chứng thư'), chain };
    },
    async sign(username, data, description) {
      const created = await request('POST', '/sign-requests', {
        username,
        data: b64(data),
        digest: crypto.createHash('sha256').update(data).digest('base64'),
        description: description.normalize('NFC'),
      });
      const id = created.json.id;
      if (created.status === 404 || typeof id !== 'string' || !id) throw new AppError('VALIDATION', `Dịch vụ ký số từ xa không nhận yêu cầu ký của tài khoản «${username}».`, { field: 'key' });
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const r = await request('GET', `/sign-requests/${encodeURIComponent(id)}`);
        if (r.status === 404) throw new AppError('INTERNAL', 'Dịch vụ ký số từ xa không còn yêu cầu ký này. Chưa ký.', { field: 'key' });
        if (r.json.status === 'approved') return fromB64(r.json.signature, 'chữ ký');
        if (r.json.status === 'rejected') {
          const reason = typeof r.json.reason === 'string' && r.json.reason.trim() ? `: ${r.json.reason.trim()}` : '.';
          throw new AppError('CONFLICT', `Người ký đã từ chối yêu cầu ký trên điện thoại${reason} Chưa ký.`, { field: 'key' });
        }
        if (r.json.status !== 'pending') throw new AppError('INTERNAL', 'Dịch vụ ký số từ xa trả về trạng thái không rõ. Chưa ký.', { field: 'key' });
        if (Date.now() + pollMs > deadline) {
          throw new AppError('CONFLICT', `Quá ${Math.round(timeoutMs / 60_000) || 1} phút không nhận được xác nhận trên điện thoại. Chưa ký; hãy thử lại.`, { field: 'key' });
        }
        await sleep(pollMs);
      }
    },
  };
}

/** The signer's key as the remote service holds it: certificate fetched now, every signature approved on the phone. */
export async function remoteKey(service: RemoteSigningService, username: string, description: string): Promise<SigningKey> {
  const { certificate, chain } = await service.certificate(username);
  return { certificate, chain, sign: (data) => service.sign(username, data, description) };
}
