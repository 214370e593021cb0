import crypto from 'node:crypto';
import * as lazy from './lazy-libs';
import { AppError } from '../../shared/api/result';
import { requestTimestamp, TIMESTAMP_TOKEN_OID } from './timestamp';
import { OID, signedAttributes, signedAttributesDer, toArrayBuffer } from './cms-attributes';

/**
 * The CMS SignedData of a PAdES baseline B-B signature (ETSI EN 319 142-1, SubFilter ETSI.CAdES.detached): detached
 * content, SHA-256, signed attributes contentType, messageDigest and ESS signing-certificate-v2; no signingTime
 * attribute (PAdES puts the time in the signature dictionary's /M). Built with pkijs, which keeps every certificate's
 * names exactly as issued — node-forge re-encodes them and breaks signatures from CAs with Vietnamese names.
 *
 * Made in two halves, so the key can be elsewhere (the signer's desk, a remote-signing service): `dataToSign` gives the
 * bytes the key signs, `assembleCms` wraps the signature value the key returned. The signed attributes carry no time
 * and no randomness, so both halves rebuild them from the digest and the certificate alone.
 */

/** The bytes a signer's key signs for a PDF whose byte range hashes to `digest` (SHA-256): the signed attributes' DER SET. */
export function dataToSign(digest: Uint8Array, certificate: Uint8Array): Uint8Array {
  return signedAttributesDer(signedAttributes(digest, certificate));
}

/** The key types the CMS can name (rsaEncryption or ecdsa-with-SHA256). */
export function keyTypeOf(certificate: Uint8Array): 'rsa' | 'ec' {
  const t = new crypto.X509Certificate(certificate).publicKey.asymmetricKeyType;
  if (t === 'rsa' || t === 'ec') return t;
  throw new AppError('VALIDATION', `Chứng thư số dùng loại khóa «${t ?? 'không rõ'}»: chỉ ký được bằng khóa RSA hoặc ECDSA.`, { field: 'certificate' });
}

/**
 * Whether `signature` is the certificate's key's signature over `data`: SHA-256 with RSA PKCS#1 v1.5, or ECDSA with
 * the (r, s) pair DER-encoded. A value that does not verify is never written into a document.
 */
export function signatureMatches(certificate: Uint8Array, data: Uint8Array, signature: Uint8Array): boolean {
  try {
    const key = new crypto.X509Certificate(certificate).publicKey;
    return crypto.verify('sha256', data, keyTypeOf(certificate) === 'rsa' ? { key, padding: crypto.constants.RSA_PKCS1_PADDING } : { key, dsaEncoding: 'der' }, signature);
  } catch {
    return false;
  }
}

/**
 * The DER ContentInfo for /Contents: the signed attributes over `digest`, the signature value the key made over them,
 * the certificates; with a TSA URL the SignerInfo also carries a timestamp token over the signature (PAdES B-T).
 */
export async function assembleCms(
  digest: Uint8Array,
  certificate: Uint8Array,
  chain: Uint8Array[],
  signature: Uint8Array,
  opts: { tsaUrl?: string } = {},
): Promise<Uint8Array> {
  const [asn1js, pkijs] = [lazy.asn1js(), lazy.pkijs()];
  const cert = pkijs.Certificate.fromBER(toArrayBuffer(certificate));
  const attrs = signedAttributes(digest, certificate);
  const signerInfo = new pkijs.SignerInfo({
    version: 1,
    sid: new pkijs.IssuerAndSerialNumber({ issuer: cert.issuer, serialNumber: cert.serialNumber }),
    digestAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 }),
    signedAttrs: new pkijs.SignedAndUnsignedAttributes({ type: 0, attributes: attrs }),
    signatureAlgorithm:
      keyTypeOf(certificate) === 'ec'
        ? new pkijs.AlgorithmIdentifier({ algorithmId: OID.ecdsaWithSha256 })
        : new pkijs.AlgorithmIdentifier({ algorithmId: OID.rsaEncryption, algorithmParams: new asn1js.Null() }),
    signature: new asn1js.OctetString({ valueHex: toArrayBuffer(signature) }),
  });
  if (opts.tsaUrl) {
    const token = await requestTimestamp(opts.tsaUrl, signature);
    signerInfo.unsignedAttrs = new pkijs.SignedAndUnsignedAttributes({ type: 1, attributes: [new pkijs.Attribute({ type: TIMESTAMP_TOKEN_OID, values: [token] })] });
  }
  const signedData = new pkijs.SignedData({
    version: 1,
    digestAlgorithms: [new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 })],
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: OID.data }),
    certificates: [cert, ...chain.map((c) => pkijs.Certificate.fromBER(toArrayBuffer(c)))],
    signerInfos: [signerInfo],
  });
  const contentInfo = new pkijs.ContentInfo({ contentType: OID.signedData, content: signedData.toSchema(true) });
  return new Uint8Array(contentInfo.toSchema().toBER(false));
}
