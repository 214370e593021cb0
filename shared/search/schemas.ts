import { z } from 'zod';
import { requiredText } from '../api/fields';

export const searchInput = z.object({
  query: requiredText('từ khóa tìm kiếm', 200),
  limit: z.number({ error: 'Số kết quả phải là số.' }).int({ error: 'Số kết quả phải là số nguyên.' }).min(1, { error: 'Số kết quả phải từ 1 đến 500.' }).max(500, { error: 'Số kết quả phải từ 1 đến 500.' }).default(50),
});

export interface SearchHit {
  id: number;
  kind: 'incoming';
  /** "12/2026" — số đến and year for incoming documents. */
  number: string;
  ref: string;
  subject: string;
  sender: string;
  date: string;
  /** A short excerpt with the match, from the metadata or an attachment's text. */
  snippet: string;
}

export interface IndexStatus {
  pending: number;
  done: number;
  failed: number;
  /** True while the host's background extractor is working. */
  running: boolean;
}
