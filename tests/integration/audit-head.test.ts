import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mammoth from 'mammoth';
import { addUser, call, callErr, sampleIncoming, tempApp } from '../helpers/app';

/** audit.head: the chain's last link, which a register book or a backup carries off the machine. */
describe('audit.head', () => {
  let app: Awaited<ReturnType<typeof tempApp>>;
  beforeAll(async () => {
    app = await tempApp();
  });
  afterAll(async () => app?.cleanup());

  it('is seq 0 with no hash before anything is recorded', async () => {
    expect(await call(app, 'audit.head', {})).toEqual({ seq: 0, hash: null });
  });

  it('follows the last row of the log as changes are recorded', async () => {
    await call(app, 'incoming.register', sampleIncoming());
    await call(app, 'incoming.register', sampleIncoming({ ref: '71/KH-UBND' }));
    const last = app.db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string };
    const head = await call(app, 'audit.head', {});
    expect(head).toEqual({ seq: last.seq, hash: last.hash });
    expect(head.seq).toBeGreaterThanOrEqual(2);
    expect(head.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is printed under the last row of an exported register book', async () => {
    const head = await call(app, 'audit.head', {});
    const book = await call(app, 'registerBook.export', { kind: 'incoming', from: '2026-01-01', to: '2026-12-31', format: 'docx' });
    const { value: text } = await mammoth.extractRawText({ buffer: Buffer.from(book.data) });
    expect(text).toContain(`Nhật ký thay đổi đến bản ghi số ${head.seq}, mã kiểm tra SHA-256: ${head.hash}`);
    expect(text.indexOf(head.hash!)).toBeGreaterThan(text.indexOf('71/KH-UBND'));
  });

  it('is refused to a chuyên viên (the registers belong to the văn thư and leaders)', async () => {
    const staff = await addUser(app, 'chuyenvien1', ['chuyenvien']);
    expect((await callErr(app, 'audit.head', {}, staff)).code).toBe('FORBIDDEN');
  });
});
