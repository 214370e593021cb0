import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * A throwaway CA whose name has Vietnamese diacritics, and signers issued by it, made with the openssl command (a test
 * tool here, never part of the product). Certificates are PEM and DER files; the signer's key and chain go in a .p12.
 */
export interface TestPki {
  dir: string;
  caPem: string;
  caDer: string;
  p12(name: string, opts?: IssueOptions): string;
  /** A signer's files: PKCS#8 key PEM, certificate PEM and DER, and the .p12 with the CA. */
  issue(name: string, opts?: IssueOptions): { key: string; pem: string; der: string; p12: string };
}

export interface IssueOptions {
  password?: string;
  days?: number;
  startOffsetDays?: number;
  keyUsage?: string;
  /** e.g. "critical,timeStamping" for a timestamp authority. */
  extendedKeyUsage?: string;
}

const run = (args: string[], cwd: string) => execFileSync('openssl', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });

/*
 * RSA key generation is most of a test PKI's cost (~0.3 s a key, and the suite makes a hundred). Keys come from a pool
 * made once per machine in the temporary folder and shared by every test process: the CA takes key 0 and a PKI's
 * signers keys 1, 2, … in turn, so two certificates of one PKI never share a key; beyond the pool, new keys are made.
 */
const POOL_SIZE = 24;
const poolDir = path.join(os.tmpdir(), `vanphong-test-rsa-pool-v1-${process.getuid?.() ?? 'user'}`);
const poolKey = (i: number) => path.join(poolDir, `k${i}.pem`);

function ensureKeyPool(): boolean {
  if (fs.existsSync(poolKey(POOL_SIZE - 1))) return true;
  const lock = `${poolDir}.lock`;
  try {
    fs.mkdirSync(lock);
  } catch {
    // Another test process is making the pool: wait for it (at most 60 s), else make keys one by one.
    const wait = new Int32Array(new SharedArrayBuffer(4));
    for (let i = 0; i < 600 && !fs.existsSync(poolKey(POOL_SIZE - 1)); i++) Atomics.wait(wait, 0, 0, 100);
    return fs.existsSync(poolKey(POOL_SIZE - 1));
  }
  try {
    const tmp = fs.mkdtempSync(`${poolDir}-making-`);
    for (let i = 0; i < POOL_SIZE; i++) run(['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', `k${i}.pem`], tmp);
    fs.rmSync(poolDir, { recursive: true, force: true });
    fs.renameSync(tmp, poolDir);
    return true;
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

/** The openssl arguments for a new key: a key of the pool (copied as `out`), or a fresh one past the pool's end. */
function keyArgs(dir: string, out: string, i: number): string[] {
  if (i < POOL_SIZE && ensureKeyPool()) {
    fs.copyFileSync(poolKey(i), path.join(dir, out));
    return ['-key', out];
  }
  return ['-newkey', 'rsa:2048', '-nodes', '-keyout', out];
}

export function makeTestPki(): TestPki {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vanphong-pki-'));
  fs.writeFileSync(
    path.join(dir, 'ca.cnf'),
    ['[req]', 'distinguished_name = dn', 'prompt = no', 'string_mask = utf8only', 'utf8 = yes', '[dn]', 'C = VN', 'O = Ban Cơ yếu Chính phủ (thử nghiệm)', 'CN = Cơ quan chứng thực số thử nghiệm Việt Nam', '[ext]', 'basicConstraints = critical,CA:TRUE', 'keyUsage = critical,keyCertSign,cRLSign', 'subjectKeyIdentifier = hash'].join('\n'),
  );
  run(['req', '-x509', '-new', ...keyArgs(dir, 'ca.key', 0), '-out', 'ca.pem', '-days', '3650', '-config', 'ca.cnf', '-extensions', 'ext', '-utf8'], dir);
  run(['x509', '-in', 'ca.pem', '-outform', 'DER', '-out', 'ca.der'], dir);
  let serial = 1;
  return {
    dir,
    caPem: path.join(dir, 'ca.pem'),
    caDer: path.join(dir, 'ca.der'),
    p12(name, opts = {}) {
      return this.issue(name, opts).p12;
    },
    issue(name, opts = {}) {
      const id = `s${serial++}`;
      fs.writeFileSync(
        path.join(dir, `${id}.cnf`),
        ['[req]', 'distinguished_name = dn', 'req_extensions = ext', 'prompt = no', 'string_mask = utf8only', 'utf8 = yes', '[dn]', 'C = VN', `CN = ${name}`, '[ext]', `keyUsage = critical,${opts.keyUsage ?? 'digitalSignature,nonRepudiation'}`, 'basicConstraints = CA:FALSE', ...(opts.extendedKeyUsage ? [`extendedKeyUsage = ${opts.extendedKeyUsage}`] : [])].join('\n'),
      );
      run(['req', '-new', ...keyArgs(dir, `${id}.key`, serial - 1), '-out', `${id}.csr`, '-config', `${id}.cnf`, '-utf8'], dir);
      const start = new Date(Date.now() + (opts.startOffsetDays ?? -1) * 86_400_000);
      const end = new Date(start.getTime() + (opts.days ?? 365) * 86_400_000);
      const asn1Time = (d: Date) => d.toISOString().replace(/[-:T]/g, '').slice(0, 14) + 'Z';
      // `openssl x509 -req` cannot set a start date in the past; `openssl ca` can, with a minimal database.
      fs.writeFileSync(path.join(dir, 'index.txt'), '');
      fs.writeFileSync(path.join(dir, 'serial'), `${String(serial + 10).padStart(4, '0')}\n`);
      fs.writeFileSync(
        path.join(dir, 'ca-sign.cnf'),
        ['[ca]', 'default_ca = d', '[d]', `dir = ${dir}`, 'database = $dir/index.txt', 'serial = $dir/serial', 'new_certs_dir = $dir', 'default_md = sha256', 'policy = p', 'unique_subject = no', 'copy_extensions = copy', 'preserve = yes', '[p]', 'countryName = optional', 'commonName = supplied'].join('\n'),
      );
      run(['ca', '-batch', '-config', 'ca-sign.cnf', '-cert', 'ca.pem', '-keyfile', 'ca.key', '-in', `${id}.csr`, '-out', `${id}.pem`, '-startdate', asn1Time(start), '-enddate', asn1Time(end), '-utf8', '-notext'], dir);
      run(['pkcs12', '-export', '-inkey', `${id}.key`, '-in', `${id}.pem`, '-certfile', 'ca.pem', '-out', `${id}.p12`, '-passout', `pass:${opts.password ?? '123456'}`], dir);
      run(['x509', '-in', `${id}.pem`, '-outform', 'DER', '-out', `${id}.der`], dir);
      const f = (ext: string) => path.join(dir, `${id}.${ext}`);
      return { key: f('key'), pem: f('pem'), der: f('der'), p12: f('p12') };
    },
  };
}

/**
 * Signing keys for API calls (`{ kind: 'p12', data, password }`), one certificate per name for the whole PKI: a test
 * that signs many times pays for each name's RSA key and openssl runs once.
 */
export function keyring(pki: TestPki): (name: string) => { kind: 'p12'; data: Uint8Array; password: string } {
  const made = new Map<string, Uint8Array>();
  return (name) => {
    let data = made.get(name);
    if (!data) made.set(name, (data = new Uint8Array(fs.readFileSync(pki.p12(name)))));
    return { kind: 'p12', data, password: '123456' };
  };
}
