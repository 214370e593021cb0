import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { MAX_PACKAGE_BYTES } from '../../shared/exchange/limits';
import { parserError, runUntrusted } from '../parsing/untrusted';
import type { EmlPackages } from './transport-eml';
import { SAFE_ID, type Arrival, type OutboundPackage, type Transport } from './transport';

/**
 * The folder pair an office's LGSP / trục client keeps in sync (issue 18): packages to send are written to the outbox
 * as "<messageId>.edxml", atomically (a temporary name, flushed, then renamed: the client never picks up half a file;
 * a resend after a crash writes the same name again). Arrivals are read from the inbox — .edxml packages and .eml
 * mails (their .edxml attachments, read in the parse worker) — and moved to inbox/processed/ or inbox/rejected/ (with
 * "<name>.txt" giving the reason) once handled. Hidden and temporary files are left alone: they are still arriving.
 */
export interface FolderOptions {
  outbox: string;
  inbox: string;
  /** A file over this is refused unread (a 1 GB "package"). */
  maxBytes?: number;
}

const MAX_MAIL_BYTES = 280 * 1024 * 1024;

/**
 * Writes a file so that no reader ever sees half of it: a hidden temporary name in the same folder, flushed to disk
 * (fsync), then renamed over the target. The exchange outbox (an LGSP client picks files up as they appear) and the
 * CLI's --out files (electron/hosts/cli/files.ts re-exports it). Returns the absolute path written.
 */
export function writeAtomically(file: string, bytes: Uint8Array, opts: { mkdir?: boolean } = {}): string {
  const abs = path.resolve(file);
  const dir = path.dirname(abs);
  if (opts.mkdir) fs.mkdirSync(dir, { recursive: true });
  const tmp = path.join(dir, `.${path.basename(abs)}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`);
  try {
    const fd = fs.openSync(tmp, 'w');
    try {
      fs.writeSync(fd, bytes);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, abs);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
  return abs;
}

function moveAside(file: string, dir: string): string {
  fs.mkdirSync(dir, { recursive: true });
  const base = path.basename(file);
  let target = path.join(dir, base);
  for (let i = 2; fs.existsSync(target); i++) target = path.join(dir, base.replace(/(\.[^.]*)?$/, (ext) => `-${i}${ext}`));
  fs.renameSync(file, target);
  return target;
}

export function folderTransport(opts: FolderOptions): Transport {
  const maxBytes = opts.maxBytes ?? MAX_PACKAGE_BYTES;
  return {
    name: 'folder',
    async send(msg: OutboundPackage) {
      if (!opts.outbox) throw new Error('Chưa đặt thư mục gửi (Cài đặt trao đổi văn bản).');
      try {
        writeAtomically(path.join(opts.outbox, msg.fileName), msg.bytes, { mkdir: true });
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code ?? '';
        const why = { ENOENT: 'không có thư mục này', ENOTDIR: 'đường dẫn không phải thư mục', EACCES: 'không có quyền ghi', EPERM: 'không có quyền ghi', ENOSPC: 'ổ đĩa đầy', EROFS: 'ổ đĩa chỉ đọc' }[code];
        throw new Error(`Không ghi được vào thư mục gửi «${opts.outbox}»: ${why ?? (e as Error).message}.`);
      }
    },
    async *receive(): AsyncIterable<Arrival> {
      if (!opts.inbox || !fs.existsSync(opts.inbox)) return;
      const names = fs
        .readdirSync(opts.inbox, { withFileTypes: true })
        .filter((e) => e.isFile() && !e.name.startsWith('.') && /\.(edxml|eml)$/i.test(e.name))
        .map((e) => e.name)
        .sort();
      for (const name of names) {
        const file = path.join(opts.inbox, name);
        const isMail = /\.eml$/i.test(name);
        let size: number;
        try {
          size = fs.statSync(file).size;
        } catch {
          continue; // taken by another pass meanwhile
        }
        const limit = isMail ? MAX_MAIL_BYTES : maxBytes;
        if (size > limit) {
          yield { source: file, via: isMail ? 'email' : 'folder', packages: [], error: `Tệp quá lớn (${Math.round(size / 1024 / 1024)} MB, tối đa ${Math.round(limit / 1024 / 1024)} MB): không đọc.` };
          continue;
        }
        let bytes: Uint8Array;
        try {
          bytes = new Uint8Array(fs.readFileSync(file));
        } catch {
          continue; // set aside by another pass meanwhile
        }
        if (!isMail) {
          const stem = name.slice(0, -'.edxml'.length);
          const messageId = SAFE_ID.test(stem) ? stem : `file-${crypto.createHash('sha256').update(bytes).digest('hex').slice(0, 32)}`;
          yield { source: file, via: 'folder', packages: [{ messageId, fileName: name, bytes }] };
          continue;
        }
        const r = await runUntrusted<EmlPackages>('exchange.eml', { data: bytes, name }, { lane: 'background', local: async () => (await import('./transport-eml')).emlPackages(bytes) });
        if (!r.ok) {
          yield { source: file, via: 'email', packages: [], error: parserError(r)?.message ?? `Không đọc được thư: ${r.detail ?? r.reason}` };
          continue;
        }
        const mail = r.value;
        if (!mail.packages.length) {
          yield { source: file, via: 'email', from: mail.from, packages: [], error: 'Thư không có gói edXML (tệp .edxml) đính kèm.' };
          continue;
        }
        yield { source: file, via: 'email', from: mail.from, packages: mail.packages };
      }
    },
    async ack(source, outcome, reason) {
      if (!fs.existsSync(source)) return;
      const dir = path.join(path.dirname(source), outcome === 'processed' ? 'processed' : 'rejected');
      let moved: string;
      try {
        moved = moveAside(source, dir);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return; // another pass set it aside first
        throw e;
      }
      if (outcome === 'rejected') fs.writeFileSync(`${moved}.txt`, `${reason ?? 'Từ chối.'}\n`);
    },
  };
}
