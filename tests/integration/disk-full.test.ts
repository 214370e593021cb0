import { describe, expect, it } from 'vitest';
import { callErr, rowsCount, sampleIncoming, tempApp } from '../helpers/app';
import { makePdf } from '../fixtures/make-files';

describe('a full disk', () => {
  it('is said in Vietnamese, and nothing is registered: no row, no number taken', async () => {
    const app = await tempApp();
    const put = app.blobs.put.bind(app.blobs);
    app.blobs.put = () => {
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    };
    const e = await callErr(app, 'incoming.register', { ...sampleIncoming(), attachments: [{ name: 'a.pdf', data: makePdf(['Đầy']) }] });
    expect(e.code).toBe('DISK_FULL');
    expect(e.message).toMatch(/^Ổ đĩa đầy/);
    expect(rowsCount(app, 'incoming_docs')).toBe(0);
    expect(rowsCount(app, 'number_series')).toBe(0);
    app.blobs.put = put;
    await app.cleanup();
  });
});
