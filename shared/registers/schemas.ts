import { z } from 'zod';
import { isoDate, optionalText } from '../api/fields';

export const exportRegisterBookInput = z
  .object({
    /** incoming: Sổ đăng ký văn bản đến; outgoing: Sổ đăng ký văn bản đi; followup: Sổ theo dõi giải quyết văn bản đến. */
    kind: z.enum(['incoming', 'outgoing', 'followup'], { error: 'Loại sổ phải là incoming, outgoing hoặc followup.' }),
    from: isoDate('từ ngày'),
    to: isoDate('đến ngày'),
    book: optionalText('sổ', 200),
    format: z.enum(['docx', 'xlsx'], { error: 'Định dạng phải là docx hoặc xlsx.' }),
  })
  .refine((v) => v.from <= v.to, { error: 'Từ ngày phải trước hoặc bằng đến ngày.', path: ['to'] });

export interface ExportedFile {
  fileName: string;
  mime: string;
  data: Uint8Array;
  rowCount: number;
}

/** ND30 Phụ lục IV: the 10 minimum columns of the Sổ đăng ký văn bản đến. */
export const INCOMING_BOOK_COLUMNS = [
  'Ngày đến',
  'Số đến',
  'Tác giả',
  'Số, ký hiệu văn bản',
  'Ngày tháng văn bản',
  'Tên loại và trích yếu nội dung',
  'Đơn vị hoặc người nhận',
  'Ngày chuyển',
  'Ký nhận',
  'Ghi chú',
] as const;
