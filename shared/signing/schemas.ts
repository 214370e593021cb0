import { z } from 'zod';
import { id, optionalText, requiredText } from '../api/fields';

/** The signing API's inputs (validated on the Node side by every host) and what it returns. */

const bytes = (what: string) => z.custom<Uint8Array>((v) => v instanceof Uint8Array && v.byteLength > 0, { error: `Thiếu ${what}.` });

export const SIGNATURE_ROLES = ['signer', 'organisation', 'attachment'] as const;
export type SignatureRoleName = (typeof SIGNATURE_ROLES)[number];
export const ROLE_LABELS: Record<SignatureRoleName, string> = {
  signer: 'Người có thẩm quyền ký',
  organisation: 'Văn thư phát hành (chữ ký cơ quan)',
  attachment: 'Tệp đính kèm (chữ ký cơ quan)',
};

export const p12KeyInput = z.object({
  kind: z.literal('p12'),
  data: bytes('tệp chữ ký số (.p12/.pfx)'),
  password: z.string({ error: 'Thiếu mật khẩu.' }).max(200, { error: 'Mật khẩu dài quá 200 ký tự.' }),
});

export const tokenKeyInput = z.object({
  kind: z.literal('pkcs11'),
  module: requiredText('thư viện PKCS#11', 1000),
  slot: z.number({ error: 'Khe phải là số.' }).int({ error: 'Khe phải là số nguyên.' }).min(0, { error: 'Khe đánh số từ 0.' }).max(255, { error: 'Khe quá lớn.' }).default(0),
  pin: z.string({ error: 'Thiếu mã PIN.' }).min(1, { error: 'Nhập mã PIN của USB token.' }).max(64, { error: 'Mã PIN dài quá 64 ký tự.' }),
  certificateId: z.string().regex(/^[0-9a-fA-F]*$/, { error: 'Mã chứng thư không hợp lệ.' }).optional(),
});

/** Ký số từ xa: the key stays with the remote-signing service the administrator configured; the signer approves on a phone. */
export const remoteKeyInput = z.object({ kind: z.literal('remote') });

export const keyInput = z.discriminatedUnion('kind', [p12KeyInput, tokenKeyInput, remoteKeyInput], { error: 'Chọn cách ký: tệp .p12/.pfx, USB token hoặc ký số từ xa.' });
export type KeyInput = z.input<typeof keyInput>;

const rect = z
  .tuple([z.number(), z.number(), z.number(), z.number()], { error: 'Vị trí chữ ký phải gồm 4 số.' })
  .refine((r) => r.every(Number.isFinite) && r[2] > r[0] && r[3] > r[1], { error: 'Vị trí chữ ký không hợp lệ.' });

export const signPdfInput = z
  .object({
    pdf: bytes('tệp PDF cần ký'),
    role: z.enum(SIGNATURE_ROLES, { error: 'Vai trò ký không hợp lệ.' }),
    key: keyInput,
    /** The signer whose signature image is stamped (role signer). */
    personId: id().optional(),
    /** The organisation whose seal is stamped (role organisation). */
    organizationId: id().optional(),
    /** Attachments: the main document's số/ký hiệu. */
    stampText: optionalText('số và ký hiệu', 60),
    reason: optionalText('lý do ký', 200),
    location: optionalText('nơi ký', 200),
    page: z.number().int().min(1, { error: 'Trang phải từ 1.' }).optional(),
    rect: rect.optional(),
  })
  .refine((v) => (v.page === undefined) === (v.rect === undefined), { error: 'Cần cả trang và vị trí chữ ký, hoặc không cần cả hai.', path: ['rect'] })
  .refine((v) => v.role !== 'attachment' || !!v.stampText, { error: 'Nhập số và ký hiệu của văn bản chính để in lên tệp đính kèm.', path: ['stampText'] });

