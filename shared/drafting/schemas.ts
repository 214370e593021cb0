import { z } from 'zod';
import { expectedUpdatedAt, id } from '../api/fields';
import { draftSchema, PROFILE_IDS, type DraftDocument, type ProfileId } from './model';
import type { DraftStatus } from '../outgoing/schemas';
import type { TextSlotKind } from './notation';

/** API inputs of the drafting domain. */
export const renderDraftInput = z.object({
  draft: draftSchema,
  format: z.enum(['docx', 'pdf'], { error: 'Định dạng phải là docx hoặc pdf.' }),
});

export const parseTextInput = z.object({
  text: z.string({ error: 'Thiếu nội dung văn bản.' }).max(2_000_000, { error: 'Văn bản dài quá 2 triệu ký tự.' }),
  profile: z.enum(PROFILE_IDS, { error: 'Thể thức phải là state hoặc party.' }).optional(),
  /**
   * For a new draft (the paste-import): the source's number and date are not carried into it but returned as `source`
   * (import-draft.ts). Absent or false: the document as it is, number and date included (converting, registering).
   */
  newDraft: z.boolean({ error: 'newDraft phải là true hoặc false.' }).default(false),
});

export interface SignatureSlotInfo {
  kind: 'signature' | 'seal';
  page: number;
  rect: [number, number, number, number];
}

/** A blank our PDF engine left for the văn thư: where the number or a part of the date goes at issuance. */
export interface TextSlotInfo {
  kind: TextSlotKind;
  page: number;
  /** PDF user space: the blank's box, and the baseline of its line. */
  rect: [number, number, number, number];
  baseline: number;
  size: number;
  italic: boolean;
  bold: boolean;
}

export interface RenderedDraft {
  fileName: string;
  mime: string;
  data: Uint8Array;
  /** PDF only. */
  pageCount?: number;
  slots?: SignatureSlotInfo[];
}

export const saveDraftInput = z.object({
  /** Absent: a new draft. */
  id: id('mã bản dự thảo').optional(),
  draft: draftSchema,
  /** For an existing draft: the updatedAt read with it; the save is refused if the draft changed since. */
  expectedUpdatedAt: expectedUpdatedAt(),
});

export const draftIdInput = z.object({ id: id('mã bản dự thảo') });

export const listDraftsInput = z.object({
  /** Only drafts in these states (the drafting list shows those not yet issued). */
  status: z.array(z.enum(['du-thao', 'cho-duyet', 'tra-lai', 'da-duyet', 'da-ky', 'dang-phat-hanh', 'da-phat-hanh'])).optional(),
  limit: z.number({ error: 'Số kết quả phải là số.' }).int().min(1, { error: 'Số kết quả phải từ 1 đến 500.' }).max(500, { error: 'Số kết quả phải từ 1 đến 500.' }).default(200),
});

export interface DraftSummary {
  id: number;
  profile: ProfileId;
  docType: string;
  subject: string;
  createdAt: string;
  updatedAt: string;
  /** Where the draft is in the outgoing workflow. */
  status: DraftStatus;
  version: number;
  ownerId: number | null;
  ownerName: string | null;
  reviewerName: string | null;
  /** Số, ký hiệu once issued. */
  ref: string | null;
}

export interface StoredDraft extends DraftSummary {
  draft: DraftDocument;
}
