import crypto from 'node:crypto';
import type * as asn1js from 'asn1js';
import * as lazy from './lazy-libs';
import { AppError } from '../../shared/api/result';
import { formatDateTimeVN, isoInVietnam } from '../../shared/domain/dates';
import { assembleCms, dataToSign, keyTypeOf, signatureMatches } from './cms';
import { toArrayBuffer } from './cms-attributes';
import { summarize, verifyPdf } from './verify';
import type { VerifyResult } from '../../shared/signing/schemas';
import type { PDFDocument } from 'pdf-lib';
import { addSignatureField, byteRangeBytes, fillContents, openForSigning, type PageOverlay } from './pdf-incremental';
import { decodeStamp, imageAppearance, signerTextAppearance, textStamp, type Appearance } from './appearance';
import {
  attachmentRect,
  containedBox,
  DEFAULT_SEAL_MM,
  needExplicitRect,
  reportedSlot,
  sealRect,
  signatureWidgets,
  type Rect,
  type SignatureRole,
} from './placement';
import type { SigningKey } from './key';
import { commonNameOf } from './names';

/** A certificate sent by a client: DER X.509, else refused with the field to mark. */
export function parseCertificate(der: Uint8Array, field = 'certificate'): crypto.X509Certificate {
  try {
    return new crypto.X509Certificate(der);
  } catch {
    throw new AppError('VALIDATION', 'Chứng thư số gửi lên không đọc được (cần chứng thư X.509 dạng DER).', { field });
  }
}

/**
 * A certificate fit to sign with at `at`: valid then, with a key type the CMS can name, and key usages that allow
 * signing (RFC 5280 digitalSignature or nonRepudiation).
 */
export function checkCertificate(certificate: Uint8Array, at: Date): void {
  const cert = parseCertificate(certificate);
  if (at < new Date(cert.validFrom)) throw new AppError('VALIDATION', `Chứng thư số chưa có hiệu lực (từ ${cert.validFrom}).`, { field: 'certificate' });
  if (at > new Date(cert.validTo)) throw new AppError('VALIDATION', `Chứng thư số đã hết hạn (đến ${cert.validTo}).`, { field: 'certificate' });
  keyTypeOf(certificate);
  const ku = keyUsage(certificate);
  if (ku !== null && !(ku.digitalSignature || ku.nonRepudiation)) {
    throw new AppError('VALIDATION', 'Chứng thư số không được phép dùng để ký (thiếu digitalSignature/nonRepudiation).', { field: 'certificate' });
  }
}

/** The keyUsage extension's signing bits; null when the certificate has none (then any use is allowed). */
export function keyUsage(der: Uint8Array): { digitalSignature: boolean; nonRepudiation: boolean } | null {
  const cert = lazy.pkijs().Certificate.fromBER(toArrayBuffer(der));
  const ext = cert.extensions?.find((e) => e.extnID === '2.5.29.15');
  if (!ext) return null;
  const bits = new Uint8Array((ext.parsedValue as asn1js.BitString).valueBlock.valueHexView)[0] ?? 0;
  return { digitalSignature: (bits & 0x80) !== 0, nonRepudiation: (bits & 0x40) !== 0 };
}

/** The certificate holder's common name, as the stamp and the signature dictionary's /Name show it. */
export function commonName(der: Uint8Array): string {
  return commonNameOf(new crypto.X509Certificate(der).subject);
}

export interface SignRequest {
  role: SignatureRole;
  /** 1-based page and [llx, lly, urx, ury] in PDF points; both or neither. */
  page?: number;
  rect?: Rect;
  /** The signer's signature (blue PNG) or the organisation's seal (red PNG). */
  image?: Uint8Array;
  /** The seal's real width; else the PNG's declared size; else 36 mm. */
  sealWidthMm?: number;
  /** Attachments: the main document's số/ký hiệu, printed with the signing time. */
  stampText?: string;
  reason?: string;
  location?: string;
  time?: Date;
  /** A timestamp authority: the signature becomes PAdES B-T. */
  tsaUrl?: string;
  /** Text added to the pages under this signature (the number and date at issuance). */
  overlays?: PageOverlay[];
}

export interface SignedPdf {
  pdf: Uint8Array;
  page: number;
  /** [0,0,0,0] when the signature has no visible stamp. */
  rect: Rect;
  /** Every signature of the finished file, checked once, against the trust store given (none: trust unknown). */
  verification: VerifyResult;
}

