/**
 * The edXML status codes (văn bản trạng thái, QCVN 102:2016; VNPT SDK StatusXmlBuilder): what a recipient office
 * answers about a document it received — arrived, refused, registered, assigned, in progress, done — and the recall
 * (lấy lại / thu hồi) request and answers. Codes 02 and 03 also answer a revoke request (từ chối / đồng ý thu hồi).
 */
export const STATUS_CODES = ['01', '02', '03', '04', '05', '06', '13', '15', '16'] as const;
export type StatusCode = (typeof STATUS_CODES)[number];

export const STATUS_CODE_LABELS: Record<StatusCode, string> = {
  '01': 'Đã đến',
  '02': 'Từ chối tiếp nhận',
  '03': 'Đã tiếp nhận (vào sổ)',
  '04': 'Lãnh đạo đã phân công xử lý',
  '05': 'Đang xử lý',
  '06': 'Hoàn thành',
  '13': 'Yêu cầu lấy lại',
  '15': 'Đồng ý lấy lại / cập nhật',
  '16': 'Từ chối lấy lại / cập nhật',
};

export const isStatusCode = (s: string): s is StatusCode => (STATUS_CODES as readonly string[]).includes(s);

/** The label of a code, or the code itself for one the table does not know (a newer standard's). */
export const statusLabel = (code: string): string => (isStatusCode(code) ? STATUS_CODE_LABELS[code] : `Mã trạng thái ${code}`);

/** A status a recipient organ sent back about one of our outgoing documents. */
export interface RecipientStatus {
  code: string;
  label: string;
  description: string | null;
  staff: string | null;
  /** When the recipient says it happened (its Timestamp), ISO. */
  at: string;
  receivedAt: string;
}

/** The statuses of one recipient organ, oldest first; `latest` the last one. */
export interface RecipientStatusGroup {
  organId: string;
  /** The organ's name in the directory, else null. */
  name: string | null;
  statuses: RecipientStatus[];
  latest: RecipientStatus;
}
