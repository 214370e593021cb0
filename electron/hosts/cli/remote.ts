import fs from 'node:fs';
import https from 'node:https';
import tls from 'node:tls';
import type { Duplex } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError, type Result } from '../../../shared/api/result';
import type { MethodInput, MethodName, MethodOutput } from '../../../shared/api/contract';
import { decodeWire, encodeWire, largeBytesIn } from '../../../shared/api/wire';
import { fingerprintDigits, fingerprintOf } from '../server/tls-identity';

/**
 * The CLI as a client of the office server (`--server URL`): the same methods over HTTPS, logged in as --user. The
 * server is trusted by its CA (`--ca FILE`, the file the server printed), by the SHA-256 fingerprint of its certificate
 * (`--fingerprint`, pinned: nothing is sent to a server showing another certificate), or by the system's trust store
 * when the office uses a certificate from a public CA.
 */
export interface RemoteOptions {
  url: string;
  caFile?: string;
  fingerprint?: string;
  /** Where the client's connections come from (tests bind 127.0.0.x to play several desks). */
  localAddress?: string;
}

const colons = (hex: string) => hex.match(/.{2}/g)?.join(':') ?? hex;

/** Connection failures where nothing reached the server: safe to try again. */
const NOT_SENT = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ENOTFOUND']);

export class RemoteApp {
  readonly url: URL;
  private agent: https.Agent;
  private cookie = '';
  private csrf = '';

  constructor(readonly opts: RemoteOptions) {
    let url: URL;
    try {
      url = new URL(opts.url);
    } catch {
      throw new AppError('VALIDATION', `--server phải là địa chỉ https://MÁY:CỔNG (nhận «${opts.url}»).`, { field: 'server' });
    }
    if (url.protocol !== 'https:') throw new AppError('VALIDATION', 'Máy chủ cơ quan chỉ nhận HTTPS: --server phải bắt đầu bằng https://', { field: 'server' });
    this.url = url;
    let ca: Buffer | undefined;
    if (opts.caFile) {
      try {
        ca = fs.readFileSync(opts.caFile);
      } catch {
        throw new AppError('VALIDATION', `Không đọc được tệp CA «${opts.caFile}».`, { field: 'ca' });
      }
    }
    const pinned = opts.fingerprint ? fingerprintDigits(opts.fingerprint) : undefined;
    if (pinned !== undefined && pinned.length !== 64) throw new AppError('VALIDATION', '--fingerprint phải là dấu vân tay SHA-256 (64 chữ số hex, có hoặc không có dấu hai chấm).', { field: 'fingerprint' });
    this.agent = pinned ? new PinnedAgent(pinned, opts.localAddress) : new https.Agent({ keepAlive: true, ca, localAddress: opts.localAddress });
  }

  async login(username: string, password: string): Promise<void> {
    await this.call('auth.login', { username, password } as MethodInput<'auth.login'>);
  }

  async call<K extends MethodName>(name: K, input: MethodInput<K>): Promise<MethodOutput<K>> {
    const r = (await this.post(name, input)) as Result<MethodOutput<K>>;
    if (!r.ok) throw new AppError(r.error.code, r.error.message, { field: r.error.field });
    return r.value;
  }

  private async post(name: string, input: unknown, attempt = 0): Promise<unknown> {
    try {
      // Files go first, streamed to POST /upload; the call names them, so its own body stays small.
      const uploaded = new Map<Uint8Array, string>();
      for (const bytes of largeBytesIn(input)) {
        const r = (await this.request('/upload', Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'application/octet-stream')) as Result<{ upload: string }>;
        if (!r.ok) return r;
        uploaded.set(bytes, r.value.upload);
      }
      return await this.request(`/api/${encodeURIComponent(name)}`, Buffer.from(encodeWire(input ?? {}, uploaded)), 'application/json');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? '';
      if (NOT_SENT.has(code) && attempt < 2) {
        process.stderr.write(`Không kết nối được máy chủ ${this.url.origin}; thử lại sau ${attempt + 1} giây…\n`);
        await new Promise((r) => setTimeout(r, 1000 * (attempt + 1)));
        return this.post(name, input, attempt + 1);
      }
      throw this.networkError(e);
    }
  }

  /** Where every request goes: the server's host and port, its name for SNI (none for an IP address), our agent. */
  private target(): https.RequestOptions {
    return {
      protocol: 'https:',
      hostname: this.url.hostname.replace(/^\[|\]$/g, ''),
      port: this.url.port || 443,
      servername: /^[\d.]+$|:/.test(this.url.hostname) ? undefined : this.url.hostname,
      agent: this.agent,
    };
  }

