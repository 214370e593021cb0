import { z } from 'zod';
import { id, isoDate, optionalText, requiredText } from '../api/fields';
import { keyInput } from '../signing/schemas';

/** The workflow of an outgoing document (ND30 Điều 10–17): dự thảo → trình → trả lại | duyệt → ký → phát hành. */
export const DRAFT_STATUSES = ['du-thao', 'cho-duyet', 'tra-lai', 'da-duyet', 'da-ky', 'dang-phat-hanh', 'da-phat-hanh'] as const;
export type DraftStatus = (typeof DRAFT_STATUSES)[number];

export const DRAFT_STATUS_LABELS: Record<DraftStatus, string> = {
  'du-thao': 'Dự thảo',
  'cho-duyet': 'Chờ duyệt',
  'tra-lai': 'Bị trả lại',
  'da-duyet': 'Đã duyệt, chờ ký',
  'da-ky': 'Đã ký, chờ phát hành',
  'dang-phat-hanh': 'Đang phát hành',
  'da-phat-hanh': 'Đã phát hành',
};

export const STEP_ACTIONS = ['submit', 'return', 'approve', 'sign', 'issue', 'issue-failed'] as const;
export type StepAction = (typeof STEP_ACTIONS)[number];
export const STEP_LABELS: Record<StepAction, string> = {
  submit: 'Trình',
  return: 'Trả lại',
  approve: 'Duyệt',
  sign: 'Ký số',
  issue: 'Phát hành',
  'issue-failed': 'Phát hành không thành công',
};

export const OUTGOING_STATUSES = ['issuing', 'issued', 'cancelled', 'skipped', 'reserved'] as const;
export type OutgoingStatus = (typeof OUTGOING_STATUSES)[number];
export const OUTGOING_STATUS_LABELS: Record<OutgoingStatus, string> = {
  issuing: 'Đang phát hành',
  issued: 'Đã phát hành',
  cancelled: 'Đã hủy (giữ số)',
  skipped: 'Bỏ số',
  reserved: 'Giữ số',
};

export const SEND_METHODS = ['edxml', 'email', 'paper'] as const;
export type SendMethod = (typeof SEND_METHODS)[number];
export const SEND_METHOD_LABELS: Record<SendMethod, string> = { edxml: 'Trục liên thông (edXML)', email: 'Thư điện tử', paper: 'Bản giấy' };

export const CORRECTIONS = ['dinh-chinh', 'thay-the', 'thu-hoi'] as const;
export type Correction = (typeof CORRECTIONS)[number];
export const CORRECTION_LABELS: Record<Correction, string> = { 'dinh-chinh': 'Đính chính', 'thay-the': 'Thay thế', 'thu-hoi': 'Thu hồi' };

const draftId = id('mã văn bản');
const comment = (label: string) => optionalText(label, 2000);

export const submitInput = z.object({ id: draftId, to: id('lãnh đạo nhận trình'), comment: comment('ý kiến trình') });
export const returnInput = z.object({ id: draftId, comment: requiredText('ý kiến trả lại', 2000) });
export const approveInput = z.object({ id: draftId, comment: comment('ý kiến duyệt') });
export const signOutgoingInput = z.object({ id: draftId, key: keyInput, reason: optionalText('lý do ký', 200), location: optionalText('nơi ký', 200) });
/**
 * Giữ số: a number of the book reserved earlier (outgoing.skipNumber kind 'reserved') that this issuance takes instead of
 * the next one; only a number still reserved, of the same book and numbering period.
 */
const reservedNumber = z
  .number({ error: 'Số đã giữ phải là số.' })
  .int({ error: 'Số đã giữ phải là số nguyên.' })
  .min(1, { error: 'Số đã giữ phải từ 1.' })
  .max(999_999, { error: 'Số đã giữ quá lớn.' })
  .optional();
export const issueInput = z.object({
  id: draftId,
  key: keyInput,
  /** The outgoing book; the default book, or the secret one for a document marked mật. */
  book: optionalText('sổ', 200),
  /** Ngày ban hành; today (Vietnam) when absent. */
  date: isoDate('ngày ban hành').optional(),
  reservedNumber,
});
/** The numbers reserved in the book a draft would be issued in, for its numbering period (the issue dialog's choice). */
export const reservedNumbersInput = z.object({ id: draftId, book: optionalText('sổ', 200), date: isoDate('ngày ban hành').optional() });
export interface ReservedNumber {
  /** The register row that holds it. */
  id: number;
  number: number;
  /** Why it was reserved (giữ số). */
  reason: string | null;
  /** The day it was reserved. */
  reservedOn: string;
}
export interface ReservedNumbers {
  book: string;
  period: string;
  numbers: ReservedNumber[];
}
/**
 * Signing at the signer's own desk (issue 13; EU DSS getDataToSign / signDocument): the client sends its certificate,
 * the server prepares the PDF and returns the bytes to sign; the client signs them with its key (which never leaves
 * it) and sends back the signature value alone.
 */
const der = (what: string, max: number) =>
  z.custom<Uint8Array>((v) => v instanceof Uint8Array && v.byteLength > 0 && v.byteLength <= max, { error: `Thiếu ${what} hoặc ${what} quá lớn.` });
