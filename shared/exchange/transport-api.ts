import { z } from 'zod';
import { empty, method, type MethodTable } from '../api/define';
import { id, optionalText } from '../api/fields';
import { ORGAN_ID } from '../settings/schemas';
import { STATUS_CODES, type RecipientStatusGroup } from './status-codes';
import { saveExchangeSettingsInput, type ExchangeSettings } from './settings';
import type { transportAccess } from './transport-access';

/** The exchange's messages, transports and statuses (issue 18): `exchange.*` methods of X2's part. */
export const MESSAGE_STATES = ['queued', 'sent', 'failed', 'dead', 'received', 'rejected'] as const;
export type MessageState = (typeof MESSAGE_STATES)[number];
export const MESSAGE_STATE_LABELS: Record<MessageState, string> = {
  queued: 'Chờ gửi',
  sent: 'Đã gửi',
  failed: 'Gửi lỗi, sẽ thử lại',
  dead: 'Gửi không được (đã thử hết)',
  received: 'Đã nhận',
  rejected: 'Từ chối nhận',
};
export const TRANSPORT_LABELS = { folder: 'Thư mục trao đổi (trục/LGSP)', email: 'Thư điện tử' } as const;

export interface ExchangeMessage {
  id: number;
  messageId: string;
  direction: 'out' | 'in';
  kind: 'document' | 'status';
  transport: 'folder' | 'email';
  peerOrganId: string | null;
  /** The peer's name in the directory, when its organ id is there. */
  peerName: string | null;
  peerAddress: string | null;
  documentId: string | null;
  business: 'new' | 'revoke' | 'update' | 'replace' | null;
  statusCode: string | null;
  outgoingId: number | null;
  incomingId: number | null;
  fileName: string;
  size: number | null;
  state: MessageState;
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
}

/** One pass over the outbox and the inbox. */
export interface RunReport {
  sent: number;
  failed: number;
  dead: number;
  received: number;
  /** Packages received before (the same bytes, under any name): set aside as processed, not read again. */
  duplicates: number;
  rejected: number;
  /** Statuses queued by themselves (01/03 on registration, 04, 06) during the pass. */
  statusesQueued: number;
  /** What was not configured (no outbox, no inbox, no SMTP) and so not done, in Vietnamese. */
  skipped: string[];
}

const organId = z
  .string({ error: 'Mã định danh phải là chữ.' })
  .trim()
  .transform((s) => s.toUpperCase())
  .refine((s) => ORGAN_ID.test(s), { error: 'Mã định danh gồm 13 ký tự dạng 000.00.00.H30 (Quyết định 20/2020/QĐ-TTg).' });

export const listMessagesInput = z.object({
  state: z.enum(MESSAGE_STATES, { error: 'Trạng thái gói tin không hợp lệ.' }).optional(),
  /** 'problems': failed, dead and rejected (the dead-letter list). */
  view: z.enum(['problems'], { error: 'Chỉ có view = problems.' }).optional(),
  direction: z.enum(['out', 'in'], { error: 'Chiều phải là out (gửi) hoặc in (nhận).' }).optional(),
  limit: z.number().int().min(1).max(2000).default(500),
});

export const statusInput = z
  .object({
    incomingId: id('mã văn bản đến'),
    code: z.enum(STATUS_CODES, { error: `Mã trạng thái phải là một trong ${STATUS_CODES.join(', ')}.` }),
    reason: optionalText('lý do / mô tả', 1000),
    /** For a document that did not come by edXML: the sender's mã định danh and the document's DocumentId. */
    to: organId.optional(),
    documentId: optionalText('mã định danh văn bản', 300),
  })
  .superRefine((v, ctx) => {
    // A refusal (02 từ chối tiếp nhận, 16 từ chối lấy lại / cập nhật) tells the sender why.
    if ((v.code === '02' || v.code === '16') && !v.reason?.trim()) {
      ctx.addIssue({ code: 'custom', path: ['reason'], message: `Trạng thái ${v.code} (từ chối) cần ghi rõ lý do.` });
    }
  });

export interface StatusPackage {
  bytes: Uint8Array;
  fileName: string;
  messageId: string;
  documentId: string;
  to: string;
}

export const transportMethods = {
  'exchange.run': method<typeof empty, RunReport>(empty),
  'exchange.list': method<typeof listMessagesInput, ExchangeMessage[]>(listMessagesInput),
  'exchange.resend': method<z.ZodObject<{ id: ReturnType<typeof id> }>, ExchangeMessage>(z.object({ id: id('mã gói tin') })),
  'exchange.settings': method<typeof empty, ExchangeSettings>(empty),
  'exchange.saveSettings': method<typeof saveExchangeSettingsInput, ExchangeSettings>(saveExchangeSettingsInput),
  'exchange.statuses': method<z.ZodObject<{ outgoingId: ReturnType<typeof id> }>, RecipientStatusGroup[]>(z.object({ outgoingId: id('mã văn bản đi') })),
  'exchange.statusPackage': method<typeof statusInput, StatusPackage>(statusInput),
  'exchange.sendStatus': method<typeof statusInput, ExchangeMessage>(statusInput),
} satisfies MethodTable<typeof transportAccess>;
