import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
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

/** As the edXML import's limit (edxml-parse.ts): a package with its attachments base64-encoded. */
const MAX_PACKAGE_BYTES = 200 * 1024 * 1024;
const MAX_MAIL_BYTES = 280 * 1024 * 1024;

export function writeAtomically(dir: string, name: string, bytes: Uint8Array): void {
  fs.mkdirSync(dir, { recursive: true });
  const tmp = path.join(dir, `.${name}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`);
  const fd = fs.openSync(tmp, 'w');
  try {
    fs.writeSync(fd, bytes);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, path.join(dir, name));
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
        writeAtomically(opts.outbox, msg.fileName, msg.bytes);
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
        const bytes = new Uint8Array(fs.readFileSync(file));
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
      const moved = moveAside(source, dir);
      if (outcome === 'rejected') fs.writeFileSync(`${moved}.txt`, `${reason ?? 'Từ chối.'}\n`);
    },
  };
}
