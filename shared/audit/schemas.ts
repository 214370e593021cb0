import { z } from 'zod';
import { id, isoDate } from '../api/fields';

/**
 * The log, newest first, narrowed by person (the account that acted), object (a kind of record, and one record) and
 * Vietnam calendar dates (from and to, both included).
 */
export const listAuditInput = z
  .object({
    entity: z.string().max(40).optional(),
    entityId: id('mã bản ghi').optional(),
    userId: id('mã người làm').optional(),
    from: isoDate('từ ngày').optional(),
    to: isoDate('đến ngày').optional(),
    beforeSeq: z.number().int().positive().optional(),
    limit: z.number().int().min(1).max(1000).default(200),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { error: 'Từ ngày phải trước hoặc trùng đến ngày.', path: ['to'] });

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

/** One line of an entry's detail as the screens show it: "Loại: Kế hoạch". */
export interface AuditDetailLine {
  label: string;
  value: string;
}

/**
 * An entry as audit.list gives it: the stored row (what the hash covers, unchanged) and the same read in plain
 * Vietnamese at read time.
 */
export interface AuditListEntry extends AuditEntry {
  /** The person's full name ("Hệ thống" for the machine's own entries). */
  fullName: string;
  /** Vietnam time, "06/12/2026 15:23". */
  when: string;
  actionLabel: string;
  /** The kind of record, "Văn bản đến". */
  entityLabel: string;
  /** The record, "Văn bản đến #12", "Tài khoản Nguyễn Văn An"; the kind alone when no record is named. */
  object: string;
  details: AuditDetailLine[];
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
  'session.end': 'Kết thúc phiên đăng nhập',
  'settings.sessions': 'Sửa thời hạn đăng nhập',
  'incoming.register': 'Vào sổ văn bản đến',
  'incoming.update': 'Sửa văn bản đến',
  'incoming.route': 'Chuyển xử lý',
  'incoming.status': 'Cập nhật tình trạng',
  'incoming.cancel': 'Hủy văn bản đến',
  'incoming.submit': 'Trình lãnh đạo văn bản đến',
  'incoming.instruct': 'Bút phê văn bản đến',
  'incoming.assign': 'Phân công xử lý văn bản đến',
  'incoming.progress': 'Báo cáo tiến độ xử lý',
  'incoming.finish': 'Hoàn thành xử lý văn bản đến',
  'incoming.return': 'Trả lại văn bản đến cho văn thư',
  'book.create': 'Tạo sổ',
  'organization.create': 'Thêm cơ quan',
  'draft.create': 'Tạo dự thảo',
  'draft.update': 'Sửa dự thảo',
  'draft.delete': 'Xóa dự thảo',
  'outgoing.submit': 'Trình ký',
  'outgoing.return': 'Trả lại',
  'outgoing.approve': 'Duyệt',
  'outgoing.sign': 'Ký số (lãnh đạo)',
  'outgoing.sign-cancelled': 'Hủy yêu cầu ký số',
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
  'settings.organisation': 'Sửa thông tin cơ quan',
  'unit.create': 'Tạo đơn vị',
  'unit.update': 'Sửa đơn vị',
  'secrecy.settings': 'Sửa cài đặt văn bản mật',
  'task.create': 'Giao việc',
  'task.update': 'Sửa việc',
  'task.progress': 'Báo cáo tiến độ công việc',
  'task.submit': 'Trình kết quả công việc',
  'task.approve': 'Duyệt kết quả công việc',
  'task.return': 'Trả lại kết quả công việc',
  'task.done': 'Hoàn thành công việc',
  'task.cancel': 'Hủy công việc',
  'task.fromPlan': 'Giao việc từ kế hoạch',
  'task.report': 'Báo cáo kết quả thực hiện kế hoạch',
  'unit.remove': 'Xóa đơn vị',
  'hoso.create': 'Lập hồ sơ',
  'hoso.update': 'Sửa hồ sơ',
  'hoso.addDoc': 'Đưa văn bản vào hồ sơ',
  'hoso.removeDoc': 'Bỏ văn bản khỏi hồ sơ',
  'hoso.reorder': 'Sắp xếp văn bản trong hồ sơ',
  'hoso.close': 'Kết thúc hồ sơ',
  'hoso.reopen': 'Mở lại hồ sơ',
  'hoso.handover': 'Nộp lưu hồ sơ',
  'hoso.requestDisposal': 'Đề nghị tiêu hủy hồ sơ',
  'hoso.destroy': 'Duyệt tiêu hủy hồ sơ',
  'retention.add': 'Thêm thời hạn bảo quản',
  'retention.update': 'Sửa thời hạn bảo quản',
  'calendar.set': 'Sửa lịch nghỉ lễ',
  'calendar.remove': 'Bỏ ngày khỏi lịch nghỉ lễ',
  'delegation.create': 'Ủy quyền xử lý',
  'delegation.revoke': 'Thu hồi ủy quyền xử lý',
  // old registers brought in (issue 18)
  'import.start': 'Nhập sổ cũ',
  'import.resume': 'Tiếp tục nhập sổ cũ',
  'import.finish': 'Nhập sổ cũ xong',
  // edXML documents (issue 18)
  'exchange.export': 'Xuất gói edXML văn bản đi',
  'exchange.import': 'Nhận gói edXML vào sổ văn bản đến',
  // exchange transports and statuses (issue 18)
  'exchange.queue': 'Xếp gói tin vào hàng gửi',
  'exchange.status': 'Gửi trạng thái văn bản đến',
  'exchange.statusExport': 'Xuất gói trạng thái văn bản đến',
  'exchange.receiveStatus': 'Nhận trạng thái xử lý của nơi nhận',
  'exchange.reject': 'Từ chối gói tin nhận được',
  'exchange.dead': 'Gói tin gửi không được',
  'exchange.resend': 'Gửi lại gói tin',
  'exchange.settings': 'Sửa cài đặt trao đổi văn bản',
};

/** Vietnamese names of the kinds of record the log names (the `entity` column). */
export const AUDIT_ENTITY_LABELS: Record<string, string> = {
  incoming: 'Văn bản đến',
  draft: 'Dự thảo',
  outgoing: 'Văn bản đi',
  meeting: 'Cuộc họp',
  user: 'Tài khoản',
  unit: 'Đơn vị',
  task: 'Công việc',
  organization: 'Cơ quan',
  book: 'Sổ',
  recipient_list: 'Danh sách nơi nhận',
  recipient_group: 'Nhóm nơi nhận',
  room: 'Phòng họp',
  person: 'Người ký',
  signature: 'Ảnh chữ ký',
  seal: 'Con dấu',
  trust: 'Chứng thư tin cậy',
  settings: 'Cài đặt',
  exchange: 'Gói tin trao đổi văn bản',
  hoso: 'Hồ sơ',
  retention: 'Thời hạn bảo quản',
  calendar: 'Lịch nghỉ lễ',
  delegation: 'Ủy quyền xử lý',
  import_run: 'Lượt nhập sổ cũ',
};
