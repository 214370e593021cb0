import crypto from 'node:crypto';
import type * as asn1js from 'asn1js';
import type * as pkijs from 'pkijs';
import { AppError } from '../../shared/api/result';
import { OID, signedAttributesDer, toArrayBuffer } from './cms-attributes';
import * as lazy from './lazy-libs';

/**
 * PAdES baseline B-T: an RFC 3161 timestamp over the signature value, from the timestamp authority (TSA) the user
 * configured, kept as the unsigned attribute signature-time-stamp-token of the SignerInfo. It proves the signature
 * existed at that time, whatever the signer's computer clock said.
 */
export const TIMESTAMP_TOKEN_OID = '1.2.840.113549.1.9.16.2.14';
const TST_INFO_OID = '1.2.840.113549.1.9.16.1.4';
const TIMEOUT_MS = 15_000;

export function validTsaUrl(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new AppError('VALIDATION', `Địa chỉ máy chủ dấu thời gian «${url}» không hợp lệ.`, { field: 'tsaUrl' });
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new AppError('VALIDATION', 'Máy chủ dấu thời gian phải là địa chỉ http:// hoặc https://.', { field: 'tsaUrl' });
  return u.toString();
}

/** Asks the TSA for a token over `signature`; returns the token (a CMS ContentInfo) as an asn1js value. */
export async function requestTimestamp(tsaUrl: string, signature: Uint8Array): Promise<asn1js.Sequence> {
  const [asn1js, pkijs] = [lazy.asn1js(), lazy.pkijs()];
  const hash = crypto.createHash('sha256').update(signature).digest();
  const nonce = crypto.randomBytes(8);
  nonce[0] &= 0x7f;
  const req = new pkijs.TimeStampReq({
    version: 1,
    messageImprint: new pkijs.MessageImprint({
      hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 }),
      hashedMessage: new asn1js.OctetString({ valueHex: toArrayBuffer(hash) }),
    }),
    nonce: new asn1js.Integer({ valueHex: toArrayBuffer(nonce) }),
    certReq: true,
  });
  let body: ArrayBuffer;
  try {
    const res = await fetch(validTsaUrl(tsaUrl), {
      method: 'POST',
      headers: { 'Content-Type': 'application/timestamp-query' },
      body: new Uint8Array(req.toSchema().toBER(false)),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (!res.ok) throw new AppError('INTERNAL', `Máy chủ dấu thời gian trả lời lỗi HTTP ${res.status}.`, { field: 'tsaUrl' });
    body = await res.arrayBuffer();
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('INTERNAL', `Không kết nối được máy chủ dấu thời gian ${tsaUrl}: ${(e as Error).message}. Chưa ký.`, { field: 'tsaUrl' });
  }
  let resp: pkijs.TimeStampResp;
  try {
    resp = pkijs.TimeStampResp.fromBER(body);
  } catch {
    throw new AppError('INTERNAL', 'Máy chủ dấu thời gian trả về dữ liệu không đọc được.', { field: 'tsaUrl' });
  }
  if ((resp.status.status !== 0 && resp.status.status !== 1) || !resp.timeStampToken) {
    throw new AppError('INTERNAL', `Máy chủ dấu thời gian từ chối cấp dấu (mã ${resp.status.status}).`, { field: 'tsaUrl' });
  }
  const info = tstInfoOf(resp.timeStampToken);
  if (!Buffer.from(info.messageImprint.hashedMessage.valueBlock.valueHexView).equals(hash)) {
    throw new AppError('INTERNAL', 'Dấu thời gian nhận được không khớp với chữ ký.', { field: 'tsaUrl' });
  }
  const asNumber = (b: Uint8Array) => BigInt(`0x${Buffer.from(b).toString('hex') || '0'}`);
  if (!info.nonce || asNumber(info.nonce.valueBlock.valueHexView) !== asNumber(nonce)) {
    throw new AppError('INTERNAL', 'Dấu thời gian nhận được không trả lời yêu cầu của ứng dụng (nonce khác).', { field: 'tsaUrl' });
  }
  return resp.timeStampToken.toSchema() as asn1js.Sequence;
}

/** The token's encapsulated TSTInfo bytes (an OCTET STRING, possibly in constructed BER pieces). */
function tstInfoBytes(sd: pkijs.SignedData): Buffer {
  const octets = sd.encapContentInfo.eContent;
  if (sd.encapContentInfo.eContentType !== TST_INFO_OID || !octets) throw new Error('not a timestamp token');
  return octets.idBlock.isConstructed
    ? Buffer.concat((octets.valueBlock.value as asn1js.OctetString[]).map((o) => Buffer.from(o.valueBlock.valueHexView)))
    : Buffer.from(octets.valueBlock.valueHexView);
}

function tstInfoOf(token: pkijs.ContentInfo): pkijs.TSTInfo {
  const pkijs = lazy.pkijs();
  return pkijs.TSTInfo.fromBER(toArrayBuffer(new Uint8Array(tstInfoBytes(new pkijs.SignedData({ schema: token.content })))));
}

/**
 * Checks a signature's timestamp token without the network: the imprint is the signature value's hash, the token's
 * own CMS signature verifies, and its content digest matches. Returns the TSA's time, or a problem to report.
 */
export function checkTimestamp(tokenSchema: asn1js.AsnType, signatureValue: Uint8Array): { time: string | null; problem: string | null } {
  try {
    const pkijs = lazy.pkijs();
    const token = new pkijs.ContentInfo({ schema: tokenSchema });
    const sd = new pkijs.SignedData({ schema: token.content });
    const info = tstInfoOf(token);
    const hash = crypto.createHash('sha256').update(signatureValue).digest();
    if (!Buffer.from(info.messageImprint.hashedMessage.valueBlock.valueHexView).equals(hash)) return { time: null, problem: 'Dấu thời gian không khớp với chữ ký.' };
    const si = sd.signerInfos[0];
    const attrs = si.signedAttrs?.attributes ?? [];
    const md = attrs.find((a) => a.type === OID.messageDigest)?.values[0] as asn1js.OctetString | undefined;
    if (!md || !Buffer.from(md.valueBlock.valueHexView).equals(crypto.createHash('sha256').update(tstInfoBytes(sd)).digest())) {
      return { time: null, problem: 'Dấu thời gian bị sửa (mã băm nội dung không khớp).' };
    }
    const certs = (sd.certificates ?? []).filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate);
    const sid = si.sid as pkijs.IssuerAndSerialNumber;
    const tsaCert = certs.find((c) => sid.serialNumber && c.serialNumber.isEqual(sid.serialNumber));
    if (!tsaCert) return { time: info.genTime.toISOString(), problem: 'Dấu thời gian không kèm chứng thư của máy chủ cấp dấu.' };
    const key = new crypto.X509Certificate(Buffer.from(tsaCert.toSchema().toBER(false))).publicKey;
    const ok = crypto.verify('sha256', signedAttributesDer(attrs), key, Buffer.from(si.signature.valueBlock.valueHexView));
    return ok ? { time: info.genTime.toISOString(), problem: null } : { time: null, problem: 'Chữ ký của máy chủ dấu thời gian không hợp lệ.' };
  } catch (e) {
    return { time: null, problem: `Không đọc được dấu thời gian: ${(e as Error).message}` };
  }
}
