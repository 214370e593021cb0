import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AppContext } from '../../app/context';
import type { SessionLimits } from '../../sessions/service';
import { apiRoutes, deny, readBody, SECURITY_HEADERS } from './api-route';
import { LiveEvents } from './live-events';
import { sendStatic } from './static-files';


export interface HttpHost {
  url: string;
  port: number;
  token: string;
  /** A one-time code for the address to open (url#code=…): the page exchanges it for the token, once, within 10 minutes. */
  launchCode(): string;
  /** Files uploaded and not yet taken by a call (tests, diagnostics). */
  uploadsWaiting(): number;
  live: LiveEvents;
  close(): Promise<void>;
}

const LAUNCH_TTL_MS = 10 * 60_000;

/**
 * Browser mode: the API over HTTP on 127.0.0.1 only. Every API call needs the per-launch token, which never travels in
 * an address: the browser is opened with a one-time code that the page exchanges for it (POST /launch). Host must be our
 * own loopback address (defeats DNS rebinding) and Origin, when sent, must be our own origin (defeats CSRF). Logins,
 * CSRF tokens and live events are the office server's (api-route.ts), over plain HTTP on loopback.
 */
export async function startHttpHost(
  app: AppContext,
  opts: { port?: number; staticRoot?: string; token?: string; sessions?: Partial<SessionLimits> } = {},
): Promise<HttpHost> {
  const token = opts.token ?? crypto.randomBytes(32).toString('base64url');
  const tokenBuf = Buffer.from(token);
  let port = 0;

  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const allowedOrigins = () => new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);
  const live = new LiveEvents(app);
  // Cookies ignore ports: the name carries ours, so two instances (or another local service) never share one.
  let routes: ReturnType<typeof apiRoutes>;
  const codes = new Map<string, number>();
  const launchCode = () => {
    const now = Date.now();
    for (const [c, until] of codes) if (until < now) codes.delete(c);
    const code = crypto.randomBytes(24).toString('base64url');
    codes.set(code, now + LAUNCH_TTL_MS);
    return code;
  };

  const server = http.createServer((req, res) => {
    void handle(req, res).catch((e) => {
      console.error('[vanphong] http error', (e as Error).message);
      if (!res.headersSent) deny(res, 500, 'Lỗi máy chủ nội bộ.', 'INTERNAL');
      else res.destroy();
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
    if (!allowedHosts().has(req.headers.host ?? '')) return deny(res, 421, 'Máy chủ chỉ phục vụ địa chỉ 127.0.0.1 của chính nó.');
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedOrigins().has(origin)) return deny(res, 403, 'Nguồn gọi (Origin) không được phép.');
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);

    if (url.pathname === '/launch') return launch(req, res);
    if (url.pathname === '/session') return routes.sessionInfo(req, res);
    if (url.pathname === '/events') return routes.events(req, res, url);
    if (url.pathname.startsWith('/files/')) return routes.file(req, res, url.pathname.slice('/files/'.length));
    if (url.pathname.startsWith('/api/') || url.pathname === '/upload') {
      const given = Buffer.from(String(req.headers['x-vanphong-token'] ?? ''));
      if (given.length !== tokenBuf.length || !crypto.timingSafeEqual(given, tokenBuf)) {
        return deny(res, 401, 'Thiếu hoặc sai mã phiên; hãy mở lại ứng dụng từ địa chỉ được in ra khi khởi động.');
      }
      if (url.pathname === '/upload') return routes.upload(req, res);
      return routes.api(req, res, decodeURIComponent(url.pathname.slice('/api/'.length)));
    }

    sendStatic(req, res, opts.staticRoot, url.pathname, SECURITY_HEADERS);
  }

  /** POST /launch {code}: the token for a code printed or opened at start, once; our own pages only (Origin required). */
  async function launch(req: http.IncomingMessage, res: http.ServerResponse) {
    if (req.method !== 'POST') return deny(res, 405, 'Chỉ chấp nhận POST.');
    if (req.headers.origin === undefined) return deny(res, 403, 'Thiếu nguồn gọi (Origin).');
    const body = await readBody(req, 1024);
    let code = '';
    try {
      code = typeof body === 'object' && body !== null ? String((JSON.parse(body.toString('utf8')) as { code?: unknown }).code ?? '') : '';
    } catch {
      code = '';
    }
    const until = codes.get(code);
    codes.delete(code);
    if (until === undefined || until < Date.now()) {
      return deny(res, 401, 'Địa chỉ mở ứng dụng đã dùng hoặc đã hết hạn: nhấn Enter trong cửa sổ «vanphong serve» để mở một địa chỉ mới.', 'UNAUTHENTICATED');
    }
    res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...SECURITY_HEADERS });
    res.end(JSON.stringify({ token }));
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  routes = apiRoutes(app, { via: 'browser', cookieName: `vp_session_${port}`, secureCookie: false, limits: opts.sessions, live });
  const url = `http://127.0.0.1:${port}/`;
  return {
    url,
    port,
    token,
    launchCode,
    uploadsWaiting: () => routes.uploads.waiting(),
    live,
    close: () =>
      new Promise<void>((resolve) => {
        live.close();
        routes.uploads.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
