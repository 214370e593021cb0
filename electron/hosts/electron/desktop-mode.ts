import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import tls from 'node:tls';
import { AppError } from '../../../shared/api/result';
import { fingerprintDigits, fingerprintOf } from '../server/tls-identity';

/**
 * The desktop app's first-start choice (issue 13): work on this computer only (the embedded database in the data
 * folder), or connect to the office server. The server's certificate is pinned by its SHA-256 fingerprint when the
 * user accepts it, having compared it with the one the administrator sees; a server that later shows another
 * certificate is refused until the user accepts the new fingerprint the same way. Electron-free, so tests run it.
 */
export interface DesktopConfig {
  mode: 'local' | 'office';
  server?: { url: string; fingerprint: string };
}

const FILE = 'desktop.json';

export function readDesktopConfig(dataDir: string): DesktopConfig | null {
  try {
    const c = JSON.parse(fs.readFileSync(path.join(dataDir, FILE), 'utf8')) as DesktopConfig;
    if (c.mode === 'local') return { mode: 'local' };
    if (c.mode === 'office' && c.server && typeof c.server.url === 'string' && typeof c.server.fingerprint === 'string') return c;
  } catch {
    // No choice yet (or an unreadable file): ask again.
  }
  return null;
}

export function writeDesktopConfig(dataDir: string, c: DesktopConfig): void {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = path.join(dataDir, FILE);
  fs.writeFileSync(`${file}.tmp`, JSON.stringify(c, null, 2), { mode: 0o600 });
  fs.renameSync(`${file}.tmp`, file);
}

/** The server's address as the app keeps it: https, host and port, ending in "/". */
export function serverOrigin(text: string): string {
  let u: URL;
  try {
    u = new URL(/^[a-z]+:\/\//i.test(text.trim()) ? text.trim() : `https://${text.trim()}`);
  } catch {
    throw new AppError('VALIDATION', 'Địa chỉ máy chủ không hợp lệ; ví dụ: https://may-chu.coquan.local:8443', { field: 'url' });
  }
  if (u.protocol !== 'https:') throw new AppError('VALIDATION', 'Máy chủ cơ quan chỉ nhận HTTPS: địa chỉ phải bắt đầu bằng https://', { field: 'url' });
  return `${u.origin}/`;
}

const sameFingerprint = (a: string, b: string) => fingerprintDigits(a) === fingerprintDigits(b);

/** Connects once, without trusting anything, to read the certificate the server shows: what the user compares. */
export function probeServer(url: string, timeoutMs = 8000): Promise<{ url: string; fingerprint: string; subject: string; names: string }> {
  const origin = serverOrigin(url);
  const u = new URL(origin);
  const host = u.hostname.replace(/^\[|\]$/g, '');
  return new Promise((resolve, reject) => {
    const socket = tls.connect({ host, port: Number(u.port || 443), servername: /^[\d.]+$|:/.test(host) ? undefined : host, rejectUnauthorized: false, timeout: timeoutMs });
    const fail = (why: string) => {
      socket.destroy();
      reject(new AppError('OFFLINE', `Không kết nối được ${origin}: ${why}.`, { field: 'url' }));
    };
    socket.once('secureConnect', () => {
      const cert = socket.getPeerCertificate();
      socket.end();
      if (!cert?.raw) return fail('máy chủ không đưa chứng thư');
      const x = new crypto.X509Certificate(cert.raw);
      resolve({ url: origin, fingerprint: fingerprintOf(cert.raw), subject: x.subject.replace(/\n/g, ', '), names: x.subjectAltName ?? '' });
    });
    socket.once('timeout', () => fail('quá thời gian chờ'));
    socket.once('error', (e: NodeJS.ErrnoException) => fail(e.code === 'ECONNREFUSED' ? 'máy chủ không trả lời ở cổng này' : e.code === 'ENOTFOUND' ? 'không tìm thấy tên máy' : (e.code ?? e.message)));
  });
}

/**
 * Electron's certificate check for the pinned server: 0 (accept) for the pinned certificate, -2 (refuse) for another
 * one from the same host, -3 (Chromium decides) for every other host.
 */
export function pinnedVerify(config: DesktopConfig, request: { hostname: string; certificate: { data: string } }): 0 | -2 | -3 {
  if (config.mode !== 'office' || !config.server) return -3;
  if (new URL(config.server.url).hostname.replace(/^\[|\]$/g, '') !== request.hostname.replace(/^\[|\]$/g, '')) return -3;
  try {
    return sameFingerprint(fingerprintOf(request.certificate.data), config.server.fingerprint) ? 0 : -2;
  } catch {
    return -2;
  }
}
