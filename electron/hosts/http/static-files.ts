import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import { CSP } from '../csp';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.map': 'application/json',
  '.bcmap': 'application/octet-stream',
  '.pfb': 'application/octet-stream',
};

export function contentTypeOf(file: string): string {
  return TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** Maps a URL path to a file inside root, or null: no traversal out of root, SPA routes fall back to index.html. */
export function resolveStatic(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\') || decoded.split('/').includes('..')) return null;
  const rel = path.posix.normalize(decoded).replace(/^\/+/, '');
  const rootAbs = path.resolve(root);
  const target = path.resolve(rootAbs, rel || 'index.html');
  if (target !== rootAbs && !target.startsWith(rootAbs + path.sep)) return null;
  if (fs.existsSync(target) && fs.statSync(target).isFile()) return target;
  if (!path.extname(rel)) {
    const index = path.join(rootAbs, 'index.html');
    return fs.existsSync(index) ? index : null;
  }
  return null;
}

/** GET/HEAD of the renderer's files with the app's CSP; anything else is refused. */
export function sendStatic(req: http.IncomingMessage, res: http.ServerResponse, root: string | undefined, urlPath: string, headers: Record<string, string>): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { 'Content-Type': 'text/plain; charset=utf-8', ...headers });
    return void res.end('Phương thức không được phép.');
  }
  const file = root ? resolveStatic(root, urlPath) : null;
  if (!file) {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', ...headers });
    return void res.end(root ? 'Không tìm thấy.' : 'Chưa có giao diện: hãy chạy npm run build.');
  }
  res.writeHead(200, { 'Content-Type': contentTypeOf(file), 'Content-Security-Policy': CSP, 'Cache-Control': 'no-cache', ...headers });
  if (req.method === 'HEAD') return void res.end();
  fs.createReadStream(file).pipe(res);
}
