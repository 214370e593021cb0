import crypto from 'node:crypto';
import * as lazy from './lazy-libs';
import type { SigningKey } from './key';
import { requestTimestamp, TIMESTAMP_TOKEN_OID } from './timestamp';
import { OID, signedAttributes, signedAttributesDer, toArrayBuffer } from './cms-attributes';

/**
 * The CMS SignedData of a PAdES baseline B-B signature (ETSI EN 319 142-1, SubFilter ETSI.CAdES.detached): detached
 * content, SHA-256, signed attributes contentType, messageDigest and ESS signing-certificate-v2; no signingTime
 * attribute (PAdES puts the time in the signature dictionary's /M). Built with pkijs, which keeps every certificate's
 * names exactly as issued — node-forge re-encodes them and breaks signatures from CAs with Vietnamese names.
 *
 * Signs `digest` (SHA-256 of the PDF's byte range) and returns the DER ContentInfo for /Contents; with a TSA URL the
 * SignerInfo also carries a timestamp token over its signature (PAdES B-T).
 */
export async function buildCms(digest: Uint8Array, key: SigningKey, opts: { tsaUrl?: string } = {}): Promise<Uint8Array> {
  const [asn1js, pkijs] = [lazy.asn1js(), lazy.pkijs()];
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

