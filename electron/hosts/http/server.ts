import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeWire, encodeWire } from '../../../shared/api/wire';
import type { Result } from '../../../shared/api/result';
import type { AppContext } from '../../app/context';
import { dispatch } from '../../api/dispatch';
import { anonymousSession, type Session } from '../../app/caller';
import { contentTypeOf, resolveStatic } from './static-files';
import { CSP } from '../csp';


/** Largest request body: a 200 MB attachment in base64 plus the rest of the form. */
const MAX_BODY_BYTES = 300 * 1024 * 1024;

export interface HttpHost {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

/**
 * Browser mode: the API over HTTP on 127.0.0.1 only. Every API call needs the per-launch token; Host must be our
 * own loopback address (defeats DNS rebinding) and Origin, when sent, must be our own origin (defeats CSRF).
 */
/**
 * How long a browser's login lasts (issues 13 and 14): it ends after an hour without a call, after 12 hours in any
 * case, and the host keeps at most 10,000 sessions (the least recently used goes first), so memory stays bounded
 * however many cookies a client makes up. Times come from the app's clock.
 */
export const SESSION_LIMITS = { idleMs: 60 * 60_000, maxLifetimeMs: 12 * 3_600_000, maxSessions: 10_000 } as const;

interface HeldSession {
  session: Session;
  createdMs: number;
  seenMs: number;
}

export async function startHttpHost(
  app: AppContext,
  opts: { port?: number; staticRoot?: string; token?: string; sessions?: Partial<Record<keyof typeof SESSION_LIMITS, number>> } = {},
): Promise<HttpHost> {
  const limits = { ...SESSION_LIMITS, ...opts.sessions };
  const token = opts.token ?? crypto.randomBytes(32).toString('base64url');
  const tokenBuf = Buffer.from(token);
  let port = 0;

  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const allowedOrigins = () => new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);

  const send = (res: http.ServerResponse, status: number, body: Result<unknown>) => {
    const text = encodeWire(body);
    res.writeHead(status, {
      'Content-Type': 'application/json; charset=utf-8',
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    });
    res.end(text);
  };
  // Login state per browser: an HttpOnly, SameSite=Strict cookie naming a session held only in this process's memory
  // (a restart logs everyone out, like the per-launch token).
  // Cookies ignore ports: the name carries ours, so two instances (or another local service) never share one. The id
  // is replaced at login and logout (no session fixation).
  const sessions = new Map<string, HeldSession>();
  const now = () => app.clock().getTime();
  const expired = (h: HeldSession, t: number) => t - h.seenMs > limits.idleMs || t - h.createdMs > limits.maxLifetimeMs;
  const evict = () => {
    const t = now();
    for (const [id, h] of sessions) if (expired(h, t)) sessions.delete(id);
    // Still full: the least recently used go (a Map keeps insertion order, and a used session is moved to the end),
    // sessions nobody is logged in to first, so that a client making up requests cannot push out people's logins.
    for (const loggedInToo of [false, true]) {
      for (const [id, h] of sessions) {
        if (sessions.size < limits.maxSessions) return;
        if (loggedInToo || !h.session.caller) sessions.delete(id);
      }
    }
  };
  const sweep = setInterval(evict, 60_000);
  sweep.unref();
  const cookieName = () => `vp_session_${port}`;
  const issueCookie = (res: http.ServerResponse, s: Session) => {
    const id = crypto.randomBytes(32).toString('base64url');
    if (sessions.size >= limits.maxSessions) evict();
    const t = now();
    sessions.set(id, { session: s, createdMs: t, seenMs: t });
    res.setHeader('Set-Cookie', `${cookieName()}=${id}; HttpOnly; SameSite=Strict; Path=/`);
    return id;
  };
  const sessionOf = (req: http.IncomingMessage, res: http.ServerResponse): { id: string; session: Session } => {
    const m = new RegExp(`(?:^|;\\s*)${cookieName()}=([\\w-]{43})(?:;|$)`).exec(req.headers.cookie ?? '');
    const held = m ? sessions.get(m[1]) : undefined;
    const t = now();
    if (m && held && !expired(held, t)) {
      held.seenMs = t;
      sessions.delete(m[1]);
      sessions.set(m[1], held);
      return { id: m[1], session: held.session };
    }
    if (m && held) sessions.delete(m[1]); // ended: the caller starts again at the login screen
    const session = anonymousSession();
    return { id: issueCookie(res, session), session };
  };

  const deny = (res: http.ServerResponse, status: number, message: string) =>
    send(res, status, { ok: false, error: { code: 'FORBIDDEN', message } });

  const server = http.createServer((req, res) => {
    void handle(req, res).catch((e) => {
      console.error('[vanphong] http error', e);
      if (!res.headersSent) send(res, 500, { ok: false, error: { code: 'INTERNAL', message: 'Lỗi máy chủ nội bộ.' } });
      else res.destroy();
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
    if (!allowedHosts().has(req.headers.host ?? '')) return deny(res, 421, 'Máy chủ chỉ phục vụ địa chỉ 127.0.0.1 của chính nó.');
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedOrigins().has(origin)) return deny(res, 403, 'Nguồn gọi (Origin) không được phép.');
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);

    if (url.pathname.startsWith('/api/')) {
      if (req.method !== 'POST') return deny(res, 405, 'Chỉ chấp nhận POST.');
      const given = Buffer.from(String(req.headers['x-vanphong-token'] ?? ''));
      if (given.length !== tokenBuf.length || !crypto.timingSafeEqual(given, tokenBuf)) {
        return deny(res, 401, 'Thiếu hoặc sai mã phiên; hãy mở lại ứng dụng từ địa chỉ được in ra khi khởi động.');
      }
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return deny(res, 415, 'Nội dung phải là JSON.');
      const body = await readBody(req);
      if (body === null) return send(res, 413, { ok: false, error: { code: 'FILE_TOO_LARGE', message: 'Yêu cầu quá lớn.' } });
      let input: unknown;
      try {
        input = body.length ? decodeWire(body.toString('utf8')) : {};
      } catch {
        return send(res, 400, { ok: false, error: { code: 'VALIDATION', message: 'Nội dung yêu cầu không phải JSON hợp lệ.' } });
      }
      const name = decodeURIComponent(url.pathname.slice('/api/'.length));
      const { id, session } = sessionOf(req, res);
      // Failed logins count per account and client address (auth/throttle.ts).
      session.address = req.socket.remoteAddress ?? 'http';
      const result = await dispatch(app, name, input, session);
      if (result.ok && (name === 'auth.login' || name === 'auth.logout' || name === 'auth.setup')) {
        sessions.delete(id);
        issueCookie(res, session);
      }
      return send(res, 200, result);
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') return deny(res, 405, 'Phương thức không được phép.');
    const file = opts.staticRoot ? resolveStatic(opts.staticRoot, url.pathname) : null;
    if (!file) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
      return res.end(opts.staticRoot ? 'Không tìm thấy.' : 'Chưa có giao diện: hãy chạy npm run build.');
    }
    res.writeHead(200, {
      'Content-Type': contentTypeOf(file),
      'Content-Security-Policy': CSP,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': 'no-cache',
    });
    if (req.method === 'HEAD') return res.end();
    fs.createReadStream(file).pipe(res);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}/`;
  return {
    url,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        clearInterval(sweep);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function readBody(req: http.IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooBig = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) tooBig = true;
      else chunks.push(c);
    });
    req.on('end', () => resolve(tooBig ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

