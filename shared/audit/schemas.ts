import { z } from 'zod';

export const listAuditInput = z.object({
  entity: z.string().max(40).optional(),
  entityId: z.number().int().positive().optional(),
  beforeSeq: z.number().int().positive().optional(),
  limit: z.number().int().min(1).max(1000).default(200),
});

export interface AuditEntry {
  seq: number;
  at: string;
  userId: number | null;
  username: string;
  action: string;
  entity: string;
  entityId: number | null;
  detail: Record<string, unknown>;
}

/**
 * The chain's last link, to be kept outside the machine (printed on a register book, written in a backup's manifest):
 * rewriting the whole chain changes it, which comparing with the kept copy reveals.
 */
export interface AuditHead {
  /** Rows in the chain; 0 for an empty log. */
  seq: number;
  /** SHA-256 of the last row, hex; null for an empty log. */
  hash: string | null;
}

export interface AuditVerifyReport {
  ok: boolean;
  rows: number;
  problem: 'missing' | 'broken-link' | 'edited' | 'truncated' | null;
  /** The first row found wrong. */
  seq: number | null;
  message: string;
  ms: number;
}

/** Vietnamese names of what the log records, for the audit screen and the CLI. */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  'user.create': 'Tạo tài khoản',
  'user.update': 'Sửa tài khoản',
  'user.login': 'Đăng nhập',
  'user.login-failed': 'Đăng nhập sai mật khẩu',
  'user.password': 'Đổi mật khẩu',
  'incoming.register': 'Vào sổ văn bản đến',
  'incoming.update': 'Sửa văn bản đến',
  'incoming.route': 'Chuyển xử lý',
  'incoming.status': 'Cập nhật tình trạng',
  'incoming.cancel': 'Hủy văn bản đến',
  'book.create': 'Tạo sổ',
  'organization.create': 'Thêm cơ quan',
  'draft.create': 'Tạo dự thảo',
  'draft.update': 'Sửa dự thảo',
  'draft.delete': 'Xóa dự thảo',
  'outgoing.submit': 'Trình ký',
  'outgoing.return': 'Trả lại',
  'outgoing.approve': 'Duyệt',
  'outgoing.sign': 'Ký số (lãnh đạo)',
  'outgoing.number': 'Cấp số',
  'outgoing.issue': 'Phát hành',
  'outgoing.issue-failed': 'Phát hành không thành công',
  'outgoing.cancel': 'Hủy số đã cấp',
  'outgoing.skip': 'Bỏ số',
  'outgoing.reserve': 'Giữ số',
  'outgoing.send': 'Gửi văn bản',
  'recipients.import': 'Nhập danh bạ',
  'recipients.group': 'Lưu nhóm nơi nhận',
  'recipients.list': 'Lưu danh sách nơi nhận',
  'trust.add': 'Thêm chứng thư tin cậy',
  'trust.remove': 'Bỏ chứng thư tin cậy',
  'person.create': 'Thêm người ký',
  'stamp.set': 'Đặt ảnh chữ ký/con dấu',
  'stamp.remove': 'Xóa ảnh chữ ký/con dấu',
  'settings.signing': 'Sửa cài đặt ký số',
  'meeting.create': 'Thêm lịch họp',
  'meeting.update': 'Sửa lịch họp',
  'meeting.status': 'Đổi trạng thái lịch họp',
  'meeting.import': 'Nhập lịch từ tệp .ics',
  'meeting.invitation': 'Tạo giấy mời từ lịch họp',
  'room.save': 'Lưu phòng họp',
  'settings.schedule': 'Sửa cài đặt lịch công tác',
};
