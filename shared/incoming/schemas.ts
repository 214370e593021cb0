import type { SignatureStatus } from '../signing/schemas';
import { z } from 'zod';
import { expectedUpdatedAt, id, isoDate, optionalText, positiveInt, requiredText } from '../api/fields';
import { INCOMING_STATUSES, SECRECIES, URGENCIES, type IncomingStatus, type Secrecy, type Urgency } from '../domain/marks';
import { findDocType } from '../domain/doc-types';
import type { FlowInfo, StepInfo } from './flow';

/** An uploaded file travels as bytes on every host (IPC structured clone, HTTP via the wire codec, CLI reads the path). */
export const fileInput = z.object({
  name: requiredText('tên tệp', 255),
  data: z.custom<Uint8Array>((v) => v instanceof Uint8Array, { error: 'Nội dung tệp không hợp lệ.' }),
});
export type FileInput = z.infer<typeof fileInput>;

const docTypeField = z
  .string()
  .transform((s) => s.normalize('NFC').trim())
  .refine((s) => s === '' || findDocType(s) !== undefined, { error: 'Tên loại văn bản không có trong danh mục.' })
  .transform((s) => (s === '' ? undefined : findDocType(s)!.code))
  .optional();

/** Metadata of an incoming document (ND30 Phụ lục VI field lengths). */
export const incomingFields = {
  arrivalDate: isoDate('ngày đến').optional(),
  book: optionalText('sổ đăng ký', 200),
  sender: requiredText('tác giả (cơ quan gửi)', 200),
  ref: requiredText('số và ký hiệu', 42),
  docDate: isoDate('ngày văn bản'),
  docType: docTypeField,
  subject: requiredText('trích yếu', 500),
  urgency: z.enum(URGENCIES, { error: 'Độ khẩn không hợp lệ.' }).default('thuong'),
  secrecy: z.enum(SECRECIES, { error: 'Độ mật không hợp lệ.' }).default('thuong'),
  pageCount: positiveInt('số trang', 999).optional(),
  recipient: optionalText('đơn vị hoặc người nhận', 1000),
  note: optionalText('ghi chú', 500),
  /** Công khai: every account of the office reads it (not for a document with độ mật). */
  public: z.boolean({ error: 'Chọn có hoặc không.' }).default(false),
};

export const registerIncomingInput = z.object({
  ...incomingFields,
  attachments: z.array(fileInput).max(50, { error: 'Tối đa 50 tệp đính kèm.' }).default([]),
  /** The văn thư saw the duplicate warning and registers anyway. */
  allowDuplicate: z.boolean().default(false),
  actor: optionalText('người thực hiện', 100),
});

export const bulkRegisterInput = z.object({
  records: z
    .array(z.object(incomingFields))
    .min(1, { error: 'Không có bản ghi nào.' })
    .max(10_000, { error: 'Tối đa 10.000 bản ghi mỗi lần.' }),
});

export const updateIncomingInput = z.object({
  id: id(),
  sender: incomingFields.sender.optional(),
  ref: incomingFields.ref.optional(),
  docDate: incomingFields.docDate.optional(),
  docType: incomingFields.docType,
  subject: incomingFields.subject.optional(),
  urgency: z.enum(URGENCIES, { error: 'Độ khẩn không hợp lệ.' }).optional(),
  secrecy: z.enum(SECRECIES, { error: 'Độ mật không hợp lệ.' }).optional(),
  pageCount: incomingFields.pageCount,
  recipient: incomingFields.recipient,
  note: incomingFields.note,
  public: z.boolean({ error: 'Chọn có hoặc không.' }).optional(),
  attachments: z.array(fileInput).max(50, { error: 'Tối đa 50 tệp đính kèm.' }).default([]),
  actor: optionalText('người thực hiện', 100),
  /** The updatedAt read with the record; the change is refused if the record changed since. */
  expectedUpdatedAt: expectedUpdatedAt(),
});

export const routeIncomingInput = z.object({
  id: id(),
  lead: requiredText('đơn vị hoặc người chủ trì', 200),
  coUnits: z.array(requiredText('đơn vị phối hợp', 200)).max(30, { error: 'Tối đa 30 đơn vị phối hợp.' }).default([]),
  /** Units or people who receive it để biết (for information). */
  info: z.array(requiredText('đơn vị, người để biết', 200)).max(30, { error: 'Tối đa 30 đơn vị, người để biết.' }).default([]),
  instruction: optionalText('ý kiến chỉ đạo', 2000),
  deadline: isoDate('hạn giải quyết').optional(),
  actor: optionalText('người chỉ đạo', 100),
});

export const setStatusInput = z.object({
  id: id(),
  status: z.enum(['cho-xu-ly', 'dang-xu-ly', 'hoan-thanh'], { error: 'Trạng thái không hợp lệ.' }),
  note: optionalText('ghi chú', 1000),
  actor: optionalText('người thực hiện', 100),
});

export const cancelIncomingInput = z.object({
  id: id(),
  reason: requiredText('lý do hủy', 1000),
  actor: optionalText('người thực hiện', 100),
});

export const SORT_FIELDS = ['arrivalDate', 'arrivalNumber', 'docDate', 'sender', 'subject'] as const;