  /** A stored file streamed to `file` (GET /files/<sha256>), never held whole in memory; its size. */
  download(sha256: string, file: string): Promise<number> {
    return new Promise((resolve, reject) => {
      const req = https.request(
        {
          ...this.target(),
          method: 'GET',
          path: `/files/${encodeURIComponent(sha256)}`,
          headers: { Host: this.url.host, 'User-Agent': 'vanphong-cli', ...(this.cookie ? { Cookie: this.cookie } : {}) },
        },
        (res) => {
          if (res.statusCode !== 200) {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => {
              let message = `Máy chủ không trả tệp (HTTP ${res.statusCode}).`;
              try {
                message = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { error: { message: string } }).error.message;
              } catch {
                // not JSON: keep the status line
              }
              reject(new AppError(res.statusCode === 404 ? 'NOT_FOUND' : 'FORBIDDEN', message));
            });
            return;
          }
          const out = fs.createWriteStream(file);
          pipeline(res, out).then(() => resolve(out.bytesWritten), reject);
        },
      );
      req.on('error', (e) => reject(this.networkError(e)));
      req.end();
    });
  }

  private request(path: string, body: Buffer, contentType: string): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const req = https.request(
        {
          ...this.target(),
          method: 'POST',
          path,
          headers: {
            Host: this.url.host,
            'Content-Type': contentType,
            'Content-Length': body.byteLength,
            'User-Agent': 'vanphong-cli',
            ...(this.cookie ? { Cookie: this.cookie } : {}),
            ...(this.csrf ? { 'X-Vanphong-Csrf': this.csrf } : {}),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const set = res.headers['set-cookie']?.[0];
            if (set) {
              const pair = set.split(';')[0];
              this.cookie = pair.endsWith('=') ? '' : pair;
            }
            const csrf = res.headers['x-vanphong-csrf'];
            if (typeof csrf === 'string') this.csrf = csrf;
            try {
              resolve(decodeWire(Buffer.concat(chunks).toString('utf8')));
            } catch {
              reject(new AppError('INTERNAL', `Máy chủ trả lời không đúng dạng (HTTP ${res.statusCode}).`));
            }
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  private networkError(e: unknown): AppError {
    if (e instanceof AppError) return e;
    const err = e as NodeJS.ErrnoException & { pinned?: string; presented?: string };
    const where = this.url.origin;
    if (err.code === 'PIN_MISMATCH') {
      return new AppError(
        'FORBIDDEN',
        `Chứng thư của máy chủ ${where} có dấu vân tay ${err.presented}, khác dấu vân tay đã ghim ${colons(err.pinned ?? '')}: có thể máy chủ đã đổi chứng thư hoặc có máy mạo danh. Không gửi gì; hỏi quản trị dấu vân tay mới.`,
        { field: 'fingerprint' },
      );
    }
    if (err.code === 'SELF_SIGNED_CERT_IN_CHAIN' || err.code === 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' || err.code === 'DEPTH_ZERO_SELF_SIGNED_CERT' || err.code === 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY') {
      return new AppError('FORBIDDEN', `Chưa tin được chứng thư của máy chủ ${where}: thêm --ca TỆP (tệp CA máy chủ in ra khi khởi động) hoặc --fingerprint DẤU-VÂN-TAY.`, { field: 'ca' });
    }
    if (err.code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
      return new AppError('FORBIDDEN', `Chứng thư của máy chủ không mang tên «${this.url.hostname}»: dùng đúng tên hoặc địa chỉ máy chủ in ra khi khởi động.`, { field: 'server' });
    }
    if (err.code === 'EPROTO' || /wrong version number|packet length too long/i.test(err.message ?? '')) {
      return new AppError('OFFLINE', `${where} không phải máy chủ HTTPS của Văn phòng điện tử.`, { field: 'server' });
    }
    return new AppError('OFFLINE', `Không kết nối được máy chủ ${where} (${err.code ?? err.message}); chưa có gì được ghi, hãy thử lại.`, { field: 'server' });
  }

  async close(): Promise<void> {
    if (this.cookie) await this.post('auth.logout', {}).catch(() => undefined);
    this.agent.destroy();
  }
}

/** An agent whose connections are handed to HTTP only after the server's certificate matched the pinned fingerprint. */
class PinnedAgent extends https.Agent {
  constructor(
    private pinned: string,
    private localAddress?: string,
  ) {
    super({ keepAlive: true });
  }

  override createConnection(options: tls.ConnectionOptions, done: (err: Error | null, socket?: Duplex) => void): undefined {
    const socket = tls.connect({ ...options, rejectUnauthorized: false, ...(this.localAddress ? { localAddress: this.localAddress } : {}) } as tls.ConnectionOptions);
    let settled = false;
    const once = (err: Error | null, s?: Duplex) => {
      if (settled) return;
      settled = true;
      done(err, s);
    };
    socket.once('secureConnect', () => {
      const der = socket.getPeerCertificate().raw;
      const presented = der ? fingerprintOf(der) : '';
      if (fingerprintDigits(presented) !== this.pinned) {
        const e = Object.assign(new Error('certificate fingerprint mismatch'), { code: 'PIN_MISMATCH', pinned: this.pinned, presented });
        socket.destroy();
        return once(e);
      }
      once(null, socket);
    });
    socket.once('error', (e) => once(e));
    return undefined;
  }
}
