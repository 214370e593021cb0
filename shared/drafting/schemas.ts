import { z } from 'zod';
import { id } from '../api/fields';
import { draftSchema, PROFILE_IDS, type DraftDocument, type ProfileId } from './model';

/** API inputs of the drafting domain. */
export const renderDraftInput = z.object({
  draft: draftSchema,
  format: z.enum(['docx', 'pdf'], { error: 'Định dạng phải là docx hoặc pdf.' }),
});

export const parseTextInput = z.object({
  text: z.string({ error: 'Thiếu nội dung văn bản.' }).max(2_000_000, { error: 'Văn bản dài quá 2 triệu ký tự.' }),
  profile: z.enum(PROFILE_IDS, { error: 'Thể thức phải là state hoặc party.' }).optional(),
});

export interface SignatureSlotInfo {
  kind: 'signature' | 'seal';
  page: number;
  rect: [number, number, number, number];
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
});

export const draftIdInput = z.object({ id: id('mã bản dự thảo') });

export const listDraftsInput = z.object({
  limit: z.number({ error: 'Số kết quả phải là số.' }).int().min(1, { error: 'Số kết quả phải từ 1 đến 500.' }).max(500, { error: 'Số kết quả phải từ 1 đến 500.' }).default(200),
});

export interface DraftSummary {
  id: number;
  profile: ProfileId;
  docType: string;
  subject: string;
  createdAt: string;
  updatedAt: string;
}

export interface StoredDraft extends DraftSummary {
  draft: DraftDocument;
}
