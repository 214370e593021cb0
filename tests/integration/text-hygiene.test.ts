import { describe, expect, it } from 'vitest';
import { call, callErr, loginAs, rowsCount, sampleIncoming, tempApp } from '../helpers/app';
import { CLI_PASSWORD, CLI_USER, provisionedDataDir, vanphong, withDataDir } from '../helpers/cli';

describe('text hygiene in the register', () => {
  it('a zero-width space in the số/ký hiệu or the sender does not defeat the duplicate warning, nor make a look-alike organisation', async () => {
    const app = await tempApp();
    await call(app, 'incoming.register', sampleIncoming({ ref: '70/KH-UBND', sender: 'Ủy ban nhân dân tỉnh Bắc Ninh' }));
    const orgs = rowsCount(app, 'organizations');
    const e = await callErr(app, 'incoming.register', sampleIncoming({ ref: '70/\u200BKH-UBND', sender: 'Ủy ban nhân\u200C dân tỉnh Bắc\u2060 Ninh' }));
    expect(e).toMatchObject({ code: 'DUPLICATE', field: 'ref' });
    expect(await call(app, 'incoming.findDuplicate', { sender: '\u202EỦy ban nhân dân tỉnh Bắc Ninh', ref: '70/KH-UBND\uFEFF', docDate: '2026-03-10' })).toMatchObject({ arrivalNumber: 1 });
    expect(rowsCount(app, 'organizations')).toBe(orgs);
    expect(await callErr(app, 'incoming.register', sampleIncoming({ ref: '71/KH', subject: 'Về việc\u0000 thử' }))).toMatchObject({ code: 'VALIDATION', field: 'subject' });
    expect(rowsCount(app, 'incoming_docs')).toBe(1);
    await app.cleanup();
  });

  it('the CLI refuses a control character with the field named, and prints stored ones escaped', async () => {
    const dir = await provisionedDataDir('vanphong-hygiene-');
    const bad = vanphong(['incoming', 'add', '--data-dir', dir, '--subject', 'Về việc \u001b[2J', '--sender', 'Sở Nội vụ', '--ref', '1/SNV', '--date', '2026-03-02']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('[subject]');
    expect(bad.err).toContain('U+001B');
    // A row written by an older version, straight into the database.
    await withDataDir(dir, async (app) => {
      const d = await call(app, 'incoming.register', sampleIncoming({ ref: '2/SNV' }), await loginAs(app, CLI_USER, CLI_PASSWORD));
      app.db.prepare('UPDATE incoming_docs SET subject = ? WHERE id = ?').run('Về việc \u001b[31mđỏ\u202E', d.id);
    });
    const list = vanphong(['incoming', 'list', '--data-dir', dir]);
    expect(list.code).toBe(0);
    expect(list.out).not.toContain('\u001b');
    expect(list.out).toContain('Về việc \\u{1b}[31mđỏ\\u{202e}');
  });
});
