import crypto from 'node:crypto';
import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { PRIVATE_FILE_MODE, privateDir } from '../../db/private-files';

/**
 * Files sent to the HTTP hosts before the call that uses them (POST /upload, the body streamed, never held in
 * memory), then named in the call as {"$upload": id} (shared/api/wire.ts). Each is written to the data folder's
 * uploads/ encrypted with a key of its own kept only in memory (AES-256-GCM), so nothing readable lies on disk even for
 * the seconds it waits; it belongs to the session that sent it, is read once, and is removed after the call or within
 * the hour if no call takes it. A restart removes what an earlier run left.
 */
interface Held {
  session: number;
  file: string;
  key: Buffer;
  iv: Buffer;
  tag: Buffer;
  size: number;
  at: number;
}

const MAX_AGE_MS = 60 * 60_000;
/** At most this many files waiting or arriving per session: a client cannot fill the disk with uploads it never uses. */
const MAX_WAITING = 20;

export type Received = { id: string; size: number } | 'too-large' | 'aborted' | 'too-many';

export class UploadStore {
  private readonly held = new Map<string, Held>();
  /** Uploads still arriving, per session, and their bytes so far: counted against the limits before they finish. */
  private readonly arriving = new Map<number, number>();
  private arrivingBytes = 0;
  /** All sessions together may keep this much waiting (the disk of an office server is shared). */
  private readonly maxTotalBytes: number;

  constructor(
    readonly dir: string,
    private readonly maxBytes: number,
  ) {
    this.maxTotalBytes = Math.max(2 * 1024 ** 3, 4 * maxBytes);
    privateDir(path.dirname(dir));
    // What a host that ended without cleaning up left (its files are unreadable without their keys anyway); the folder
    // of a host still running on this data folder (its name carries its process id) is left alone.
    for (const d of fs.readdirSync(path.dirname(dir))) {
      const pid = Number(/^[a-z]+-(\d+)-/.exec(d)?.[1]);
      if (!alive(pid)) fs.rmSync(path.join(path.dirname(dir), d), { recursive: true, force: true });
    }
    privateDir(dir);
  }

  async receive(req: http.IncomingMessage, session: number): Promise<Received> {
    this.sweep();
    const mine = [...this.held.values()].filter((h) => h.session === session).length + (this.arriving.get(session) ?? 0);
    if (mine >= MAX_WAITING || this.totalBytes() >= this.maxTotalBytes) return 'too-many';
    if (Number(req.headers['content-length'] ?? 0) > this.maxBytes) return 'too-large';
    this.arriving.set(session, (this.arriving.get(session) ?? 0) + 1);
    try {
      return await this.write(req, session);
    } finally {
      const n = (this.arriving.get(session) ?? 1) - 1;
      if (n > 0) this.arriving.set(session, n);
      else this.arriving.delete(session);
    }
  }

  private totalBytes(): number {
    let n = this.arrivingBytes;
    for (const h of this.held.values()) n += h.size;
    return n;
  }

  private async write(req: http.IncomingMessage, session: number): Promise<Received> {
    const id = crypto.randomBytes(16).toString('hex');
    const file = path.join(this.dir, id);
    const key = crypto.randomBytes(32);
    const iv = crypto.randomBytes(12);
    const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
    let size = 0;
    let stopped: 'too-large' | 'too-many' | null = null;
    const count = new Transform({
      transform: (chunk: Buffer, _enc, done) => {
        size += chunk.length;
        this.arrivingBytes += chunk.length;
        if (size > this.maxBytes || this.totalBytes() > this.maxTotalBytes) {
          stopped = size > this.maxBytes ? 'too-large' : 'too-many';
          done(new Error('too large'));
        } else done(null, chunk);
      },
    });
    try {
      await pipeline(req, count, cipher, fs.createWriteStream(file, { flags: 'wx', mode: PRIVATE_FILE_MODE }));
    } catch {
      fs.rmSync(file, { force: true });
      return stopped ?? 'aborted';
    } finally {
      this.arrivingBytes -= size;
    }
    this.held.set(id, { session, file, key, iv, tag: cipher.getAuthTag(), size, at: Date.now() });
    return { id, size };
  }

  /** The size of an upload of this session waiting to be taken (0 when unknown or another session's). */
  sizeOf(id: string, session: number): number {
    const h = this.held.get(id);
    return h && h.session === session ? h.size : 0;
  }

  /** The bytes of an upload of this session, once: the file is removed. Throws for an unknown or foreign id. */
  take(id: string, session: number): Uint8Array {
    const h = this.held.get(id);
    if (!h || h.session !== session) throw new Error('unknown upload');
    this.held.delete(id);
    try {
      const decipher = crypto.createDecipheriv('aes-256-gcm', h.key, h.iv);
      decipher.setAuthTag(h.tag);
      const data = Buffer.concat([decipher.update(fs.readFileSync(h.file)), decipher.final()]);
      return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    } finally {
      fs.rmSync(h.file, { force: true });
    }
  }

  /** Removes every upload of a session (it logged out or its call is over). */
  drop(session: number, ids?: readonly string[]): void {
    for (const [id, h] of this.held) {
      if (h.session === session && (!ids || ids.includes(id))) {
        this.held.delete(id);
        fs.rmSync(h.file, { force: true });
      }
    }
  }

  /** The host stops: what waits is removed. */
  close(): void {
    this.held.clear();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }

  waiting(): number {
    return this.held.size;
  }

  private sweep(): void {
    const old = Date.now() - MAX_AGE_MS;
    for (const [id, h] of this.held) {
      if (h.at < old) {
        this.held.delete(id);
        fs.rmSync(h.file, { force: true });
      }
    }
  }
}

function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
