import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpHost, type HttpHost } from '../../electron/hosts/http/server';
import { decodeWire, encodeWire } from '../../shared/api/wire';
import { rowsCount, sampleIncoming, TEST_PASSWORD, tempApp } from '../helpers/app';
import type { AppContext } from '../../electron/app/context';
import { makePdf } from '../fixtures/make-files';
import { rawRequest } from '../helpers/http';

/**
 * Files reach the HTTP hosts streamed (POST /upload), never inside a JSON body: the API body of a logged-in call is
 * bounded (16 MB), an upload by the file size limit, and an upload is its session's, read once.
 */
let app: AppContext & { cleanup(): Promise<void> };
let host: HttpHost;
let cookie = '';
let csrf = '';

const request = (method: string, p: string, headers: Record<string, string>, body?: string | Uint8Array) => rawRequest(host.port, method, p, headers, body);
const headers = (type = 'application/json') => ({ Host: `127.0.0.1:${host.port}`, 'X-Vanphong-Token': host.token, 'Content-Type': type, 'X-Vanphong-Csrf': csrf, Cookie: cookie });
const upload = async (bytes: Uint8Array, h = headers('application/octet-stream')) => {
  const r = await request('POST', '/upload', h, bytes);
  return { status: r.status, body: decodeWire(r.text) as { ok: boolean; value?: { upload: string; size: number }; error?: { code: string; message: string } } };
};

beforeAll(async () => {
  app = await tempApp({ maxFileBytes: 2 * 1024 * 1024 });
  host = await startHttpHost(app);
  const login = await request('POST', '/api/auth.login', headers(), JSON.stringify({ username: 'tester', password: TEST_PASSWORD }));
  cookie = String(login.headers['set-cookie']?.[0] ?? '').split(';')[0];
  csrf = String(login.headers['x-vanphong-csrf'] ?? '');
});
afterAll(async () => {
  await host.close();
  await app.cleanup();
});

describe('uploads', () => {
  it('a file streamed first is named in the call, registered whole, and stored encrypted while it waits', async () => {
    const pdf = makePdf(['Báo cáo dài'.repeat(20), 'x'.repeat(400_000)]);
    const up = await upload(pdf);
    expect(up.status).toBe(200);
    expect(up.body.value!.size).toBe(pdf.length);
    const waiting = fs.readdirSync(path.join(app.dataDir, 'uploads'), { recursive: true, withFileTypes: true }).filter((d) => d.isFile());
    expect(waiting).toHaveLength(1);
    const onDisk = fs.readFileSync(path.join(waiting[0].parentPath, waiting[0].name));
    expect(onDisk.includes(Buffer.from('%PDF'))).toBe(false);
    const body = encodeWire({ ...sampleIncoming(), attachments: [{ name: 'bao-cao.pdf', data: pdf }] }, new Map([[pdf, up.body.value!.upload]]));
    expect(body.length).toBeLessThan(2000);
    const r = decodeWire((await request('POST', '/api/incoming.register', headers(), body)).text) as { ok: boolean; value: { attachments: { size: number }[] } };
    expect(r.ok).toBe(true);
    expect(r.value.attachments[0].size).toBe(pdf.length);
    // Read once: the same id again is refused, and nothing waits any more.
    const again = decodeWire((await request('POST', '/api/incoming.register', headers(), body.replace('70/KH-UBND', '71/KH-UBND'))).text) as { ok: boolean; error: { message: string } };
    expect(again.ok).toBe(false);
    expect(again.error.message).toContain('Tệp đã tải lên không còn');
    expect(host.uploadsWaiting()).toBe(0);
    expect(rowsCount(app, 'incoming_docs')).toBe(1);
  });

  it('refuses an upload without a login or its CSRF token, and one over the file size limit', async () => {
    const small = new Uint8Array(1000);
    expect((await upload(small, { ...headers('application/octet-stream'), Cookie: '' })).status).toBe(401);
    expect((await upload(small, { ...headers('application/octet-stream'), 'X-Vanphong-Csrf': 'x' })).status).toBe(403);
    const big = await upload(new Uint8Array(3 * 1024 * 1024));
    expect(big.status).toBe(413);
    expect(big.body.error!.message).toBe('Tệp quá lớn (tối đa 2 MB).');
    expect(host.uploadsWaiting()).toBe(0);
  });

  it('bounds an API call’s body at 16 MB: a file inside the JSON over it is refused before it is read', async () => {
    const r = await request('POST', '/api/incoming.register', { ...headers(), 'Content-Length': String(17 * 1024 * 1024) });
    expect(r.status).toBe(413);
    expect(r.text).toContain('tối đa 16 MB');
  });

  it('uploads are read only for a call the caller may make, a few files’ worth at most', async () => {
    const pdf = makePdf(['Quyết định']);
    const up = await upload(pdf);
    const forbidden = `{"sender":"Sở Y tế","ref":"9/SYT","docDate":"2026-03-01","subject":"Về việc","attachments":[{"name":"a.pdf","data":{"$upload":"${up.body.value!.upload}"}}]}`;
    const r = decodeWire((await request('POST', '/api/no.such.method', headers(), forbidden)).text) as { ok: boolean; error: { message: string } };
    expect(r.error.message).toBe('Tài khoản này không được dùng chức năng này.');
    expect(host.uploadsWaiting()).toBe(0);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await upload(new Uint8Array(1_900_000).fill(i))).body.value!.upload);
    const many = `{"sender":"Sở Y tế","ref":"10/SYT","docDate":"2026-03-01","subject":"Về việc","attachments":[${ids.map((id, i) => `{"name":"${i}.pdf","data":{"$upload":"${id}"}}`).join(',')}]}`;
    const r2 = decodeWire((await request('POST', '/api/incoming.register', headers(), many)).text) as { ok: boolean; error: { message: string } };
    expect(r2.error.message).toBe('Các tệp của một lần gửi vượt quá 8 MB: hãy gửi ít tệp hơn mỗi lần.');
    expect(host.uploadsWaiting()).toBe(0);
    expect(rowsCount(app, 'incoming_docs')).toBe(1);
  });

  it('an upload of another session cannot be used', async () => {
    const up = await upload(makePdf(['Của phiên khác']));
    const login = await request('POST', '/api/auth.login', { ...headers(), Cookie: '', 'X-Vanphong-Csrf': '' }, JSON.stringify({ username: 'tester', password: TEST_PASSWORD }));
    const other = { ...headers(), Cookie: String(login.headers['set-cookie']?.[0] ?? '').split(';')[0], 'X-Vanphong-Csrf': String(login.headers['x-vanphong-csrf'] ?? '') };
    const body = `{"sender":"Sở Y tế","ref":"9/SYT","docDate":"2026-03-01","subject":"Về việc","attachments":[{"name":"a.pdf","data":{"$upload":"${up.body.value!.upload}"}}]}`;
    const r = decodeWire((await request('POST', '/api/incoming.register', other, body)).text) as { ok: boolean; error: { message: string } };
    expect(r.ok).toBe(false);
    expect(r.error.message).toContain('Tệp đã tải lên không còn');
  });
});
