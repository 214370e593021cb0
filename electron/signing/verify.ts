import crypto from 'node:crypto';
import type * as asn1js from 'asn1js';
import type * as pkijs from 'pkijs';
import { byteRangeBytes } from './pdf-incremental';
import { OID, signedAttributesDer, toArrayBuffer } from './cms-attributes';
import { checkTimestamp, TIMESTAMP_TOKEN_OID } from './timestamp';
import { commonNameOf } from './names';
import { chainTrusted } from './chain';
import * as lazy from './lazy-libs';
import type { SignatureReport, SignatureStatus, VerifyResult } from '../../shared/signing/schemas';

export type { SignatureReport };

interface Found {
  byteRange: number[];
  contents: Uint8Array;
  subFilter: string;
  time: string | null;
}

/** Finds every signature dictionary by its /ByteRange and /Contents, in file order (each revision's own). */
export function findSignatures(pdf: Uint8Array): Found[] {
  const text = Buffer.from(pdf).toString('latin1');
  const out: Found[] = [];
  const re = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const dictStart = text.lastIndexOf('<<', m.index);
    const objStart = text.lastIndexOf(' obj', m.index);
    const objEnd = text.indexOf('endobj', m.index);
    const dict = text.slice(Math.max(dictStart, objStart), objEnd < 0 ? undefined : objEnd);
    const c = /\/Contents\s*<([0-9A-Fa-f\s]*)>/.exec(dict);
    if (!c) continue;
    const hex = c[1].replace(/\s+/g, '');
    const sub = /\/SubFilter\s*\/([A-Za-z0-9.]+)/.exec(dict);
    const when = /\/M\s*\(D:(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})([+\-Z])?(\d{2})?'?(\d{2})?/.exec(dict);
    out.push({
      byteRange: [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])],
      contents: derPrefix(new Uint8Array(Buffer.from(hex.length % 2 ? `${hex}0` : hex, 'hex'))),
      subFilter: sub?.[1] ?? '',
      time: when
        ? `${when[1]}-${when[2]}-${when[3]}T${when[4]}:${when[5]}:${when[6]}${when[7] === 'Z' || !when[7] ? 'Z' : `${when[7]}${when[8] ?? '00'}:${when[9] ?? '00'}`}`
        : null,
    });
  }
  return out;
}

/**
 * /Contents is padded with zeros up to the room reserved; the CMS is exactly its DER length. (Trimming trailing zero
 * bytes instead would cut a CMS whose signature happens to end in 0x00, one signature in 256.)
 */
export function derPrefix(b: Uint8Array): Uint8Array {
  if (b.length < 2 || b[0] !== 0x30) return b;
  if (b[1] < 0x80) return b.subarray(0, Math.min(b.length, 2 + b[1]));
  const n = b[1] & 0x7f;
  if (n === 0 || n > 4 || b.length < 2 + n) return b; // indefinite length (BER): leave it to the parser
  let len = 0;
  for (let i = 0; i < n; i++) len = len * 256 + b[2 + i];
  return b.subarray(0, Math.min(b.length, 2 + n + len));
}

