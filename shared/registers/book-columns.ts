/** ND30 Phụ lục IV: the 10 minimum columns of the Sổ đăng ký văn bản đi, in the printed order. */
export const OUTGOING_BOOK_COLUMNS = [
  'Số, ký hiệu văn bản',
  'Ngày tháng văn bản',
  'Tên loại và trích yếu nội dung',
  'Người ký',
  'Nơi nhận văn bản',
  'Đơn vị, người nhận bản lưu',
  'Số lượng bản',
  'Ngày chuyển',
  'Ký nhận',
  'Ghi chú',
] as const;

/** ND30 Phụ lục IV: the 7 columns of the Sổ theo dõi giải quyết văn bản đến. */
export const FOLLOWUP_BOOK_COLUMNS = [
  'Số đến',
  'Tên loại, số, ký hiệu, ngày tháng và cơ quan ban hành',
  'Đơn vị hoặc người nhận',
  'Thời hạn giải quyết',
  'Tiến độ giải quyết',
  'Số, ký hiệu văn bản trả lời',
  'Ghi chú',
] as const;

/**
 * A number that was used but not issued still prints in the Sổ đăng ký văn bản đi (ND30 Phụ lục IV: numbers run without gaps),
 * so the Ghi chú says why: "Đã hủy: …", "Bỏ số: …", "Giữ số: …".
 */
const STATUS_LABEL = { cancelled: 'Đã hủy', skipped: 'Bỏ số', reserved: 'Giữ số' } as const;

export function outgoingNoteText(status: 'issued' | keyof typeof STATUS_LABEL, note: string | null): string {
  if (status === 'issued') return note ?? '';
  return note ? `${STATUS_LABEL[status]}: ${note}` : STATUS_LABEL[status];
}
