/** Độ khẩn (ND30 Phụ lục I, II.10; edXML Priority 0–3) and độ mật. */
export const URGENCIES = ['thuong', 'khan', 'thuong-khan', 'hoa-toc'] as const;
export type Urgency = (typeof URGENCIES)[number];
export const URGENCY_LABELS: Record<Urgency, string> = {
  thuong: 'Thường',
  khan: 'Khẩn',
  'thuong-khan': 'Thượng khẩn',
  'hoa-toc': 'Hỏa tốc',
};

export const SECRECIES = ['thuong', 'mat', 'toi-mat', 'tuyet-mat'] as const;
export type Secrecy = (typeof SECRECIES)[number];
export const SECRECY_LABELS: Record<Secrecy, string> = {
  thuong: 'Không mật',
  mat: 'Mật',
  'toi-mat': 'Tối mật',
  'tuyet-mat': 'Tuyệt mật',
};

/** ND30 Điều 23: processing status of an incoming document, plus cancellation (hủy) which keeps the number used. */
export const INCOMING_STATUSES = ['cho-xu-ly', 'dang-xu-ly', 'hoan-thanh', 'da-huy'] as const;
export type IncomingStatus = (typeof INCOMING_STATUSES)[number];
export const INCOMING_STATUS_LABELS: Record<IncomingStatus, string> = {
  'cho-xu-ly': 'Chờ xử lý',
  'dang-xu-ly': 'Đang xử lý',
  'hoan-thanh': 'Hoàn thành',
  'da-huy': 'Đã hủy',
};
