import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp } from '../../electron/hosts/open-app';
import { makePdf } from '../fixtures/make-files';
import { call, sampleIncoming, tempApp, tempDir } from '../helpers/app';

/** The data folder is its owner's alone whatever the umask (issue 14): no other account of the machine reads it. */
const mode = (p: string) => fs.statSync(p).mode & 0o777;

describe.skipIf(process.platform === 'win32')('data folder permissions', () => {
  let umask: number;
  beforeAll(() => {
    umask = process.umask(0o000); // the most permissive umask: nothing below may rely on it
  });
  afterAll(() => {
    process.umask(umask);
  });

  it('creates the folder 0700, the database with its WAL 0600, stored files 0400 in 0700 folders', async () => {
    const dir = path.join(tempDir(), 'vanphong-data');
    const app = await tempApp({ dataDir: dir });
    try {
      const rec = await call(app, 'incoming.register', sampleIncoming({ attachments: [{ name: 'ke-hoach.pdf', data: makePdf(['Kế hoạch đại hội']) }] }));
      expect(mode(dir)).toBe(0o700);
      for (const f of ['vanphong.sqlite', 'vanphong.sqlite-wal', 'vanphong.sqlite-shm']) expect(mode(path.join(dir, f)), f).toBe(0o600);
      expect(mode(path.join(dir, 'files'))).toBe(0o700);
      const blob = app.blobs.pathOf(rec.attachments[0].sha256);
      expect(mode(blob)).toBe(0o400);
      expect(mode(path.dirname(blob))).toBe(0o700);
    } finally {
      await app.cleanup();
    }
  });

  it('takes an existing folder left open to everyone back to its owner when it is opened', async () => {
    const dir = path.join(tempDir(), 'cu');
    const first = await openApp({ dataDir: dir });
    await first.close();
    fs.chmodSync(dir, 0o755);
    fs.chmodSync(path.join(dir, 'vanphong.sqlite'), 0o644);
    const again = await openApp({ dataDir: dir });
    try {
      expect(mode(dir)).toBe(0o700);
      expect(mode(path.join(dir, 'vanphong.sqlite'))).toBe(0o600);
    } finally {
      await again.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
