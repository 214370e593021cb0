import crypto from 'node:crypto';
import type * as pkijs from 'pkijs';
import * as lazy from './lazy-libs';

/** Object identifiers and signed attributes shared by the CMS builder, the timestamp client and the verifier. */
export const OID = {
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
  const [asn1js, pkijs] = [lazy.asn1js(), lazy.pkijs()];
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
  const asn1js = lazy.asn1js();
  return new Uint8Array(new asn1js.Set({ value: attrs.map((a) => a.toSchema()) }).toBER(false));
}
