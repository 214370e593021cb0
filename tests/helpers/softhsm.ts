import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import * as pkijs from 'pkijs';
import { has } from './tools';

/**
 * A real PKCS#11 token for tests: SoftHSM2 (Debian package softhsm2), a token initialised in a temporary folder,
 * the signer's key imported with softhsm2-util and their certificate (and the CA's) written with pkcs11js.
 * SOFTHSM2_CONF must be in the environment of whatever process loads the module.
 */
const MODULE_PATHS = ['/usr/lib/softhsm/libsofthsm2.so', '/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so', '/usr/local/lib/softhsm/libsofthsm2.so'];

export function softhsmModule(): string | null {
  if (!has('softhsm2-util', ['--version'])) return null;
  return MODULE_PATHS.find((p) => fs.existsSync(p)) ?? null;
}

export interface SoftToken {
  module: string;
  pin: string;
  conf: string;
  env: NodeJS.ProcessEnv;
}

export function makeSoftToken(label: string, signer: { key: string; der: string }, caDer?: string): SoftToken {
  const module = softhsmModule();
  if (!module) throw new Error('softhsm2 is not installed');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vanphong-hsm-'));
  fs.mkdirSync(path.join(dir, 'tokens'));
  const conf = path.join(dir, 'softhsm2.conf');
  fs.writeFileSync(conf, `directories.tokendir = ${dir}/tokens\nobjectstore.backend = file\nlog.level = ERROR\nslots.removable = false\n`);
  const env = { ...process.env, SOFTHSM2_CONF: conf };
  const pin = '246810';
  execFileSync('softhsm2-util', ['--init-token', '--free', '--label', label, '--pin', pin, '--so-pin', '13579246'], { env, stdio: 'pipe' });
  execFileSync('softhsm2-util', ['--import', signer.key, '--token', label, '--label', 'signer', '--id', '01', '--pin', pin], { env, stdio: 'pipe' });

  // softhsm2-util imports keys only; certificates go in through the PKCS#11 API.
  const previous = process.env.SOFTHSM2_CONF;
  process.env.SOFTHSM2_CONF = conf;
  const require = createRequire(import.meta.url);
  const lib = require('pkcs11js') as typeof import('pkcs11js');
  const p = new lib.PKCS11();
  p.load(module);
  p.C_Initialize();
  try {
    const slot = p.C_GetSlotList(true).find((s) => p.C_GetTokenInfo(s).label.trim() === label)!;
    const session = p.C_OpenSession(slot, lib.CKF_SERIAL_SESSION | lib.CKF_RW_SESSION);
    p.C_Login(session, lib.CKU_USER, pin);
    const put = (file: string, id: number, name: string) => {
      const der = fs.readFileSync(file);
      const cert = pkijs.Certificate.fromBER(der.buffer.slice(der.byteOffset, der.byteOffset + der.byteLength));
      p.C_CreateObject(session, [
        { type: lib.CKA_CLASS, value: lib.CKO_CERTIFICATE },
        { type: lib.CKA_CERTIFICATE_TYPE, value: lib.CKC_X_509 },
        { type: lib.CKA_TOKEN, value: true },
        { type: lib.CKA_ID, value: Buffer.from([id]) },
        { type: lib.CKA_LABEL, value: name },
        { type: lib.CKA_SUBJECT, value: Buffer.from(cert.subject.toSchema().toBER(false)) },
        { type: lib.CKA_VALUE, value: der },
      ]);
    };
    put(signer.der, 1, 'signer');
    if (caDer) put(caDer, 2, 'ca');
    p.C_Logout(session);
    p.C_CloseSession(session);
  } finally {
    p.C_Finalize();
    p.close();
    if (previous === undefined) delete process.env.SOFTHSM2_CONF;
    else process.env.SOFTHSM2_CONF = previous;
  }
  return { module, pin, conf, env };
}
