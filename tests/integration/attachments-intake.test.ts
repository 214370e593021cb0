import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, callErr, rowsCount, sampleIncoming, tempApp } from '../helpers/app';
import type { AppContext } from '../../electron/app/context';
import { makePdf, makePng } from '../fixtures/make-files';
import { BlobStore } from '../../electron/attachments/blob-store';

let app: AppContext & { cleanup(): Promise<void> };
beforeEach(async () => {
  app = await tempApp({ maxFileBytes: 64 * 1024 });
});
afterEach(async () => app.cleanup());

function storedFiles(root: string): string[] {
  if (!fs.existsSync(root)) return [];
  return fs.readdirSync(root, { recursive: true }).map(String).filter((f) => /[0-9a-f]{64}$/.test(f));
}

describe('attachments are stored once by SHA-256', () => {
  it('stores identical content once, read-only, referenced from both records', async () => {
    const pdf = makePdf(['Trang 1', 'Trang 2']);
    const a = await call(app, 'incoming.register', { ...sampleIncoming({ ref: '1/A' }), attachments: [{ name: 'a.pdf', data: pdf }] });
    const b = await call(app, 'incoming.register', { ...sampleIncoming({ ref: '2/A' }), attachments: [{ name: 'copy.pdf', data: pdf }] });
    expect(a.attachments[0].sha256).toBe(BlobStore.sha256(pdf));
    expect(b.attachments[0].sha256).toBe(a.attachments[0].sha256);
    expect(a.attachments[0].pageCount).toBe(2);
    const files = storedFiles(app.blobs.root);
    expect(files).toHaveLength(1);
    const file = app.blobs.pathOf(a.attachments[0].sha256);
    expect(fs.statSync(file).mode & 0o222).toBe(0); // never overwritten in place
    const back = await call(app, 'attachments.content', { sha256: a.attachments[0].sha256 });
    expect(Buffer.from(back).equals(Buffer.from(pdf))).toBe(true);
  });

  it('refuses hostile or broken files with a message naming the file; nothing is written, no number is used', async () => {
    const bad: [string, Uint8Array, string, RegExp][] = [
      ['empty.pdf', new Uint8Array(0), 'FILE_EMPTY', /rỗng/],
      ['anh.pdf', makePng(), 'FILE_INVALID', /«anh\.pdf»/],
      ['hong.pdf', new TextEncoder().encode('%PDF-1.7\nthis is not really a pdf'), 'FILE_INVALID', /«hong\.pdf»/],
      ['lon.pdf', new Uint8Array(65 * 1024).fill(0x25), 'FILE_TOO_LARGE', /vượt giới hạn/],
      ['virus.exe', new Uint8Array([0x4d, 0x5a, 0x90, 0]), 'FILE_INVALID', /«virus\.exe»/],
    ];
    for (const [name, data, code, msg] of bad) {
      const err = await callErr(app, 'incoming.register', {
        ...sampleIncoming(),
        attachments: [{ name: 'ok.png', data: makePng() }, { name, data }],
      });
      expect(err.code, name).toBe(code);
      expect(err.message, name).toMatch(msg);
      expect(err.field).toBe('attachments.1');
    }
    expect(rowsCount(app, 'incoming_docs')).toBe(0);
    expect(rowsCount(app, 'blobs')).toBe(0);
    expect(rowsCount(app, 'number_series')).toBe(0);
    expect(storedFiles(app.blobs.root)).toHaveLength(0);
    const ok = await call(app, 'incoming.register', { ...sampleIncoming(), attachments: [{ name: 'scan.png', data: makePng() }] });
    expect(ok.arrivalNumber).toBe(1);
    expect(ok.attachments[0].textStatus).toBe('none');
  });

  it('does not serve files that no record references', async () => {
    const sha = app.blobs.put(makePng());
    const err = await callErr(app, 'attachments.content', { sha256: sha });
    expect(err.code).toBe('NOT_FOUND');
    const bad = await callErr(app, 'attachments.content', { sha256: '../../etc/passwd' });
    expect(bad.code).toBe('VALIDATION');
  });

  it('keeps the store inside the data folder', () => {
    expect(path.relative(app.dataDir, app.blobs.root)).toBe('files');
  });
});
