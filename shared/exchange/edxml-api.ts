import { z } from 'zod';
import { method, type MethodTable } from '../api/define';
import { id, optionalText, requiredText } from '../api/fields';
import { ORGAN_ID } from '../directory/schemas';
import { fileInput } from '../incoming/schemas';
import { keyInput } from '../signing/schemas';
import type { edxmlAccess } from './edxml-access';
import { BUSINESSES, type Business, type ReceivedFacts, type SignatureVerdict } from './edxml-model';

export const exportEdxmlInput = z
  .object({
    id: id('mã văn bản đi'),
    /** Recipients added by mã định danh. */
    to: z
      .array(z.string().trim().toUpperCase().regex(ORGAN_ID, { error: 'Mã định danh nơi nhận phải có dạng 000.00.00.H30.' }))
      .max(100, { error: 'Tối đa 100 mã nơi nhận.' })
      .default([]),
    business: z.enum(BUSINESSES, { error: 'Loại gói tin phải là new, revoke, update hoặc replace.' }).default('new'),
    reason: optionalText('lý do', 500),
    /** The organisation's key that signs the package (XML-DSig). */
    key: keyInput,
    /** Further files sent with the signed PDF. */
    attachments: z.array(fileInput).max(20, { error: 'Tối đa 20 tệp kèm theo.' }).default([]),
    /** A replace: the earlier outgoing document this one replaces (written as ReplacementInfo). */
    replaces: id('mã văn bản đi bị thay thế').optional(),
  })
  .refine((v) => v.business === 'new' || !!v.reason, { error: 'Nhập lý do thu hồi, cập nhật hoặc thay thế.', path: ['reason'] });

export const importEdxmlInput = z.object({
  fileName: requiredText('tên tệp', 255),
  data: z.custom<Uint8Array>((v) => v instanceof Uint8Array && v.byteLength > 0, { error: 'Thiếu nội dung gói tin.' }),
});

export const receivedFactsInput = z.object({ id: id('mã văn bản đến') });

export interface ExportedEdxml {
  fileName: string;
  bytes: Uint8Array;
  documentId: string;
  recipients: { organId: string; name: string; email: string | null }[];
  notSendable: { name: string; why: string }[];
}

export interface ImportedEdxml {
  incomingId: number;
  arrivalNumber: number;
  documentId: string;
  business: Business;
  fromOrganId: string;
  signatures: SignatureVerdict[];
  /** Files of the package the register does not keep (a kind it does not take), with why. */
  skipped: { name: string; why: string }[];
}

export const edxmlMethods = {
  'exchange.exportEdxml': method<typeof exportEdxmlInput, ExportedEdxml>(exportEdxmlInput),
  'exchange.importEdxml': method<typeof importEdxmlInput, ImportedEdxml>(importEdxmlInput),
  'exchange.receivedFacts': method<typeof receivedFactsInput, ReceivedFacts | null>(receivedFactsInput),
} satisfies MethodTable<typeof edxmlAccess>;
