import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AppContext } from '../../app/context';
import type { SessionLimits } from '../../sessions/service';
import { apiRoutes, deny, SECURITY_HEADERS } from './api-route';
import { LiveEvents } from './live-events';
import { sendStatic } from './static-files';


/** Largest API request: an attachment of the size limit (VANPHONG_MAX_FILE_MB, 200 MB) in base64, plus the form. */
const bodyLimit = (app: AppContext) => Math.ceil(app.maxFileBytes * 1.37) + 1024 * 1024;

export interface HttpHost {
  url: string;
  port: number;
  token: string;
  live: LiveEvents;
  close(): Promise<void>;
}

/**
 * Browser mode: the API over HTTP on 127.0.0.1 only. Every API call needs the per-launch token; Host must be our
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

    if (url.pathname === '/session') return routes.sessionInfo(req, res);
    if (url.pathname === '/events') return routes.events(req, res, url);
    if (url.pathname.startsWith('/files/')) return routes.file(req, res, url.pathname.slice('/files/'.length));
    if (url.pathname.startsWith('/api/')) {
      const given = Buffer.from(String(req.headers['x-vanphong-token'] ?? ''));
      if (given.length !== tokenBuf.length || !crypto.timingSafeEqual(given, tokenBuf)) {
        return deny(res, 401, 'Thiếu hoặc sai mã phiên; hãy mở lại ứng dụng từ địa chỉ được in ra khi khởi động.');
      }
      return routes.api(req, res, decodeURIComponent(url.pathname.slice('/api/'.length)));
    }

    sendStatic(req, res, opts.staticRoot, url.pathname, SECURITY_HEADERS);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  routes = apiRoutes(app, { via: 'browser', cookieName: `vp_session_${port}`, secureCookie: false, maxBodyBytes: bodyLimit(app), limits: opts.sessions, live });
  const url = `http://127.0.0.1:${port}/`;
  return {
    url,
    port,
    token,
    live,
    close: () =>
      new Promise<void>((resolve) => {
        live.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
