import { z } from 'zod';
import { id, isoDate, optionalText, requiredText } from '../api/fields';

/** Mã định danh cơ quan (QĐ 20/2020/QĐ-TTg): ddd.dd.dd.Xnn, e.g. 000.00.00.H30. */
export const ORGAN_ID = /^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$/;

export const createOrganizationInput = z.object({
  name: requiredText('tên cơ quan', 200),
  shortName: optionalText('tên viết tắt', 50),
  organId: z
    .string()
    .trim()
    .regex(ORGAN_ID, { error: 'Mã định danh phải có dạng 000.00.00.H30.' })
    .optional()
    .or(z.literal('').transform(() => undefined)),
  address: optionalText('địa chỉ', 300),
  email: z.email({ error: 'Thư điện tử không hợp lệ.' }).optional().or(z.literal('').transform(() => undefined)),
  /** A unit (đơn vị trực thuộc) of this organisation. */
  parentId: id('mã cơ quan cấp trên').optional(),
});

export const listOrganizationsInput = z.object({
  query: optionalText('từ khóa', 200),
  limit: z.number({ error: 'Số kết quả phải là số.' }).int({ error: 'Số kết quả phải là số nguyên.' }).min(1, { error: 'Số kết quả phải từ 1 đến 500.' }).max(500, { error: 'Số kết quả phải từ 1 đến 500.' }).default(50),
});

export interface Organization {
  id: number;
  name: string;
  shortName: string | null;
  organId: string | null;
  address: string | null;
  email: string | null;
  parentId: number | null;
  incomingCount: number;
}

export const BOOK_KINDS = ['incoming', 'outgoing'] as const;
export type BookKind = (typeof BOOK_KINDS)[number];

export const createBookInput = z
  .object({
    kind: z.enum(BOOK_KINDS, { error: 'Loại sổ không hợp lệ.' }),
    name: requiredText('tên sổ', 200),
    secret: z.boolean().default(false),
    /** year: from 01 each 1 January (ND30 Điều 15); term: from 01 for the nhiệm kỳ (HD 36), optionally per type. */
    numbering: z.enum(['year', 'term'], { error: 'Cách đánh số phải là year (theo năm) hoặc term (theo nhiệm kỳ).' }).default('year'),
    termStart: isoDate('ngày bắt đầu nhiệm kỳ').optional(),
    termEnd: isoDate('ngày kết thúc nhiệm kỳ').optional(),
    perType: z.boolean().default(false),
  })
  .refine((b) => b.numbering === 'year' || (b.termStart && b.termEnd && b.termStart < b.termEnd), {
    error: 'Sổ đánh số theo nhiệm kỳ cần ngày bắt đầu và ngày kết thúc nhiệm kỳ (bắt đầu trước kết thúc).',
    path: ['termEnd'],
  });

export const listBooksInput = z.object({ kind: z.enum(BOOK_KINDS).optional() });

export interface RegisterBook {
  id: number;
  kind: BookKind;
  name: string;
  secret: boolean;
  isDefault: boolean;
  numbering: 'year' | 'term';
  termStart: string | null;
  termEnd: string | null;
  perType: boolean;
}
