import crypto from 'node:crypto';
import forge from 'node-forge';
import { AppError } from '../../shared/api/result';

import type { SigningKey } from './key';

/**
 * Opens a PKCS#12 file. node-forge decrypts every PBE Vietnamese CAs use (legacy 3DES/RC2 and PBES2/AES); but its
 * re-encoding of certificates mangles non-ASCII names (forge issue #847), so the certificates are taken as the
 * original DER bytes of the bag, never re-encoded by forge.
 */
export function loadP12(data: Uint8Array, password: string): SigningKey {
  let p12: forge.pkcs12.Pkcs12Pfx;
  const originals: string[] = [];
  const parse = forge.pki.certificateFromAsn1;
  try {
    const asn1 = forge.asn1.fromDer(forge.util.createBuffer(Buffer.from(data).toString('binary')));
    // Record each certificate's ASN.1 as parsed from the file; forge's own asn1.toDer writes those bytes back unchanged.
    (forge.pki as { certificateFromAsn1: typeof parse }).certificateFromAsn1 = (obj, computeHash) => {
      originals.push(forge.asn1.toDer(obj).getBytes());
      return parse(obj, computeHash);
    };
    p12 = forge.pkcs12.pkcs12FromAsn1(asn1, false, password);
  } catch (e) {
    const msg = (e as Error).message ?? '';
    if (/mac|password|decrypt|invalid/i.test(msg)) throw new AppError('VALIDATION', 'Sai mật khẩu của tệp chữ ký số (.p12/.pfx).', { field: 'password' });
    throw new AppError('FILE_INVALID', 'Tệp chữ ký số không đọc được: không phải PKCS#12 (.p12/.pfx) hợp lệ.', { field: 'p12' });
  } finally {
    (forge.pki as { certificateFromAsn1: typeof parse }).certificateFromAsn1 = parse;
  }
  const keyBags = [
    ...(p12.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag })[forge.pki.oids.pkcs8ShroudedKeyBag] ?? []),
    ...(p12.getBags({ bagType: forge.pki.oids.keyBag })[forge.pki.oids.keyBag] ?? []),
  ];
  const key = keyBags.find((b) => b.key)?.key;
  if (!key) throw new AppError('FILE_INVALID', 'Tệp chữ ký số không chứa khóa bí mật.', { field: 'p12' });
  const privateKey = crypto.createPrivateKey(forge.pki.privateKeyToPem(key));
  const certs = originals.map((b) => new Uint8Array(Buffer.from(b, 'binary')));
  const publicDer = crypto.createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
  const mine = certs.find((c) => Buffer.from(new crypto.X509Certificate(c).publicKey.export({ type: 'spki', format: 'der' })).equals(publicDer));
  if (!mine) throw new AppError('FILE_INVALID', 'Tệp chữ ký số không có chứng thư của khóa bí mật.', { field: 'p12' });
  return { certificate: mine, chain: certs.filter((c) => c !== mine), sign: (d) => new Uint8Array(crypto.sign('sha256', d, privateKey)) };
}
