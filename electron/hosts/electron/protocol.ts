import fs from 'node:fs/promises';
import { contentTypeOf, resolveStatic } from '../http/static-files';
import { CSP } from './security';

/**
 * app://vanphong/… serves the built renderer (instead of file://, which would give the page the file system's
 * origin). The path guard is the same as the HTTP host's: nothing outside the root, ever.
 */
export function resolveAppPath(root: string, url: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== 'app:' || u.host !== 'vanphong') return null;
  // The raw path, before URL parsing folded any "..": an encoded or literal traversal is refused outright.
  const raw = url.slice('app://vanphong'.length).split(/[?#]/)[0] || '/';
  if (/(^|\/)(\.\.|%2e%2e|\.%2e|%2e\.)(\/|%2f|%5c|$)/i.test(raw) || /%2f|%5c|\\/i.test(raw)) return null;
  return resolveStatic(root, u.pathname);
}

export async function handleAppRequest(root: string, request: { url: string }): Promise<Response> {
  const file = resolveAppPath(root, request.url);
  if (!file) return new Response('Không tìm thấy.', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  const body = await fs.readFile(file);
  return new Response(body, {
    status: 200,
    headers: { 'Content-Type': contentTypeOf(file), 'Content-Security-Policy': CSP, 'X-Content-Type-Options': 'nosniff' },
  });
}
