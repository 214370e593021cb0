import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadP12 } from '../../electron/signing/p12';
import type { SigningKey } from '../../electron/signing/key';

/**
 * A loopback test double of a remote-signing service (ký số từ xa), speaking the protocol of electron/signing/remote.ts.
 * It holds a .p12 per username (make them with tests/helpers/test-ca.ts). Each sign request stays pending until the
 * test approves or rejects it — as the signer would on their phone — unless `autoApprove` is on. A browser test can
 * approve over HTTP too: GET /sign-requests lists them, POST /sign-requests/{id}/approve (or /reject {reason}) decides.
 */
export interface SignRequestInfo {
  id: string;
  username: string;
  description: string;
  data: Uint8Array;
  status: 'pending' | 'approved' | 'rejected';
  reason?: string;
}

export interface RemoteSignerDouble {
  /** The base URL to configure as the signing setting remoteUrl. */
  url: string;
  /** Approve every new request at once (settable while running). */
  autoApprove: boolean;
  /** Every request received, in order. */
  readonly requests: SignRequestInfo[];
  /** The next pending request, waiting for one to arrive if there is none yet. */
  nextRequest(timeoutMs?: number): Promise<SignRequestInfo>;
  /** Approves the oldest pending request (waiting for one to arrive); returns it. */
  approveNext(timeoutMs?: number): Promise<SignRequestInfo>;
  approve(id: string): void;
  reject(id: string, reason: string): void;
  /** Adds or replaces a user's key. */
  addUser(username: string, p12File: string, password?: string): void;
  close(): Promise<void>;
}

const b64 = (u: Uint8Array) => Buffer.from(u).toString('base64');

export async function startRemoteSigner(opts: { users?: Record<string, { p12: string; password?: string }>; autoApprove?: boolean } = {}): Promise<RemoteSignerDouble> {
  const keys = new Map<string, SigningKey>();
  const requests: SignRequestInfo[] = [];
  const signatures = new Map<string, Uint8Array>();
  const waiters: (() => void)[] = [];
  let seq = 0;

  const find = (id: string) => requests.find((r) => r.id === id);
  function decide(id: string, approve: boolean, reason?: string): void {
    const r = find(id);
    if (!r) throw new Error(`no sign request ${id}`);
    if (r.status !== 'pending') throw new Error(`sign request ${id} is already ${r.status}`);
    if (approve) {
      signatures.set(id, keys.get(r.username)!.sign(r.data) as Uint8Array);
      r.status = 'approved';
    } else {
      r.status = 'rejected';
      r.reason = reason;
    }
  }

  const readBody = (req: http.IncomingMessage) =>
    new Promise<Record<string, unknown>>((resolve) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        try {
          resolve(chunks.length ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>) : {});
        } catch {
          resolve({});
        }
      });
    });

  const server = http.createServer(async (req, res) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const url = new URL(req.url ?? '/', 'http://x');
    const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    try {
      if (req.method === 'GET' && parts[0] === 'users' && parts[2] === 'certificate' && parts.length === 3) {
        const key = keys.get(parts[1]);
        return key ? send(200, { certificate: b64(key.certificate), chain: key.chain.map(b64) }) : send(404, { error: 'no such user' });
      }
      if (parts[0] !== 'sign-requests') return send(404, { error: 'not found' });
      if (req.method === 'GET' && parts.length === 1) {
        return send(200, requests.map((r) => ({ id: r.id, username: r.username, description: r.description, status: r.status })));
      }
      if (req.method === 'POST' && parts.length === 1) {
        const body = await readBody(req);
        if (typeof body.username !== 'string' || typeof body.data !== 'string') return send(400, { error: 'username and data are required' });
        if (!keys.has(body.username)) return send(404, { error: 'no such user' });
        const r: SignRequestInfo = {
          id: `yc-${++seq}`,
          username: body.username,
          description: typeof body.description === 'string' ? body.description : '',
          data: new Uint8Array(Buffer.from(body.data, 'base64')),
          status: 'pending',
        };
        requests.push(r);
        if (double.autoApprove) decide(r.id, true);
        waiters.splice(0).forEach((w) => w());
        return send(201, { id: r.id });
      }
      const r = find(parts[1] ?? '');
      if (!r) return send(404, { error: 'no such request' });
      if (req.method === 'GET' && parts.length === 2) {
        const sig = signatures.get(r.id);
        return send(200, { status: r.status, ...(sig ? { signature: b64(sig) } : {}), ...(r.reason ? { reason: r.reason } : {}) });
      }
      if (req.method === 'POST' && parts.length === 3 && (parts[2] === 'approve' || parts[2] === 'reject')) {
        if (r.status !== 'pending') return send(409, { error: `already ${r.status}` });
        const body = parts[2] === 'reject' ? await readBody(req) : {};
        decide(r.id, parts[2] === 'approve', typeof body.reason === 'string' ? body.reason : 'Người ký từ chối.');
        return send(200, { status: r.status });
      }
      return send(404, { error: 'not found' });
    } catch (e) {
      return send(500, { error: (e as Error).message });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  async function nextRequest(timeoutMs = 20_000): Promise<SignRequestInfo> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const r = requests.find((x) => x.status === 'pending');
      if (r) return r;
      if (Date.now() > deadline) throw new Error('no sign request arrived at the remote-signing double');
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.max(0, deadline - Date.now()) + 1);
        waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  const double: RemoteSignerDouble = {
    url: `http://127.0.0.1:${port}`,
    autoApprove: opts.autoApprove ?? false,
    requests,
    nextRequest,
    async approveNext(timeoutMs) {
      const r = await nextRequest(timeoutMs);
      decide(r.id, true);
      return r;
    },
    approve: (id) => decide(id, true),
    reject: (id, reason) => decide(id, false, reason),
    addUser(username, p12File, password = '123456') {
      keys.set(username, loadP12(new Uint8Array(fs.readFileSync(p12File)), password));
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  for (const [username, u] of Object.entries(opts.users ?? {})) double.addUser(username, u.p12, u.password);
  return double;
}