const FIELD_NAMES: Record<SignatureRole, string> = { signer: 'Người có thẩm quyền ký', organisation: 'Cơ quan ban hành', attachment: 'Cơ quan ban hành (tệp đính kèm)' };
const REASONS: Record<SignatureRole, string> = { signer: 'Ký duyệt văn bản', organisation: 'Phát hành văn bản', attachment: 'Phát hành tệp đính kèm' };

async function place(pdf: PDFDocument, certificate: Uint8Array, req: SignRequest, time: Date): Promise<{ page: number; rect: Rect; appearance?: Appearance }> {
  const explicit = req.page !== undefined && req.rect ? { page: req.page, rect: req.rect } : null;
  const image = req.image ? decodeStamp(req.image) : null;
  const aspect = image ? image.width / image.height : 1;
  const size = (r: Rect) => [r[2] - r[0], r[3] - r[1]] as const;

  if (req.role === 'signer') {
    const slot = explicit ?? (await reportedSlot(pdf, 'signature')) ?? needExplicitRect();
    if (!image) {
      const [w, h] = size(slot.rect);
      const lines = [`Ký bởi: ${commonName(certificate)}`, `Thời gian: ${formatDateTimeVN(time.toISOString())}`];
      return { ...slot, appearance: await signerTextAppearance(lines, w, h) };
    }
    // The widget is the image's own box, so the organisation's seal can find the image and cover a third of it.
    const rect = containedBox(slot.rect, aspect);
    const [w, h] = size(rect);
    return { page: slot.page, rect, appearance: imageAppearance(image, w, h, 'fill') };
  }

  if (req.role === 'organisation') {
    if (!image) {
      // No seal image: the organisation's signature is still made, without a stamp on the page.
      const slot = explicit ?? (await reportedSlot(pdf, 'seal'));
      return { page: slot?.page ?? 1, rect: [0, 0, 0, 0] };
    }
    const widthMm = req.sealWidthMm ?? image.widthMm ?? DEFAULT_SEAL_MM;
    if (explicit) {
      const [w, h] = size(explicit.rect);
      return { ...explicit, appearance: imageAppearance(image, w, h, 'contain') };
    }
    const { widgets } = await signatureWidgets(pdf);
    const signerWidget = widgets.find((w) => w.signed);
    const anchor = signerWidget ?? (await reportedSlot(pdf, 'signature')) ?? needExplicitRect();
    const rect = sealRect(anchor.rect, widthMm, aspect);
    const [w, h] = size(rect);
    return { page: anchor.page, rect, appearance: imageAppearance(image, w, h, 'fill') };
  }

  // Attachment: no image; số/ký hiệu and the time, Times 10 pt, top right of page 1.
  const text = req.stampText?.normalize('NFC').trim();
  if (!text) throw new AppError('VALIDATION', 'Thiếu số và ký hiệu của văn bản chính để in lên tệp đính kèm.', { field: 'stampText' });
  const stamp = textStamp([text, isoInVietnam(time)]);
  if (explicit) {
    const [x2, y2] = [explicit.rect[2], explicit.rect[3]];
    return { page: explicit.page, rect: [x2 - stamp.width, y2 - stamp.height, x2, y2], appearance: stamp };
  }
  const { pageSizes } = await signatureWidgets(pdf);
  return { page: 1, rect: attachmentRect(pageSizes[0], stamp.width, stamp.height), appearance: stamp };
}

/**
 * A PDF ready for its signature value: the signature field, its stamp and any overlays appended as an incremental
 * update with /Contents zero-filled, and the bytes the signer's key must sign. Nothing in it is secret: it can be
 * kept (in the database) while the signer signs at their own desk.
 */
export interface PreparedDocument {
  /** The whole file with the placeholder; /ByteRange is final, /Contents is zeros. */
  preparedPdf: Uint8Array;
  byteRange: [number, number, number, number];
  /** Offset of the first hex digit inside /Contents <…>. */
  contentsStart: number;
  page: number;
  /** [0,0,0,0] when the signature has no visible stamp. */
  rect: Rect;
  /** The CMS signed attributes (a DER SET OF): what the key signs, SHA-256 then RSA PKCS#1 v1.5 or ECDSA. */
  signedAttributesDer: Uint8Array;
}

