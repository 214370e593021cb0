import { execFile } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { promisify } from 'node:util';
import type { AddressInfo } from 'node:net';
import type { TestPki } from './test-ca';

/**
 * A timestamp authority for tests: `openssl ts -reply` (RFC 3161) behind a loopback HTTP server, with a TSA
 * certificate from the test CA. The product only ever talks HTTP to it.
 */
export async function startTestTsa(pki: TestPki): Promise<{ url: string; requests: () => number; close(): Promise<void> }> {
  const tsa = pki.issue('Máy chủ cấp dấu thời gian thử nghiệm', { keyUsage: 'digitalSignature,nonRepudiation', extendedKeyUsage: 'critical,timeStamping' });
  const dir = pki.dir;
  const conf = path.join(dir, 'tsa.cnf');
  fs.writeFileSync(path.join(dir, 'tsaserial'), '01\n');
  fs.writeFileSync(
    conf,
    [
      '[tsa]',
      'default_tsa = t',
      '[t]',
      `dir = ${dir}`,
      'serial = $dir/tsaserial',
      'crypto_device = builtin',
      `signer_cert = ${tsa.pem}`,
      `certs = ${pki.caPem}`,
      `signer_key = ${tsa.key}`,
      'signer_digest = sha256',
      'default_policy = 1.2.3.4.1',
      'digests = sha256',
      'accuracy = secs:1',
      'ess_cert_id_alg = sha256',
    ].join('\n'),
  );
  let n = 0;
  const run = promisify(execFile);
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const id = ++n;
      const q = path.join(dir, `q${id}.tsq`);
      const r = path.join(dir, `r${id}.tsr`);
      fs.writeFileSync(q, Buffer.concat(chunks));
      try {
        await run('openssl', ['ts', '-reply', '-config', conf, '-queryfile', q, '-out', r]);
        res.writeHead(200, { 'Content-Type': 'application/timestamp-reply' });
        res.end(fs.readFileSync(r));
      } catch (e) {
        res.writeHead(500);
        res.end(String(e));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/tsa`, requests: () => n, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
