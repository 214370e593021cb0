import crypto from 'node:crypto';
import type * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { AppError } from '../../shared/api/result';
import { buildCms, toArrayBuffer } from './cms';
import { addSignatureField, byteRangeBytes, fillContents, type FieldSpec } from './pdf-incremental';
import type { SigningKey } from './p12';

/** The key usages a signing certificate must allow (RFC 5280 digitalSignature or nonRepudiation). */
function checkCertificate(key: SigningKey, at: Date): void {
  const cert = new crypto.X509Certificate(key.certificate);
  if (at < new Date(cert.validFrom)) throw new AppError('VALIDATION', `Chứng thư số chưa có hiệu lực (từ ${cert.validFrom}).`, { field: 'certificate' });
  if (at > new Date(cert.validTo)) throw new AppError('VALIDATION', `Chứng thư số đã hết hạn (đến ${cert.validTo}).`, { field: 'certificate' });
  const ku = keyUsage(key.certificate);
  if (ku !== null && !(ku.digitalSignature || ku.nonRepudiation)) {
    throw new AppError('VALIDATION', 'Chứng thư số không được phép dùng để ký (thiếu digitalSignature/nonRepudiation).', { field: 'certificate' });
  }
}

/** The keyUsage extension's signing bits; null when the certificate has none (then any use is allowed). */
export function keyUsage(der: Uint8Array): { digitalSignature: boolean; nonRepudiation: boolean } | null {
  const cert = pkijs.Certificate.fromBER(toArrayBuffer(der));
  const ext = cert.extensions?.find((e) => e.extnID === '2.5.29.15');
  if (!ext) return null;
  const bits = new Uint8Array((ext.parsedValue as asn1js.BitString).valueBlock.valueHexView)[0] ?? 0;
  return { digitalSignature: (bits & 0x80) !== 0, nonRepudiation: (bits & 0x40) !== 0 };
}

/** Signs a PDF (PAdES B-B) in an incremental update; the input bytes stay untouched at the front of the output. */
export async function signPdf(pdf: Uint8Array, key: SigningKey, spec: Omit<FieldSpec, 'time'> & { time?: Date }): Promise<Uint8Array> {
  const time = spec.time ?? new Date();
  checkCertificate(key, time);
  const prepared = await addSignatureField(pdf, { ...spec, time });
  const digest = crypto.createHash('sha256').update(byteRangeBytes(prepared.pdf, prepared.byteRange)).digest();
  return fillContents(prepared, buildCms(new Uint8Array(digest), key));
}
