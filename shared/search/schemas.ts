import { z } from 'zod';
import { optionalText, requiredText } from '../api/fields';
import { findDocType } from '../domain/doc-types';
import { INCOMING_STATUS_LABELS, type IncomingStatus } from '../domain/marks';
import { DRAFT_STATUS_LABELS, OUTGOING_STATUS_LABELS, type DraftStatus, type OutgoingStatus } from '../outgoing/schemas';

/** What one search box covers: the incoming register, the outgoing register and the drafts (dự thảo). */
export const SEARCH_KINDS = ['incoming', 'outgoing', 'draft'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

export const SEARCH_KIND_LABELS: Record<SearchKind, string> = { incoming: 'Văn bản đến', outgoing: 'Văn bản đi', draft: 'Dự thảo' };

/** How far the results page counts (and pages): past this, "hơn 1.000 kết quả" and the filters narrow it down. */
export const SEARCH_COUNT_CAP = 1000;

const whole = (label: string, min: number, max: number, msg: string) =>
  z
    .number({ error: `${label} phải là số.` })
    .int({ error: `${label} phải là số nguyên.` })
    .min(min, { error: msg })
    .max(max, { error: msg });

const filters = {
  /** Any of these kinds; all of them when absent. */
  kinds: z
    .array(z.enum(SEARCH_KINDS, { error: 'Loại kết quả phải là incoming (văn bản đến), outgoing (văn bản đi) hoặc draft (dự thảo).' }))
    .min(1, { error: 'Chọn ít nhất một loại kết quả.' })
    .max(SEARCH_KINDS.length)
    .optional(),
  /** The year of the document: arrival (incoming), date of issue (outgoing), the draft's date or creation (drafts). */
  year: whole('Năm', 1900, 2200, 'Năm phải từ 1900 đến 2200.').optional(),
  /** Part of an organ's name, with or without diacritics: the sender of an incoming document, a recipient otherwise. */
  organ: optionalText('cơ quan', 200),
  /** A type by name, code or abbreviation ("Kế hoạch", "ke-hoach", "KH"). */
  docType: z
    .string({ error: 'Loại văn bản phải là chữ.' })
    .max(60, { error: 'Loại văn bản dài quá 60 ký tự.' })
    .transform((s) => s.normalize('NFC').trim())
    .refine((s) => s === '' || findDocType(s) !== undefined, { error: 'Tên loại văn bản không có trong danh mục.' })
    .transform((s) => (s === '' ? undefined : findDocType(s)!.code))
    .optional(),
};

export const searchInput = z.object({
  query: requiredText('từ khóa tìm kiếm', 200),
  ...filters,
  limit: whole('Số kết quả', 1, 500, 'Số kết quả phải từ 1 đến 500.').default(50),
});

/** The results page: a page of hits within the first SEARCH_COUNT_CAP, and how many there are. */
export const searchResultsInput = z.object({
  query: requiredText('từ khóa tìm kiếm', 200),
  ...filters,
  offset: whole('Vị trí bắt đầu', 0, SEARCH_COUNT_CAP - 1, `Vị trí bắt đầu phải từ 0 đến ${SEARCH_COUNT_CAP - 1}.`).default(0),
  limit: whole('Số kết quả mỗi trang', 1, 100, 'Số kết quả mỗi trang phải từ 1 đến 100.').default(20),
});

/** A highlighted run of a text: [start, end) in UTF-16 code units, for <mark>. */
export type Mark = [number, number];

export interface SearchHit {
  id: number;
  kind: SearchKind;
  /** Incoming: số đến and year ("12/2026"); outgoing: the register number; drafts: empty. */
  number: string;
  /** Số, ký hiệu (empty for a draft not issued). */
  ref: string;
  subject: string;
  /** Incoming: the sender; outgoing: the recipients; drafts: the drafter. */
  sender: string;
  /** Arrival date (incoming), date of issue (outgoing), last change (drafts). */
  date: string;
  docType: string | null;
  /** The record's status code in its own register (statusLabel gives the words). */
  status: string;
  /** A short excerpt with the match: from the attachments' (PDF, draft) text, or the subject when all words are there. */
  snippet: string;
  snippetFrom: 'meta' | 'text';
  /** The matched words, diacritics-insensitive, as the index matched them. */
  subjectMarks: Mark[];
  snippetMarks: Mark[];
  refMarks: Mark[];
  senderMarks: Mark[];
  /** An outgoing document's issued PDF. */
  sha256: string | null;
}

export interface SearchResults {
  hits: SearchHit[];
  /** Hits found, at most SEARCH_COUNT_CAP. */
  total: number;
  /** True when there are more than SEARCH_COUNT_CAP. */
  capped: boolean;
}

export function statusLabel(h: Pick<SearchHit, 'kind' | 'status'>): string {
  if (h.kind === 'incoming') return INCOMING_STATUS_LABELS[h.status as IncomingStatus] ?? h.status;
  if (h.kind === 'outgoing') return OUTGOING_STATUS_LABELS[h.status as OutgoingStatus] ?? h.status;
  return DRAFT_STATUS_LABELS[h.status as DraftStatus] ?? h.status;
}

export interface IndexStatus {
  pending: number;
  done: number;
  failed: number;
  /** True while the host's background extractor is working. */
  running: boolean;
}
