import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import type * as Forge from 'node-forge';
import { AppError } from '../../../shared/api/result';
import { privateDir, PRIVATE_FILE_MODE } from '../../db/private-files';

/**
 * The office server's TLS identity. With no certificate given, the first start makes the office's own CA and a server
 * certificate for this machine's names and addresses, kept in <data>/tls (private keys 0600, the folder 0700); later
 * starts reuse them, and add a new server certificate (same CA) when the machine gained a name or address. The office's
 * own certificate (PEM key + chain, or PFX) replaces it. Clients trust the CA file or pin the server's SHA-256
 * fingerprint, which the server prints and the admin's settings show.
 */
export interface TlsIdentity {
  key: string;
  /** The server certificate, then its chain (PEM). */
  cert: string;
  /** The office CA's certificate when the server made its own (what `--ca` and browsers import). */
  caFile: string | null;
  /** SHA-256 of the server certificate's DER, as «AB:CD:…». */
  fingerprint: string;
  /** The DNS names and IP addresses the certificate is valid for. */
  names: string[];
}

const require = createRequire(import.meta.url);
const forge = (): typeof Forge => require('node-forge') as typeof Forge;

/** SHA-256 of a certificate (PEM or DER) as «AB:CD:…», the form the server prints and clients compare. */
export function fingerprintOf(cert: string | Uint8Array): string {
  return new crypto.X509Certificate(typeof cert === 'string' ? cert : Buffer.from(cert)).fingerprint256;
}

/** The fingerprint's hex digits only, upper case: what is compared, whatever colons or case it was written with. */
export const fingerprintDigits = (fp: string) => fp.replace(/[^0-9a-fA-F]/g, '').toUpperCase();

/** One spelling per name: lower case, IPv6 addresses compressed ("0:0:0:0:0:0:0:1" → "::1"). */
function canonical(name: string): string {
  const n = name.trim().toLowerCase();
  if (!n.includes(':')) return n;
  try {
    return new URL(`http://[${n.replace(/^\[|\]$/g, '')}]/`).hostname.slice(1, -1);
  } catch {
    return n;
  }
}

/** The names a certificate covers (subjectAltName). */
export function namesOf(certPem: string): string[] {
  const san = new crypto.X509Certificate(certPem).subjectAltName ?? '';
  return [...new Set(san.split(/,\s*/).map((s) => canonical(s.replace(/^(DNS|IP Address):/, ''))).filter(Boolean))];
}

/** This machine's names and addresses: localhost, the loopback addresses, the host name and every interface address. */
export function machineNames(listenHost: string): string[] {
  const names = new Set(['localhost', '127.0.0.1', '::1', canonical(os.hostname())]);
  // Link-local IPv6 addresses (fe80::) need a zone to be reached: no use in a certificate.
  for (const list of Object.values(os.networkInterfaces())) for (const a of list ?? []) if (!a.address.toLowerCase().startsWith('fe80:')) names.add(canonical(a.address));
  if (listenHost && listenHost !== '0.0.0.0' && listenHost !== '::') names.add(canonical(listenHost));
  return [...names];
}

const isIp = (s: string) => /^[\d.]+$/.test(s) || s.includes(':');

function newKeyPair(): { pem: string; forgeKeys: Forge.pki.rsa.KeyPair } {
  // RSA keys from Node's native generator (milliseconds), handed to node-forge, which writes the certificates.
  const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
  const priv = forge().pki.privateKeyFromPem(pem) as Forge.pki.rsa.PrivateKey;
  const pub = forge().pki.setRsaPublicKey(priv.n, priv.e);
  return { pem, forgeKeys: { privateKey: priv, publicKey: pub } };
}

function keyPairOf(pem: string): { pem: string; forgeKeys: Forge.pki.rsa.KeyPair } {
  const priv = forge().pki.privateKeyFromPem(pem) as Forge.pki.rsa.PrivateKey;
  return { pem, forgeKeys: { privateKey: priv, publicKey: forge().pki.setRsaPublicKey(priv.n, priv.e) } };
}

function serial(): string {
  // Positive, 16 bytes.
  return '01' + crypto.randomBytes(15).toString('hex');
}