const certificate = der('chứng thư số (DER)', 32 * 1024);
const chain = z.array(der('chứng thư trong chuỗi', 32 * 1024), { error: 'Chuỗi chứng thư phải là danh sách chứng thư.' }).max(10, { error: 'Chuỗi chứng thư có quá 10 chứng thư.' }).optional();
export const signingRequestId = z.string({ error: 'Thiếu mã yêu cầu ký.' }).regex(/^[A-Za-z0-9_-]{22}$/, { error: 'Mã yêu cầu ký không hợp lệ.' });

export const prepareSignInput = z.object({ id: draftId, certificate, chain, reason: optionalText('lý do ký', 200), location: optionalText('nơi ký', 200) });
export const prepareIssueInput = z.object({
  id: draftId,
  book: optionalText('sổ', 200),
  date: isoDate('ngày ban hành').optional(),
  reservedNumber,
  certificate,
  chain,
});
export const completeSigningInput = z.object({ requestId: signingRequestId, signature: der('chữ ký số', 8 * 1024) });
export const cancelSigningInput = z.object({ requestId: signingRequestId, reason: optionalText('lý do hủy', 1000) });

export const cancelOutgoingInput = z.object({ id: id('mã văn bản đi'), note: requiredText('lý do hủy', 1000) });
export const skipNumberInput = z.object({
  book: optionalText('sổ', 200),
  kind: z.enum(['skipped', 'reserved'], { error: 'Chọn bỏ số hoặc giữ số.' }),
  reason: requiredText('lý do', 1000),
  /** Party books number per type: the type the number belongs to. */
  docType: optionalText('loại văn bản', 40),
});
export const sendInput = z.object({
  id: id('mã văn bản đi'),
  sends: z
    .array(
      z.object({
        recipient: requiredText('nơi nhận', 300),
        organizationId: id().optional(),
        method: z.enum(SEND_METHODS, { error: 'Cách gửi phải là edxml, email hoặc paper.' }),
        note: optionalText('ghi chú', 500),
      }),
    )
    .min(1, { error: 'Chọn ít nhất một nơi nhận để gửi.' })
    .max(500),
  /** The organisation's key for the edXML package's XML signature (issue 18); left out, the package goes unsigned. */
  key: keyInput.optional(),
});
export const listOutgoingInput = z.object({
  year: z.number().int().min(1900).max(2200).optional(),
  book: optionalText('sổ', 200),
  limit: z.number().int().min(1).max(5000).default(500),
});
export const inboxInput = z.object({ limit: z.number().int().min(1).max(500).default(200) });
export const correctInput = z.object({ id: id('mã văn bản đi'), kind: z.enum(CORRECTIONS, { error: 'Chọn đính chính, thay thế hoặc thu hồi.' }) });
export const draftRefInput = z.object({ id: draftId });
export const versionInput = z.object({ id: draftId, version: z.number().int().min(1) });

/** A signature waiting at the signer's desk: sign `dataToSign` (SHA-256 then RSA PKCS#1 v1.5 or ECDSA) before `expiresAt`. */
export interface PreparedSigning {
  requestId: string;
  /** The CMS signed attributes (DER): the bytes the key signs, as crypto.sign('sha256', dataToSign, key) or CKM_SHA256_RSA_PKCS. */
  dataToSign: Uint8Array;
  hash: 'SHA-256';
  /** ISO instant, 10 minutes after preparing; an issuance's number is cancelled when it passes. */
  expiresAt: string;
  /** The số and ký hiệu taken for an issuance; null for the leader's signature. */
  ref: string | null;
  draftId: number;
}

/** A signing request completed or cancelled: where the draft is now, and its register entry for an issuance. */
export interface SigningOutcome {
  draftId: number;
  workflow: WorkflowInfo;
  outgoing: OutgoingRecord | null;
}

export interface WorkflowStep {
  id: number;
  at: string;
  action: StepAction;
  userId: number;
  userName: string;
  toUserId: number | null;
  toUserName: string | null;
  version: number;
  comment: string | null;
}

export interface DraftVersionInfo {
  version: number;
  savedAt: string;
  userName: string | null;
  subject: string;
}

export interface OutgoingRecord {
  id: number;
  bookId: number;
  bookName: string;
  period: string;
  number: number;
  status: OutgoingStatus;
  ref: string;
  docDate: string;
  docType: string | null;
  subject: string;
  signer: string;
  secrecy: string;
  urgency: string;
  recipients: string[];
  archive: string;
  copies: number | null;
  draftId: number | null;
  sha256: string | null;
  pageCount: number | null;
  note: string | null;
  corrects: { id: number; ref: string; kind: Correction } | null;
  issuedBy: string;
  createdAt: string;
  updatedAt: string;
  sends: SendRecord[];
  /** After `outgoing.send` (issue 18): the electronic sends queued for the exchange, and those that could not be. */
  delivery?: { queued: string[]; notSendable: { name: string; why: string }[]; signed: boolean };
}

export interface SendRecord {
  id: number;
  recipient: string;
  method: SendMethod;
  sentAt: string;
  userName: string;
  note: string | null;
}

export interface WorkflowInfo {
  draftId: number;
  status: DraftStatus;
  version: number;
  ownerId: number | null;
  ownerName: string | null;
  reviewerId: number | null;
  reviewerName: string | null;
  /** The leader-signed PDF (status da-ky and later). */
  signedSha256: string | null;
  steps: WorkflowStep[];
  versions: DraftVersionInfo[];
  outgoing: OutgoingRecord | null;
  /** What the caller may do now; the API enforces the same rules. */
  can: { edit: boolean; submit: boolean; review: boolean; sign: boolean; issue: boolean };
}
