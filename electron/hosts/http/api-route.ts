import crypto from 'node:crypto';
import type http from 'node:http';
import { decodeWire, encodeWire } from '../../../shared/api/wire';
import type { ErrorCode, Result } from '../../../shared/api/result';
import { accessOf, mayCall } from '../../../shared/api/permissions';
import { referencedBlobFile } from '../../attachments/read';
import { viewerFor } from '../../scope/viewer';
import { isMethodName } from '../../../shared/api/contract';
import type { AppContext } from '../../app/context';
import { dispatch } from '../../api/dispatch';
import { anonymousSession, type Session } from '../../app/caller';
import { endSession, keepSessionStamp, limitsOf, openSession, resumeSession, sessionAlive, type SessionLimits } from '../../sessions/service';
import type { LiveEvents } from './live-events';
import { UploadStore } from './uploads';
import path from 'node:path';

/**
 * The API over HTTP, as both HTTP hosts serve it (the local browser mode and the office server):
 * - POST /api/<method> with a JSON body (bounded) → the dispatcher, as the session's caller;
 * - POST /upload with a file's bytes, streamed to disk (uploads.ts), named in the next call as {"$upload": id};
 * - GET /session → this tab's CSRF token (same-origin only: the response is readable by our own pages alone);
 * - GET /events → the live events (Server-Sent Events), for a logged-in session.
 * A login is an HttpOnly, SameSite=Strict cookie (Secure on the office server) naming a session kept in the database
 * (electron/sessions). A call that presents a session must carry its CSRF token in X-Vanphong-Csrf; one that does not
 * runs anonymously (only login and status then work).
 */
export interface ApiRouteOptions {
  via: 'office' | 'browser';
  cookieName: string;
  secureCookie: boolean;
  /** The largest logged-in API call; API_BODY_BYTES unless a test says otherwise. */
  maxBodyBytes?: number;
  limits?: Partial<SessionLimits>;
  live?: LiveEvents;
  /** Extra response headers (HSTS on the office server). */
  headers?: Record<string, string>;
}

export const SECURITY_HEADERS = { 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer', 'X-Frame-Options': 'DENY' } as const;

export function sendJson(res: http.ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}): void {
  const text = encodeWire(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...SECURITY_HEADERS, ...extra });
  res.end(text);
}

export function deny(res: http.ServerResponse, status: number, message: string, code: ErrorCode = 'FORBIDDEN', extra: Record<string, string> = {}): void {
  sendJson(res, status, { ok: false, error: { code, message } } satisfies Result<unknown>, extra);
}

const AUTH_CHANGES = new Set(['auth.login', 'auth.setup']);

/** The largest request of a caller without a session (a login is a few hundred bytes). */
export const ANONYMOUS_BODY_BYTES = 64 * 1024;

/** The largest API call of a logged-in caller: files travel through POST /upload, so a call is a form, not a file. */
export const API_BODY_BYTES = 16 * 1024 * 1024;

/** The uploaded files one call may name, together (each is read into memory for the call). */
const maxReferencedBytes = (app: AppContext) => 4 * app.maxFileBytes;