function makeCa(organisation: string): { keyPem: string; certPem: string } {
  const f = forge();
  const { pem, forgeKeys } = newKeyPair();
  const cert = f.pki.createCertificate();
  cert.publicKey = forgeKeys.publicKey;
  cert.serialNumber = serial();
  cert.validity.notBefore = new Date(Date.now() - 60_000);
  cert.validity.notAfter = new Date(Date.now() + 10 * 365 * 86_400_000);
  const subject = [
    { name: 'organizationName', value: organisation, valueTagClass: f.asn1.Type.UTF8 as unknown as number },
    { name: 'commonName', value: `CA nội bộ — ${organisation}`, valueTagClass: f.asn1.Type.UTF8 as unknown as number },
  ];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true, pathLenConstraint: 0, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(forgeKeys.privateKey, f.md.sha256.create());
  return { keyPem: pem, certPem: f.pki.certificateToPem(cert) };
}

function makeServerCert(ca: { keyPem: string; certPem: string }, names: string[], keepKeyPem?: string): { keyPem: string; certPem: string } {
  const f = forge();
  const caCert = f.pki.certificateFromPem(ca.certPem);
  const caKey = f.pki.privateKeyFromPem(ca.keyPem);
  // A renewal keeps the server's key: clients that pin the public key (browsers' SPKI pins) keep working.
  const { pem, forgeKeys } = keepKeyPem ? keyPairOf(keepKeyPem) : newKeyPair();
  const cert = f.pki.createCertificate();
  cert.publicKey = forgeKeys.publicKey;
  cert.serialNumber = serial();
  cert.validity.notBefore = new Date(Date.now() - 60_000);
  // 825 days: the longest lifetime browsers accept for a server certificate from a private CA.
  cert.validity.notAfter = new Date(Date.now() + 825 * 86_400_000);
  cert.setSubject([{ name: 'commonName', value: names.find((n) => !isIp(n)) ?? 'localhost' }]);
  // node-forge reads UTF8String names as UTF-8 bytes but writes them by encoding again: decode them first, so that
  // the issuer is byte for byte the CA's subject (else chain building fails).
  cert.setIssuer(caCert.subject.attributes.map((a) => (a.valueTagClass === (f.asn1.Type.UTF8 as unknown as number) && typeof a.value === 'string' ? { ...a, value: f.util.decodeUtf8(a.value) } : a)));
  cert.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    { name: 'subjectAltName', altNames: names.map((n) => (isIp(n) ? { type: 7, ip: n } : { type: 2, value: n })) },
    { name: 'authorityKeyIdentifier', keyIdentifier: caCert.generateSubjectKeyIdentifier().getBytes() },
  ]);
  cert.sign(caKey, f.md.sha256.create());
  return { keyPem: pem, certPem: f.pki.certificateToPem(cert) };
}

function writePrivate(file: string, text: string): void {
  fs.writeFileSync(file, text, { mode: PRIVATE_FILE_MODE });
  if (process.platform !== 'win32') fs.chmodSync(file, PRIVATE_FILE_MODE);
}

/**
 * The names the certificate must keep covering: the machine's own name, loopback and the address given to --listen.
 * Interface addresses that come and go (a new DHCP lease, a VPN, IPv6 privacy addresses) are added when a certificate
 * is made but do not by themselves make a new one: every client pinning the certificate would then be refused.
 */
export function requiredNames(listenHost: string): string[] {
  const names = ['localhost', '127.0.0.1', canonical(os.hostname())];
  if (listenHost && listenHost !== '0.0.0.0' && listenHost !== '::') names.push(canonical(listenHost));
  return names;
}

/**
 * The office's own CA and server certificate in <dataDir>/tls, made on first use for `names`; made again (same key)
 * only when one of `required` is not covered, or near expiry.
 */