/** A position in the register for keyset paging, as the list returned it (opaque to the caller). */
const pageCursor = z
  .string({ error: 'Con trỏ trang không hợp lệ.' })
  .max(2000, { error: 'Con trỏ trang không hợp lệ.' })
  .regex(/^[A-Za-z0-9_-]+$/, { error: 'Con trỏ trang không hợp lệ.' });

export const listIncomingInput = z.object({
  year: z.number({ error: 'Năm phải là số.' }).int({ error: 'Năm phải là số nguyên.' }).min(1900, { error: 'Năm phải từ 1900 đến 2200.' }).max(2200, { error: 'Năm phải từ 1900 đến 2200.' }).optional(),
  book: optionalText('sổ', 200),
  senderId: id('cơ quan gửi').optional(),
  docType: docTypeField,
  status: z.enum(INCOMING_STATUSES, { error: 'Trạng thái không hợp lệ.' }).optional(),
  urgency: z.enum(URGENCIES, { error: 'Độ khẩn không hợp lệ.' }).optional(),
  overdue: z.boolean().optional(),
  from: isoDate('từ ngày').optional(),
  to: isoDate('đến ngày').optional(),
  query: optionalText('từ khóa', 200),
  sort: z.enum(SORT_FIELDS, { error: 'Không sắp xếp được theo cột này.' }).default('arrivalDate'),
  order: z.enum(['asc', 'desc'], { error: 'Chiều sắp xếp phải là asc hoặc desc.' }).default('desc'),
  /** Rows to skip: from the start, or from the cursor when one is given. */
  offset: z.number({ error: 'Vị trí bắt đầu phải là số.' }).int({ error: 'Vị trí bắt đầu phải là số nguyên.' }).min(0, { error: 'Vị trí bắt đầu không được âm.' }).default(0),
  limit: z.number({ error: 'Số dòng phải là số.' }).int({ error: 'Số dòng phải là số nguyên.' }).min(1, { error: 'Số dòng phải từ 1 đến 1.000.' }).max(1000, { error: 'Số dòng phải từ 1 đến 1.000.' }).default(100),
  withTotal: z.boolean().default(true),
  /** Keyset paging: the rows just after a page's `nextCursor`, or just before its `prevCursor` (same sort and order). */
  after: pageCursor.optional(),
  before: pageCursor.optional(),
}).refine((v) => v.after === undefined || v.before === undefined, { error: 'Chỉ dùng một trong hai: after hoặc before.', path: ['before'] });
export type ListIncomingInput = z.input<typeof listIncomingInput>;

export interface IncomingRow {
  id: number;
  bookId: number;
  bookName: string;
  year: number;
  arrivalNumber: number;
  arrivalDate: string;
  senderId: number;
  sender: string;
  ref: string;
  docDate: string;
  docType: string | null;
  subject: string;
  urgency: Urgency;
  secrecy: Secrecy;
  pageCount: number | null;
  recipient: string | null;
  note: string | null;
  public: boolean;
  status: IncomingStatus;
  deadline: string | null;
  lead: string | null;
  overdue: boolean;
  attachmentCount: number;
  /** The attachments' signatures in one word (the worst of them); null when none is signed. */
  signatureStatus: SignatureStatus | null;
  createdAt: string;
  /** When the record last changed (metadata, routing or status): sent back as expectedUpdatedAt by an edit. */
  updatedAt: string;
}

export interface AttachmentInfo {
  id: number;
  name: string;
  sha256: string;
  size: number;
  mime: string;
  pageCount: number | null;
  textStatus: 'pending' | 'done' | 'failed' | 'none';
  /** Why the content could not be read ("Không trích được nội dung: …"), when textStatus is failed. */
  textNote: string | null;
  signatureStatus: SignatureStatus | null;
}

export interface RoutingEntry {
  id: number;
  at: string;
  actor: string | null;
  lead: string;
  coUnits: string[];
  instruction: string | null;
  deadline: string | null;
}

/** Who handles the document now: an account or unit of the office, or an outside organisation by name. */
export interface HandlerInfo {
  role: 'lead' | 'co' | 'info';
  kind: 'unit' | 'user' | 'text';
  /** The unit's or account's id; null for an outside name. */
  id: number | null;
  name: string;
}

export interface StatusEntry {
  id: number;
  at: string;
  actor: string | null;
  fromStatus: IncomingStatus | null;
  toStatus: IncomingStatus;
  note: string | null;
}

export interface IncomingDetail extends IncomingRow {
  attachments: AttachmentInfo[];
  routing: RoutingEntry[];
  handlers: HandlerInfo[];
  history: StatusEntry[];
  cancelReason: string | null;
  /** The processing trail (trình, bút phê, phân công, tiến độ, kết quả), oldest first. */
  steps: StepInfo[];
  /** What the caller may do next. */
  flow: FlowInfo;
}

export interface IncomingList {
  total: number | null;
  rows: IncomingRow[];
  /** Pass as `after` for the next page; null when this page reached the end (or is empty). */
  nextCursor: string | null;
  /** Pass as `before` for the page above this one; null when the page is empty. */
  prevCursor: string | null;
}

export interface DuplicateInfo {
  id: number;
  arrivalNumber: number;
  year: number;
  bookName: string;
  arrivalDate: string;
}
