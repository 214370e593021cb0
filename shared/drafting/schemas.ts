import { z } from 'zod';
import { draftSchema, PROFILE_IDS } from './model';

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