/** A remote-signing service's address: https://, or http:// only to a loopback address (a local gateway, tests). */
export function isRemoteSigningUrl(u: string): boolean {
  const m = /^(https?):\/\/(\[[^\]]+\]|[^\s/:?#]+)(:\d+)?([/?#][^\s]*)?$/i.exec(u);
  if (!m) return false;
  if (m[1].toLowerCase() === 'https') return true;
  const host = m[2].toLowerCase();
  return host === 'localhost' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/**
 * tsaUrl: '' clears it (signatures are then B-B, time from the computer's clock only). remoteUrl: the remote-signing
 * service (ký số từ xa); '' clears it, left out keeps it.
 */
export const signingSettingsInput = z.object({
  tsaUrl: z
    .string({ error: 'Địa chỉ máy chủ dấu thời gian phải là chữ.' })
    .trim()
    .max(500, { error: 'Địa chỉ dài quá 500 ký tự.' })
    .refine((u) => u === '' || /^https?:\/\/[^\s]+$/i.test(u), { error: 'Địa chỉ máy chủ dấu thời gian phải bắt đầu bằng http:// hoặc https://.' }),
  remoteUrl: z
    .string({ error: 'Địa chỉ dịch vụ ký số từ xa phải là chữ.' })
    .trim()
    .max(500, { error: 'Địa chỉ dài quá 500 ký tự.' })
    .refine((u) => u === '' || isRemoteSigningUrl(u), { error: 'Dịch vụ ký số từ xa phải là địa chỉ https:// (http:// chỉ dùng được với địa chỉ nội bộ 127.0.0.1).' })
    .optional(),
});

export interface SigningSettings {
  tsaUrl: string | null;
  /** The remote-signing service (ký số từ xa), when the administrator configured one. */
  remoteUrl: string | null;
}

export const verifyPdfInput = z.object({ pdf: bytes('tệp PDF cần kiểm tra') });
export const listTokensInput = z.object({ module: requiredText('thư viện PKCS#11', 1000) });
export const addTrustInput = z.object({ data: bytes('tệp chứng thư (.cer/.crt/.pem)'), name: optionalText('tên tệp', 260) });

export const createPersonInput = z.object({
  fullName: requiredText('họ và tên', 100),
  position: optionalText('chức vụ', 200),
  organizationId: id().optional(),
});

export const setStampInput = z
  .object({
    personId: id().optional(),
    organizationId: id().optional(),
    png: bytes('ảnh PNG'),
    /** Real width in mm; else the PNG's declared size; else 36 mm for a seal, 40 mm for a signature. */
    widthMm: z.number({ error: 'Chiều rộng phải là số.' }).min(5, { error: 'Chiều rộng thật của ảnh tối thiểu 5 mm.' }).max(120, { error: 'Chiều rộng thật của ảnh tối đa 120 mm.' }).optional(),
  })
  .refine((v) => (v.personId === undefined) !== (v.organizationId === undefined), { error: 'Chọn một người ký hoặc một cơ quan.', path: ['personId'] });

export const stampOwnerInput = z
  .object({ personId: id().optional(), organizationId: id().optional() })
  .refine((v) => (v.personId === undefined) !== (v.organizationId === undefined), { error: 'Chọn một người ký hoặc một cơ quan.', path: ['personId'] });

/** What the verifier says of one signature; the UI and the CLI show it as is. */
export interface SignatureReport {
  index: number;
  signer: string;
  issuer: string;
  /** /M of the signature dictionary (ISO), else null. */
  signedAt: string | null;
  subFilter: string;
  /** The covered bytes hash to the CMS messageDigest. */
  integrity: boolean;
  /** The CMS signature verifies with the signer's certificate. */
  signatureValid: boolean;
  /** The chain reaches a certificate of the trust store. */
  trusted: boolean;
  /** The signer's certificate was valid at the signing time (or now, without /M). */
  validAtSigningTime: boolean;
  /** The signature covers the whole file (nothing was appended after it). */
  coversWholeFile: boolean;
  /** A trusted timestamp (PAdES B-T) and its time, when the signature carries one. */
  timestamp: string | null;
  /** null without a timestamp token; false when the token is broken or does not match the signature. */
  timestampValid: boolean | null;
  /** Vietnamese problems found, empty when all is well. */
  problems: string[];
}

/** One word for a file's signatures: the registers' badge. */
export type SignatureStatus = 'valid' | 'untrusted' | 'invalid';
export const SIGNATURE_STATUS_LABELS: Record<SignatureStatus, string> = {
  valid: 'Chữ ký số hợp lệ',
  untrusted: 'Chữ ký số cần xem lại',
  invalid: 'Chữ ký số không hợp lệ',
};

export interface VerifyResult {
  status: SignatureStatus | null;
  signatures: SignatureReport[];
}

export interface SignResult {
  pdf: Uint8Array;
  page: number;
  rect: [number, number, number, number];
  verification: VerifyResult;
}

export interface TokenCertificateInfo {
  id: string;
  label: string;
  subject: string;
  issuer: string;
  validTo: string;
}

export interface TokenSlotInfo {
  slot: number;
  label: string;
  manufacturer: string;
  serial: string;
  certificates: TokenCertificateInfo[];
}

export interface TrustedCertificate {
  id: number;
  sha256: string;
  subject: string;
  issuer: string;
  notBefore: string;
  notAfter: string;
  isCa: boolean;
}

export interface Person {
  id: number;
  fullName: string;
  position: string;
  organizationId: number | null;
  hasSignature: boolean;
}

export interface StampInfo {
  personId: number | null;
  organizationId: number | null;
  ownerName: string;
  kind: 'signature' | 'seal';
  widthPx: number;
  heightPx: number;
  widthMm: number;
  updatedAt: string;
}