/**
 * First half of signing (EU DSS getDataToSign): checks the certificate, places the stamp the role calls for and
 * prepares the incremental update. The input bytes stay untouched at the front, so every earlier signature stays valid.
 */
export async function prepareDocument(pdf: Uint8Array, certificate: Uint8Array, chain: Uint8Array[], req: SignRequest): Promise<PreparedDocument> {
  const time = req.time ?? new Date();
  checkCertificate(certificate, time);
  chain.forEach((c) => parseCertificate(c, 'chain'));
  const doc = await openForSigning(pdf);
  const placed = await place(doc, certificate, req, time).catch((e: unknown) => {
    if (e instanceof AppError) throw e;
    throw new AppError('FILE_INVALID', 'Tệp PDF hỏng hoặc không đầy đủ: không ký được.');
  });
  const prepared = await addSignatureField(pdf, {
    page: placed.page,
    rect: placed.rect,
    name: `${FIELD_NAMES[req.role]} ${isoInVietnam(time)}`,
    reason: req.reason ?? REASONS[req.role],
    location: req.location,
    signerName: commonName(certificate),
    time,
    appearance: placed.appearance,
    overlays: req.overlays,
  }, doc);
  return {
    preparedPdf: prepared.pdf,
    byteRange: prepared.byteRange,
    contentsStart: prepared.contentsStart,
    page: placed.page,
    rect: placed.rect,
    signedAttributesDer: dataToSign(digestOf(prepared.pdf, prepared.byteRange), certificate),
  };
}

const digestOf = (pdf: Uint8Array, byteRange: readonly number[]) => new Uint8Array(crypto.createHash('sha256').update(byteRangeBytes(pdf, byteRange)).digest());

/**
 * Second half (EU DSS signDocument): takes the signature value made elsewhere, refuses it unless it verifies with the
 * certificate's key over the prepared data, wraps it in the CMS (with a timestamp when a TSA is configured), writes
 * it into the placeholder, and checks the finished file's new signature before handing it back.
 */
export async function completeDocument(
  prepared: PreparedDocument,
  certificate: Uint8Array,
  chain: Uint8Array[],
  signatureValue: Uint8Array,
  opts: { tsaUrl?: string; trust?: Uint8Array[] } = {},
): Promise<SignedPdf> {
  const digest = digestOf(prepared.preparedPdf, prepared.byteRange);
  // The prepared data is rebuilt from the file and the certificate: a stored request that was altered is refused.
  if (!Buffer.from(dataToSign(digest, certificate)).equals(Buffer.from(prepared.signedAttributesDer))) {
    throw new AppError('INTERNAL', 'Dữ liệu ký đã chuẩn bị không khớp với tệp: hãy chuẩn bị ký lại.');
  }
  if (!signatureMatches(certificate, prepared.signedAttributesDer, signatureValue)) {
    throw new AppError('VALIDATION', 'Chữ ký số gửi lên không khớp với dữ liệu cần ký và chứng thư số của người ký: chưa ký. Hãy ký lại bằng đúng khóa của chứng thư đã gửi.', { field: 'signature' });
  }
  const cms = await assembleCms(digest, certificate, chain, signatureValue, { tsaUrl: opts.tsaUrl });
  const pdf = fillContents({ pdf: prepared.preparedPdf, byteRange: prepared.byteRange, contentsStart: prepared.contentsStart }, cms);
  const reports = verifyPdf(pdf, opts.trust ?? []);
  const last = reports.at(-1);
  if (!last?.integrity || !last.signatureValid || !last.coversWholeFile) {
    throw new AppError('INTERNAL', `Tệp vừa ký không kiểm tra được: ${last?.problems.join(' ') || 'không thấy chữ ký'}. Chưa lưu.`);
  }
  return { pdf, page: prepared.page, rect: prepared.rect, verification: { status: summarize(reports), signatures: reports } };
}

/**
 * Signs a PDF (PAdES B-B) in an incremental update with a key at hand: prepare, let the key sign, complete. The input
 * bytes stay untouched at the front of the output, so every earlier signature stays valid.
 */
export async function signDocument(pdf: Uint8Array, key: SigningKey, req: SignRequest): Promise<SignedPdf> {
  const prepared = await prepareDocument(pdf, key.certificate, key.chain, req);
  const signature = await key.sign(prepared.signedAttributesDer);
  return completeDocument(prepared, key.certificate, key.chain, signature, { tsaUrl: req.tsaUrl });
}
