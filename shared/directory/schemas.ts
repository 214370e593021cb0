import { z } from 'zod';
import { optionalText, requiredText } from '../api/fields';

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
  incomingCount: number;
}

export const BOOK_KINDS = ['incoming', 'outgoing'] as const;
export type BookKind = (typeof BOOK_KINDS)[number];

export const createBookInput = z.object({
  kind: z.enum(BOOK_KINDS, { error: 'Loại sổ không hợp lệ.' }),
  name: requiredText('tên sổ', 200),
  secret: z.boolean().default(false),
});

export const listBooksInput = z.object({ kind: z.enum(BOOK_KINDS).optional() });

export interface RegisterBook {
  id: number;
  kind: BookKind;
  name: string;
  secret: boolean;
  isDefault: boolean;
}