export function ownIdentity(dataDir: string, names: string[], required: string[] = names, organisation = 'Văn phòng điện tử'): TlsIdentity {
  const dir = path.join(dataDir, 'tls');
  privateDir(dir);
  const files = { caKey: path.join(dir, 'ca.key'), caCert: path.join(dir, 'ca.pem'), key: path.join(dir, 'server.key'), cert: path.join(dir, 'server.pem') };
  if (!fs.existsSync(files.caKey) || !fs.existsSync(files.caCert)) {
    const ca = makeCa(organisation);
    writePrivate(files.caKey, ca.keyPem);
    fs.writeFileSync(files.caCert, ca.certPem);
    fs.rmSync(files.cert, { force: true });
  }
  const ca = { keyPem: fs.readFileSync(files.caKey, 'utf8'), certPem: fs.readFileSync(files.caCert, 'utf8') };
  const wanted = [...new Set(names.map(canonical))];
  let certPem = fs.existsSync(files.cert) && fs.existsSync(files.key) ? fs.readFileSync(files.cert, 'utf8') : '';
  const current = certPem ? new crypto.X509Certificate(certPem) : null;
  const stale =
    !current ||
    Date.parse(current.validTo) - Date.now() < 30 * 86_400_000 ||
    !current.checkIssued(new crypto.X509Certificate(ca.certPem)) ||
    required.map(canonical).some((n) => !namesOf(certPem).includes(n));
  if (stale) {
    const keep = current && fs.existsSync(files.key) ? fs.readFileSync(files.key, 'utf8') : undefined;
    const made = makeServerCert(ca, [...new Set([...(current ? namesOf(certPem) : []), ...wanted])], keep);
    writePrivate(files.key, made.keyPem);
    fs.writeFileSync(files.cert, made.certPem);
    certPem = made.certPem;
  }
  return { key: fs.readFileSync(files.key, 'utf8'), cert: certPem + ca.certPem, caFile: files.caCert, fingerprint: fingerprintOf(certPem), names: namesOf(certPem) };
}

/** The office's own certificate: a PEM key and certificate (with its chain), or a PFX/P12 with its password. */
export function givenIdentity(opts: { cert?: string; key?: string; pfx?: string; password?: string }): TlsIdentity {
  const read = (file: string, what: string) => {
    try {
      return fs.readFileSync(file);
    } catch {
      throw new AppError('VALIDATION', `Không đọc được ${what} «${file}».`, { field: what });
    }
  };
  let key: string;
  let cert: string;
  if (opts.pfx) {
    const f = forge();
    try {
      const p12 = f.pkcs12.pkcs12FromAsn1(f.asn1.fromDer(read(opts.pfx, 'pfx').toString('binary')), opts.password ?? '');
      const keyBag = [...(p12.getBags({ bagType: f.pki.oids.pkcs8ShroudedKeyBag })[f.pki.oids.pkcs8ShroudedKeyBag] ?? []), ...(p12.getBags({ bagType: f.pki.oids.keyBag })[f.pki.oids.keyBag] ?? [])][0];
      const certs = (p12.getBags({ bagType: f.pki.oids.certBag })[f.pki.oids.certBag] ?? []).map((b) => b.cert!).filter(Boolean);
      if (!keyBag?.key || !certs.length) throw new Error('empty');
      key = f.pki.privateKeyToPem(keyBag.key);
      // The certificate matching the key first, then the rest of the chain.
      const pub = f.pki.setRsaPublicKey((keyBag.key as Forge.pki.rsa.PrivateKey).n, (keyBag.key as Forge.pki.rsa.PrivateKey).e);
      const mine = certs.findIndex((c) => f.pki.publicKeyToPem(c.publicKey) === f.pki.publicKeyToPem(pub));
      const ordered = mine > 0 ? [certs[mine], ...certs.filter((_, i) => i !== mine)] : certs;
      cert = ordered.map((c) => f.pki.certificateToPem(c)).join('');
    } catch {
      throw new AppError('VALIDATION', 'Không mở được tệp PFX: sai mật khẩu, tệp hỏng, hoặc không chứa khóa riêng RSA và chứng thư.', { field: 'pfx' });
    }
  } else {
    if (!opts.cert || !opts.key) throw new AppError('VALIDATION', 'Cần cả --cert (chứng thư PEM) và --key (khóa riêng PEM), hoặc --pfx.', { field: 'cert' });
    cert = read(opts.cert, 'cert').toString('utf8');
    key = read(opts.key, 'key').toString('utf8');
  }
  let leaf: crypto.X509Certificate;
  try {
    leaf = new crypto.X509Certificate(cert);
    if (!leaf.checkPrivateKey(crypto.createPrivateKey(key))) throw new Error('mismatch');
  } catch {
    throw new AppError('VALIDATION', 'Chứng thư và khóa riêng không khớp nhau, hoặc không phải định dạng PEM.', { field: 'cert' });
  }
  return { key, cert, caFile: null, fingerprint: leaf.fingerprint256, names: namesOf(leaf.toString()) };
}