export function verifyPdf(pdf: Uint8Array, trustDer: Uint8Array[] = []): SignatureReport[] {
  const trust = trustDer.map((d) => new crypto.X509Certificate(d));
  const found = findSignatures(pdf);
  return found.map((s, index) => {
    const later = index < found.length - 1;
    const problems: string[] = [];
    const r: SignatureReport = {
      index: index + 1,
      signer: '',
      issuer: '',
      signedAt: s.time,
      subFilter: s.subFilter,
      integrity: false,
      signatureValid: false,
      trusted: false,
      validAtSigningTime: false,
      coversWholeFile: s.byteRange[2] + s.byteRange[3] === pdf.length,
      timestamp: null,
      timestampValid: null,
      problems,
    };
    try {
      const pkijs = lazy.pkijs();
      const info = pkijs.ContentInfo.fromBER(toArrayBuffer(s.contents));
      const sd = new pkijs.SignedData({ schema: info.content });
      const si = sd.signerInfos[0];
      const certs = (sd.certificates ?? []).filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate);
      const x509 = certs.map((c) => new crypto.X509Certificate(Buffer.from(c.toSchema().toBER(false))));
      const sid = si.sid as pkijs.IssuerAndSerialNumber;
      const signerIdx = certs.findIndex((c) => c.serialNumber.isEqual(sid.serialNumber) && c.issuer.isEqual(sid.issuer));
      if (signerIdx < 0) throw new Error('Không thấy chứng thư của người ký trong chữ ký.');
      const leaf = x509[signerIdx];
      r.signer = commonNameOf(leaf.subject);
      r.issuer = commonNameOf(leaf.issuer);

      const content = byteRangeBytes(pdf, s.byteRange);
      const digest = crypto.createHash('sha256').update(content).digest();
      const attrs = si.signedAttrs?.attributes ?? [];
      const md = attrs.find((a) => a.type === OID.messageDigest)?.values[0] as asn1js.OctetString | undefined;
      r.integrity = !!md && Buffer.from(md.valueBlock.valueHexView).equals(digest);
      if (!r.integrity) problems.push('Nội dung đã bị thay đổi sau khi ký (mã băm không khớp).');

      const signedBytes = signedAttributesDer(attrs);
      const sigBytes = Buffer.from(si.signature.valueBlock.valueHexView);
      r.signatureValid = crypto.verify('sha256', signedBytes, leaf.publicKey, sigBytes);
      if (!r.signatureValid) problems.push('Chữ ký không khớp với chứng thư của người ký.');

      const tst = si.unsignedAttrs?.attributes.find((a) => a.type === TIMESTAMP_TOKEN_OID);
      if (tst) {
        const checked = checkTimestamp(tst.values[0], new Uint8Array(sigBytes));
        r.timestamp = checked.time;
        r.timestampValid = checked.problem === null;
        if (checked.problem) problems.push(checked.problem);
      }

      // A TSA's time outranks /M, which is only the signer's computer clock.
      const at = r.timestamp ? new Date(r.timestamp) : s.time ? new Date(s.time) : new Date();
      r.validAtSigningTime = new Date(leaf.validFrom) <= at && at <= new Date(leaf.validTo);
      if (!r.validAtSigningTime) problems.push('Chứng thư số không còn hoặc chưa có hiệu lực tại thời điểm ký.');

      r.trusted = chainTrusted(leaf, x509, trust);
      if (!r.trusted) problems.push('Không dựng được chuỗi chứng thư tới một chứng thư gốc tin cậy.');
      if (!r.coversWholeFile) problems.push(later ? 'Sau chữ ký này tệp được nối thêm cập nhật có chữ ký số tiếp theo; phần đã ký giữ nguyên.' : 'Tệp có thêm nội dung sau chữ ký này: phần thêm không được ký.');
    } catch (e) {
      problems.push(`Không đọc được chữ ký: ${(e as Error).message}`);
    }
    return r;
  });
}

/**
 * One word for the registers: invalid when any signature is broken; "to review" when one is untrusted, was made
 * outside its certificate's validity, or the file changed after the last signature; else valid. null: no signature.
 */
export function summarize(reports: SignatureReport[]): SignatureStatus | null {
  if (!reports.length) return null;
  if (reports.some((r) => !r.integrity || !r.signatureValid)) return 'invalid';
  if (reports.some((r) => !r.trusted || !r.validAtSigningTime || r.timestampValid === false) || !reports[reports.length - 1].coversWholeFile) return 'untrusted';
  return 'valid';
}

export function verifyResult(pdf: Uint8Array, trustDer: Uint8Array[]): VerifyResult {
  const signatures = verifyPdf(pdf, trustDer);
  return { status: summarize(signatures), signatures };
}
