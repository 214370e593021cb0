import crypto from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import type { SigningKey } from './key';
import { requestTimestamp, TIMESTAMP_TOKEN_OID } from './timestamp';

/**
 * The CMS SignedData of a PAdES baseline B-B signature (ETSI EN 319 142-1, SubFilter ETSI.CAdES.detached): detached
 * content, SHA-256, signed attributes contentType, messageDigest and ESS signing-certificate-v2; no signingTime
 * attribute (PAdES puts the time in the signature dictionary's /M). Built with pkijs, which keeps every certificate's
 * names exactly as issued — node-forge re-encodes them and breaks signatures from CAs with Vietnamese names.
 */
const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  sha256: '2.16.840.1.101.3.4.2.1',
  rsaEncryption: '1.2.840.113549.1.1.1',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
} as const;

/** pkijs and asn1js take ArrayBuffers: a copy of exactly the view's bytes. */
export const toArrayBuffer = (u: Uint8Array): ArrayBuffer => u.buffer.slice(u.byteOffset, u.byteOffset + u.byteLength) as ArrayBuffer;

export function signedAttributes(digest: Uint8Array, certificateDer: Uint8Array): pkijs.Attribute[] {
  const certHash = crypto.createHash('sha256').update(certificateDer).digest();
  // SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2 }; ESSCertIDv2 with the default SHA-256.
  const essCertIdV2 = new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [new asn1js.OctetString({ valueHex: toArrayBuffer(certHash) })] })] })] });
  return [
    new pkijs.Attribute({ type: OID.contentType, values: [new asn1js.ObjectIdentifier({ value: OID.data })] }),
    new pkijs.Attribute({ type: OID.messageDigest, values: [new asn1js.OctetString({ valueHex: toArrayBuffer(digest) })] }),
    new pkijs.Attribute({ type: OID.signingCertificateV2, values: [essCertIdV2] }),
  ];
}

/** The bytes a signer signs: the signed attributes DER-encoded as a SET OF (RFC 5652 §5.4). */
export function signedAttributesDer(attrs: pkijs.Attribute[]): Uint8Array {
  return new Uint8Array(new asn1js.Set({ value: attrs.map((a) => a.toSchema()) }).toBER(false));
}

/**
 * Signs `digest` (SHA-256 of the PDF's byte range) and returns the DER ContentInfo for /Contents; with a TSA URL the
 * SignerInfo also carries a timestamp token over its signature (PAdES B-T).
 */
export async function buildCms(digest: Uint8Array, key: SigningKey, opts: { tsaUrl?: string } = {}): Promise<Uint8Array> {
  const cert = pkijs.Certificate.fromBER(toArrayBuffer(key.certificate));
  const attrs = signedAttributes(digest, key.certificate);
  const signature = key.sign(signedAttributesDer(attrs));
  const isEc = new crypto.X509Certificate(key.certificate).publicKey.asymmetricKeyType === 'ec';
  const signerInfo = new pkijs.SignerInfo({
    version: 1,
    sid: new pkijs.IssuerAndSerialNumber({ issuer: cert.issuer, serialNumber: cert.serialNumber }),
    digestAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 }),
    signedAttrs: new pkijs.SignedAndUnsignedAttributes({ type: 0, attributes: attrs }),
    signatureAlgorithm: isEc
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
    certificates: [cert, ...key.chain.map((c) => pkijs.Certificate.fromBER(toArrayBuffer(c)))],
    signerInfos: [signerInfo],
  });
  const contentInfo = new pkijs.ContentInfo({ contentType: OID.signedData, content: signedData.toSchema(true) });
  return new Uint8Array(contentInfo.toSchema().toBER(false));
}

export { OID };
