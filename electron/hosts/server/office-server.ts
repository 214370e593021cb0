import https from 'node:https';
import net from 'node:net';
import type http from 'node:http';
import type { AppContext } from '../../app/context';
import type { SessionLimits } from '../../sessions/service';
import { apiRoutes, deny, SECURITY_HEADERS } from '../http/api-route';
import { LiveEvents } from '../http/live-events';
import { sendStatic } from '../http/static-files';
import type { TlsIdentity } from './tls-identity';

/**
 * The office server (issue 13): the same API, roles and audit log as every host, for the desktops, browsers and CLIs
 * of a whole văn phòng, always over HTTPS (loopback included). A plain-HTTP request to the port gets a one-line
 * refusal and no API. Requests must name the server by one of its certificate's names (Host) and come from its own
 * pages (Origin); logins are Secure cookies with a CSRF token per session (http/api-route.ts).
 */
export interface OfficeServer {
  url: string;
  port: number;
  fingerprint: string;
  live: LiveEvents;
  /** Stops accepting, lets the requests in flight finish (at most `graceMs`), ends the live streams. */
  close(graceMs?: number): Promise<void>;
}

export interface OfficeServerOptions {
  host: string;
  port: number;
  identity: TlsIdentity;
  staticRoot?: string;
  sessions?: Partial<SessionLimits>;
  /** The largest API request body; default: an attachment at the size limit in base64 plus the form. */
  maxBodyBytes?: number;
}

const HSTS = { 'Strict-Transport-Security': 'max-age=31536000' };

const hostPart = (h: string) => (h.includes(':') ? `[${h}]` : h);

export async function startOfficeServer(app: AppContext, opts: OfficeServerOptions): Promise<OfficeServer> {
  const live = new LiveEvents(app);
  const headers = { ...SECURITY_HEADERS, ...HSTS };
  let port = 0;
  let allowed = new Set<string>();
  /** "*.coquan.vn" in the office's own certificate: any one label before ".coquan.vn". */
  let wildcards: string[] = [];
  /** Host as the client wrote it (name:port), when the certificate covers that name and it is our port. */
  const hostAllowed = (host: string) => {
    const h = host.toLowerCase();
    if (allowed.has(h)) return true;
    const m = /^([a-z0-9-]+)(\.[a-z0-9.-]+):(\d+)$/.exec(h);
    return !!m && Number(m[3]) === port && wildcards.includes(m[2]);
  };
  const routes = apiRoutes(app, {
    via: 'office',
    cookieName: '__Host-vp_session',
    secureCookie: true,
    maxBodyBytes: opts.maxBodyBytes,
    limits: opts.sessions,
    live,
    headers: HSTS,
  });

  let inFlight = 0;
  let drained: (() => void) | null = null;
  const tls = https.createServer({ key: opts.identity.key, cert: opts.identity.cert, minVersion: 'TLSv1.2' }, (req, res) => {
    inFlight++;
    res.on('close', () => {
      if (--inFlight === 0) drained?.();
    });
    void handle(req, res).catch((e) => {
      console.error('[vanphong] server error:', (e as Error).message);
      if (!res.headersSent) deny(res, 500, 'Lỗi máy chủ nội bộ.', 'INTERNAL', HSTS);
      else res.destroy();
    });
  });
  tls.headersTimeout = 30_000;
  tls.requestTimeout = 10 * 60_000;
  tls.keepAliveTimeout = 10_000;
  // Plain HTTP to the port: a one-line refusal written on the raw connection, never the API. Other failed handshakes
  // (a client pinning another certificate, a scanner) are the client's business: not logged.
  tls.on('tlsClientError', (e: NodeJS.ErrnoException, socket) => {
    const raw = (socket as unknown as { _parent?: net.Socket })._parent;
    if (e.code !== 'ERR_SSL_HTTP_REQUEST' || !raw || raw.destroyed || !raw.writable) return;
    const text = 'Máy chủ văn phòng chỉ nhận kết nối HTTPS: hãy dùng địa chỉ bắt đầu bằng https://\n';
    raw.end(`HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`);
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
    if (!hostAllowed(req.headers.host ?? '')) return deny(res, 421, 'Địa chỉ máy chủ (Host) không thuộc chứng thư của máy chủ này.', 'FORBIDDEN', HSTS);
    const origin = req.headers.origin;
    if (origin !== undefined && !(origin.toLowerCase().startsWith('https://') && hostAllowed(origin.slice('https://'.length)))) return deny(res, 403, 'Nguồn gọi (Origin) không được phép.', 'FORBIDDEN', HSTS);
    const url = new URL(req.url ?? '/', `https://${req.headers.host}`);
    if (url.pathname === '/session') return routes.sessionInfo(req, res);
    if (url.pathname === '/events') return routes.events(req, res, url);
    if (url.pathname.startsWith('/files/')) return routes.file(req, res, url.pathname.slice('/files/'.length));
    if (url.pathname === '/upload') return routes.upload(req, res);
    if (url.pathname.startsWith('/api/')) return routes.api(req, res, decodeURIComponent(url.pathname.slice('/api/'.length)));
    sendStatic(req, res, opts.staticRoot, url.pathname, headers);
  }

  await new Promise<void>((resolve, reject) => {
    tls.once('error', reject);
    tls.listen(opts.port, opts.host, () => resolve());
  });
  port = (tls.address() as net.AddressInfo).port;
  const names = [...new Set([...opts.identity.names, opts.host.toLowerCase()])].filter((n) => n !== '0.0.0.0' && n !== '::');
  allowed = new Set(names.filter((n) => !n.startsWith('*.')).flatMap((n) => [`${hostPart(n)}:${port}`, ...(port === 443 ? [hostPart(n)] : [])]));
  wildcards = names.filter((n) => n.startsWith('*.')).map((n) => n.slice(1));
  const named = names.find((n) => !/^[\d.:]+$/.test(n) && n !== 'localhost' && !n.startsWith('*.'));
  const shown = opts.host === '0.0.0.0' || opts.host === '::' ? (named ?? '127.0.0.1') : opts.host;

  return {
    url: `https://${hostPart(shown)}:${port}/`,
    port,
    fingerprint: opts.identity.fingerprint,
    live,
    close: (graceMs = 10_000) =>
      new Promise<void>((resolve) => {
        live.close();
        routes.uploads.close();
        tls.close();
        tls.closeIdleConnections();
        const done = () => {
          tls.closeAllConnections();
          resolve();
        };
        if (inFlight === 0) return done();
        const timer = setTimeout(done, graceMs);
        drained = () => {
          clearTimeout(timer);
          done();
        };
      }),
  };
}