export function apiRoutes(app: AppContext, opts: ApiRouteOptions) {
  const limits = () => limitsOf(app, opts.limits);
  const extra = opts.headers ?? {};
  const cookieRe = new RegExp(`(?:^|;\\s*)${opts.cookieName.replace(/[$-]/g, '\\$&')}=([\\w-]{43})(?:;|$)`);
  const cookie = (value: string, maxAgeS?: number) =>
    `${opts.cookieName}=${value}; HttpOnly; SameSite=Strict; Path=/${opts.secureCookie ? '; Secure' : ''}${maxAgeS !== undefined ? `; Max-Age=${maxAgeS}` : ''}`;
  const clientOf = (req: http.IncomingMessage) => ({ address: req.socket.remoteAddress ?? 'http', via: opts.via, userAgent: String(req.headers['user-agent'] ?? '') });

  const uploads = new UploadStore(path.join(app.dataDir, 'uploads', `${opts.via}-${process.pid}-${crypto.randomBytes(4).toString('hex')}`), app.maxFileBytes);

  /** The session the request's cookie names, if still valid. */
  function current(req: http.IncomingMessage): { session: Session; csrf: string; id: number } | null {
    const m = cookieRe.exec(req.headers.cookie ?? '');
    return m ? resumeSession(app, m[1], clientOf(req), limits()) : null;
  }

  async function api(req: http.IncomingMessage, res: http.ServerResponse, name: string): Promise<void> {
    if (req.method !== 'POST') return deny(res, 405, 'Chỉ chấp nhận POST.', 'FORBIDDEN', extra);
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return deny(res, 415, 'Nội dung phải là JSON.', 'VALIDATION', extra);
    const held = current(req);
    if (held && !csrfMatches(req, held.csrf)) return denyCsrf(res);
    // Without a login only small calls make sense (log in, ask the status): a large body is refused before it is read.
    const limit = held ? (opts.maxBodyBytes ?? API_BODY_BYTES) : ANONYMOUS_BODY_BYTES;
    const tooLarge = () => {
      res.setHeader('Connection', 'close');
      deny(res, 413, held ? `Yêu cầu quá lớn (tối đa ${Math.round(limit / 1048576)} MB).` : 'Yêu cầu quá lớn: hãy đăng nhập trước.', 'FILE_TOO_LARGE', extra);
    };
    if (Number(req.headers['content-length'] ?? 0) > limit) return tooLarge();
    const body = await readBody(req, limit);
    if (body === null) return tooLarge();
    if (body === 'aborted') return;
    let input: unknown;
    const taken: string[] = [];
    let refused = '';
    // Uploaded files are read (decrypted into memory) only for a call the caller may make, and at most a few files' worth.
    const mayUse = !!held?.session.caller && isMethodName(name) && mayCall(name, held.session.caller.roles);
    let referenced = 0;
    try {
      input = body.length
        ? decodeWire(body.toString('utf8'), (id) => {
            taken.push(id);
            referenced += uploads.sizeOf(id, held?.id ?? -1);
            if (!mayUse) refused = 'Tài khoản này không được dùng chức năng này.';
            else if (referenced > maxReferencedBytes(app)) refused = `Các tệp của một lần gửi vượt quá ${Math.round(maxReferencedBytes(app) / 1048576)} MB: hãy gửi ít tệp hơn mỗi lần.`;
            if (refused) throw new Error(refused);
            try {
              return uploads.take(id, held!.id);
            } catch (e) {
              refused = 'Tệp đã tải lên không còn (đã dùng hoặc quá một giờ): hãy gửi lại.';
              throw e;
            }
          })
        : {};
    } catch {
      if (held) uploads.drop(held.id, taken);
      return sendJson(res, 400, { ok: false, error: { code: 'VALIDATION', message: refused || 'Nội dung yêu cầu không phải JSON hợp lệ.' } }, extra);
    }
    const session: Session = held?.session ?? { ...anonymousSession(), address: clientOf(req).address, via: opts.via };
    const stampBefore = session.stamp;
    const result = await dispatch(app, name, input, session);
    const headers: Record<string, string> = { ...extra };
    // The caller changed their own password: this session stays (every other one ends).
    if (held && session.caller && session.stamp !== stampBefore) keepSessionStamp(app, held.id, session.stamp ?? null);
    if (result.ok && AUTH_CHANGES.has(name) && session.caller) {
      // A new session at every login (no fixation); the old one, if any, ends.
      if (held) {
        endSession(app, held.id);
        uploads.drop(held.id);
      }
      const opened = openSession(app, session, clientOf(req), limits());
      res.setHeader('Set-Cookie', cookie(opened.token));
      headers['X-Vanphong-Csrf'] = opened.csrf;
    } else if (held && (name === 'auth.logout' || !session.caller)) {
      // Logged out, or the session ended during the call (password changed elsewhere, account locked).
      endSession(app, held.id);
      uploads.drop(held.id);
      res.setHeader('Set-Cookie', cookie('', 0));
    }
    sendJson(res, 200, result, headers);
    if (result.ok && isMethodName(name) && accessOf(name) !== 'public') opts.live?.kick();
  }

  function csrfMatches(req: http.IncomingMessage, csrf: string): boolean {
    const given = Buffer.from(String(req.headers['x-vanphong-csrf'] ?? ''));
    const want = Buffer.from(csrf);
    return given.length === want.length && crypto.timingSafeEqual(given, want);
  }

  function denyCsrf(res: http.ServerResponse): void {
    deny(res, 403, 'Mã chống giả mạo (CSRF) của phiên không đúng hoặc đã cũ: hãy tải lại trang.', 'CSRF', extra);
  }

  /** POST /upload: one file's bytes, streamed encrypted to disk, for a logged-in session's next call. */
  async function upload(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (req.method !== 'POST') return deny(res, 405, 'Chỉ chấp nhận POST.', 'FORBIDDEN', extra);
    const held = current(req);
    if (!held?.session.caller) return deny(res, 401, 'Bạn cần đăng nhập để gửi tệp.', 'UNAUTHENTICATED', extra);
    if (!csrfMatches(req, held.csrf)) return denyCsrf(res);
    const r = await uploads.receive(req, held.id);
    if (r === 'aborted') return void res.destroy();
    if (r === 'too-large') {
      res.setHeader('Connection', 'close');
      return deny(res, 413, `Tệp quá lớn (tối đa ${Math.round(app.maxFileBytes / 1048576)} MB).`, 'FILE_TOO_LARGE', extra);
    }
    if (r === 'too-many') return deny(res, 429, 'Quá nhiều tệp đang chờ: hãy gửi biểu mẫu trước khi tải thêm tệp.', 'RATE_LIMITED', extra);
    sendJson(res, 200, { ok: true, value: { upload: r.id, size: r.size } }, extra);
  }

  function sessionInfo(req: http.IncomingMessage, res: http.ServerResponse): void {
    const held = current(req);
    sendJson(res, 200, { csrf: held?.csrf ?? null, mode: opts.via }, extra);
  }

  function events(req: http.IncomingMessage, res: http.ServerResponse, url: URL): void {
    const held = current(req);
    if (!held?.session.caller || !opts.live) return deny(res, 401, 'Bạn cần đăng nhập để nhận thông báo.', 'UNAUTHENTICATED', extra);
    const last = Number(req.headers['last-event-id'] ?? url.searchParams.get('after') ?? NaN);
    const id = held.id;
    opts.live.attach(req, res, held.session, Number.isInteger(last) && last >= 0 ? last : undefined, extra, () => sessionAlive(app, id, limits()));
  }

  /**
   * GET /files/<sha256>: a stored file streamed from disk to a logged-in caller who may read attachments, instead of a
   * JSON body holding it in memory. Served as a download, in a sandbox, never sniffed.
   */
  function file(req: http.IncomingMessage, res: http.ServerResponse, sha256: string): void {
    if (req.method !== 'GET') return deny(res, 405, 'Chỉ chấp nhận GET.', 'FORBIDDEN', extra);
    const held = current(req);
    const caller = held?.session.caller;
    if (!caller) return deny(res, 401, 'Bạn cần đăng nhập để tải tệp.', 'UNAUTHENTICATED', extra);
    if (!mayCall('attachments.content', caller.roles)) return deny(res, 403, 'Tài khoản này không được xem tệp đính kèm.', 'FORBIDDEN', extra);
    let found: { path: string; mime: string };
    try {
      found = referencedBlobFile(app, sha256, viewerFor(app, caller));
    } catch (e) {
      return deny(res, 404, (e as Error).message, 'NOT_FOUND', extra);
    }
    // The plaintext size: stored files are encrypted at rest and decrypted chunk by chunk as they are sent.
    const size = app.blobs.size(sha256);
    res.writeHead(200, {
      'Content-Type': found.mime || 'application/octet-stream',
      'Content-Length': String(size),
      'Content-Disposition': `attachment; filename="${sha256.slice(0, 16)}"`,
      'Content-Security-Policy': "sandbox; default-src 'none'",
      'Cache-Control': 'private, no-store',
      ...SECURITY_HEADERS,
      ...extra,
    });
    app.blobs.stream(sha256).on('error', () => res.destroy()).pipe(res);
  }

  return { api, sessionInfo, events, file, upload, uploads };
}

/** The body, or null when it is over the limit (the rest is drained, not kept), or 'aborted' when the client left. */
export function readBody(req: http.IncomingMessage, max: number): Promise<Buffer | null | 'aborted'> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooBig = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > max) {
        tooBig = true;
        chunks.length = 0;
      } else if (!tooBig) chunks.push(c);
    });
    req.on('end', () => resolve(tooBig ? null : Buffer.concat(chunks)));
    // A client killed mid-upload: nothing was dispatched, nothing is written.
    req.on('aborted', () => resolve('aborted'));
    req.on('error', () => resolve('aborted'));
  });
}
