import { ROLE_LABELS, type Role } from '../auth/roles';
import { formatDateVN } from '../domain/dates';
import { docTypeByCode } from '../domain/doc-types';
import { INCOMING_STATUS_LABELS, type IncomingStatus } from '../domain/marks';
import { CORRECTION_LABELS, SEND_METHOD_LABELS, type Correction, type SendMethod } from '../outgoing/schemas';
import { AUDIT_ACTION_LABELS, AUDIT_ENTITY_LABELS, type AuditDetailLine, type AuditEntry, type AuditListEntry } from './schemas';

/**
 * The audit log read as people read it (issue 15): who by full name, when in Vietnam time, what and to which record
 * in the words the screens use, and each detail as "Loại: Kế hoạch" instead of "docType: ke-hoach". Only the
 * reading changes: the stored row, and what its hash covers, stay as they were written.
 */

/** Names the log refers to by id or login name, looked up when it is read. */
export interface AuditNames {
  /** A person's full name by account id. */
  userById(id: number): string | undefined;
  /** A person's full name by login name. */
  userByLogin(username: string): string | undefined;
  unitById(id: number): string | undefined;
}

/** "06/12/2026 15:23": an instant in Vietnam time (Asia/Ho_Chi_Minh, UTC+7 all year), whatever the machine's zone. */
export function auditTime(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  const t = new Date(ms + 7 * 3600_000).toISOString();
  return `${t.slice(8, 10)}/${t.slice(5, 7)}/${t.slice(0, 4)} ${t.slice(11, 16)}`;
}

/** The first instant of a Vietnam calendar date, and of the day after it, as stored (UTC ISO): the date filters. */
export function vietnamDayBounds(isoDate: string): { start: string; next: string } {
  const start = Date.parse(`${isoDate}T00:00:00+07:00`);
  return { start: new Date(start).toISOString(), next: new Date(start + 24 * 3600_000).toISOString() };
}

type Format = (v: unknown, names?: AuditNames) => string | null;
/** A field: its label and how its value reads; null hides the field. */
type Field = [label: string, format?: Format] | null;

const text: Format = (v) => (v === null || v === undefined || v === '' ? null : Array.isArray(v) ? (v.length ? v.map(String).join('; ') : null) : String(v));
const count: Format = (v) => (Array.isArray(v) ? String(v.length) : text(v));
const yesNo: Format = (v) => (v === true ? 'có' : v === false ? 'không' : text(v));
const date: Format = (v) => (typeof v === 'string' && v ? formatDateVN(v) : null);
const time: Format = (v) => (typeof v === 'string' && v ? auditTime(v) : null);
const record: Format = (v) => (v === null || v === undefined ? null : `#${String(v)}`);
const person: Format = (v, n) => (typeof v === 'string' && v ? (n?.userByLogin(v) ?? v) : null);
const people: Format = (v, n) => (Array.isArray(v) ? (v.length ? v.map((u) => person(u, n) ?? String(u)).join(', ') : 'không ai') : person(v, n));
const optionalUrl: Format = (v) => (typeof v === 'string' ? v || 'không dùng' : text(v));
const mapped =
  (labels: Record<string, string>): Format =>
  (v) =>
    typeof v === 'string' ? (labels[v] ?? v) : text(v);

/** "2026" is a year; "2025-01-01..2030-12-31|ke-hoach" a term (and a type numbered on its own). */
const period: Format = (v) => {
  if (typeof v !== 'string') return text(v);
  if (/^\d{4}$/.test(v)) return `năm ${v}`;
  const [term, type] = v.split('|');
  const [from, to] = term.split('..');
  return `nhiệm kỳ ${formatDateVN(from)} – ${formatDateVN(to)}${type ? `, ${docTypeByCode(type)?.name ?? type}` : ''}`;
};

/** "Sở Tài chính (edxml)" → "Sở Tài chính (Trục liên thông (edXML))". */
const sends: Format = (v) =>
  Array.isArray(v) ? v.map((s) => String(s).replace(/\((edxml|email|paper)\)$/, (_, m: SendMethod) => `(${SEND_METHOD_LABELS[m]})`)).join('; ') : text(v);

/** What every action's detail fields mean; an action's own table (below) overrides a field. */
const FIELDS: Record<string, Field> = {
  sha256: null,
  handlers: null,
  // Live notices' addressing (electron/live/service.ts), not part of what was done.
  notify: null,
  notice: null,
  noticeBody: null,
  deleted: null,
  subject: ['Trích yếu'],
  docType: ['Loại', (v) => (typeof v === 'string' ? (docTypeByCode(v)?.name ?? v) : text(v))],
  ref: ['Số, ký hiệu'],
  book: ['Sổ'],
  sender: ['Nơi gửi'],
  files: ['Số tệp đính kèm'],
  bulk: ['Số văn bản'],
  firstNumber: ['Từ số'],
  lastNumber: ['Đến số'],
  lead: ['Chủ trì'],
  coUnits: ['Phối hợp'],
  info: ['Để biết'],
  deadline: ['Hạn xử lý', date],
  reason: ['Lý do'],
  comment: ['Ý kiến'],
  note: ['Ghi chú'],
  version: ['Bản dự thảo', (v) => (v === null || v === undefined ? null : `bản ${String(v)}`)],
  signer: ['Người ký'],
  draft: ['Dự thảo', record],
  draftId: ['Dự thảo', record],
  meeting: ['Cuộc họp', record],
  corrects: ['Văn bản gốc'],
  kind: ['Hình thức', mapped(CORRECTION_LABELS satisfies Record<Correction, string>)],
  period: ['Kỳ đánh số', period],
  number: ['Số'],
  date: ['Ngày ban hành', date],
  sends: ['Gửi đến', sends],
  name: ['Tên'],
  members: ['Số thành viên'],
  entries: ['Số nơi nhận'],
  file: ['Tệp'],
  added: ['Thêm mới'],
  created: ['Thêm mới'],
  updated: ['Cập nhật'],
  unchanged: ['Không đổi'],
  groups: ['Số nhóm'],
  skipped: ['Bỏ qua', count],
  subjects: ['Chứng thư'],
  fullName: ['Họ và tên'],
  username: ['Tên đăng nhập', (v, n) => (typeof v === 'string' ? (n?.userByLogin(v) ? `${v} (${n.userByLogin(v)})` : v) : null)],
  roles: ['Vai trò', (v) => (Array.isArray(v) ? v.map((r) => ROLE_LABELS[r as Role] ?? String(r)).join(', ') : text(v))],
  active: ['Trạng thái', (v) => (v === true ? 'Đang hoạt động' : v === false ? 'Đã khóa' : text(v))],
  address: ['Từ máy'],
  failures: ['Số lần sai liên tiếp'],
  lockedUntil: ['Tạm khóa đến', time],
  widthMm: ['Cỡ thật của con dấu', (v) => (typeof v === 'number' ? `${v.toLocaleString('vi-VN')} mm` : text(v))],
  tsaUrl: ['Máy chủ dấu thời gian', optionalUrl],
  organId: ['Mã định danh'],
  profile: ['Thể thức', mapped({ state: 'Nhà nước', party: 'Đảng' })],
  remoteUrl: ['Dịch vụ ký số từ xa', optionalUrl],
  title: ['Tên cuộc họp'],
  start: ['Bắt đầu', time],
  series: ['Lặp lại'],
  occurrences: ['Số buổi', count],
  clashes: ['Trùng lịch', (v) => (typeof v === 'number' ? `${v} chỗ` : text(v))],
  organ: ['Cơ quan'],
  head: ['Trưởng đơn vị', person],
  linkedRoutings: ['Văn bản đã chuyển được gắn với đơn vị'],
  secretClerks: ['Văn thư giữ sổ mật', people],
  officeHeads: ['Thủ trưởng cơ quan', people],
  offlineMachine: ['Máy soạn văn bản mật không nối mạng', yesNo],
  idleMinutes: ['Hết hạn sau (phút không dùng)'],
  day: ['Ngày', date],
  dayKind: ['Loại ngày'],
  replaced: ['Thay cho'],
  delegator: ['Người ủy quyền', person],
  deputy: ['Người được ủy quyền', person],
  fromDay: ['Từ ngày', date],
  toDay: ['Đến ngày', date],
  maxHours: ['Dài nhất (giờ)'],
  // Giao việc and hồ sơ công việc (issue 17).
  progress: ['Tiến độ', (v) => (typeof v === 'number' ? `${v} %` : text(v))],
  late: ['Hoàn thành sau thời hạn', yesNo],
  onBehalfOf: ['Theo ủy quyền của'],
  plan: ['Kế hoạch', record],
  row: ['Dòng của kế hoạch'],
  parent: ['Việc cha', record],
  retention: ['Thời hạn bảo quản'],
  doc: ['Văn bản'],
  docs: ['Số văn bản', count],
  fields: ['Đã sửa'],
  year: ['Năm'],
  owner: ['Người lập hồ sơ', (v, n) => (typeof v === 'number' ? (n?.userById(v) ?? `#${v}`) : person(v, n))],
  base: ['Theo dòng của Thông tư'],
  openHoso: ['Hồ sơ đang mở theo thời hạn này', count],
  requestedBy: ['Người đề nghị'],
  bytes: ['Dung lượng', (v) => (typeof v === 'number' ? `${(v / 1048576).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} MB` : text(v))],
};

const BY_ACTION: Record<string, Record<string, Field>> = {
  'outgoing.submit': { to: ['Trình', person] },
  'outgoing.number': { reserved: ['Giữ số'], reason: ['Lý do giữ số'] },
  'book.create': {
    name: ['Tên sổ'],
    kind: ['Loại sổ', mapped({ incoming: 'Văn bản đến', outgoing: 'Văn bản đi' })],
    numbering: ['Đánh số', mapped({ year: 'Theo năm', term: 'Theo nhiệm kỳ' })],
  },
  'organization.create': { name: ['Tên cơ quan'] },
  'recipients.group': { name: ['Tên nhóm'], members: ['Số cơ quan'] },
  'recipients.list': { name: ['Tên danh sách'] },
  'room.save': { name: ['Tên phòng'], active: ['Đang dùng', yesNo] },
  'unit.create': { name: ['Tên đơn vị'], members: ['Số người'] },
  'unit.update': { name: ['Tên đơn vị'], members: ['Số người'] },
  'meeting.create': { reason: ['Lý do vẫn xếp lịch trùng'] },
  'meeting.update': { reason: ['Lý do vẫn xếp lịch trùng'] },
  'meeting.import': { reason: ['Lý do vẫn xếp lịch trùng'] },
};

/** Status changes read as one line: "Tình trạng: Chờ xử lý → Đang xử lý". */
const TRANSITIONS: Record<string, [label: string, format: Format]> = {
  'incoming.status': ['Tình trạng', mapped(INCOMING_STATUS_LABELS satisfies Record<IncomingStatus, string>)],
  'meeting.status': ['Trạng thái', text],
};

const HANDLER_ROLES: Record<string, string> = { lead: 'Chủ trì', co: 'Phối hợp', info: 'Để biết' };

/** incoming.route's resolved handlers ("lead:unit#3", "co:user#5", "info:Công an huyện") by role, with their names. */
function handlerLines(handlers: unknown, names: AuditNames): AuditDetailLine[] {
  if (!Array.isArray(handlers)) return [];
  const byRole = new Map<string, string[]>();
  for (const h of handlers.map(String)) {
    const [role, ...rest] = h.split(':');
    const who = rest.join(':');
    const m = /^(unit|user)#(\d+)$/.exec(who);
    const name = m ? (m[1] === 'unit' ? names.unitById(Number(m[2])) : names.userById(Number(m[2]))) ?? who : who;
    byRole.set(role, [...(byRole.get(role) ?? []), name]);
  }
  return Object.keys(HANDLER_ROLES)
    .filter((r) => byRole.has(r))
    .map((r) => ({ label: HANDLER_ROLES[r], value: byRole.get(r)!.join('; ') }));
}

/** An entry's detail as labelled lines, in the order it was written. */
export function auditDetailLines(e: Pick<AuditEntry, 'action' | 'detail'>, names: AuditNames): AuditDetailLine[] {
  const d = e.detail ?? {};
  const out: AuditDetailLine[] = [];
  const transition = TRANSITIONS[e.action];
  const routed = e.action === 'incoming.route' ? handlerLines(d.handlers, names) : [];
  for (const [key, value] of Object.entries(d)) {
    if (transition && (key === 'from' || key === 'to')) {
      if (key === 'from') out.push({ label: transition[0], value: `${transition[1](d.from, names) ?? '…'} → ${transition[1](d.to, names) ?? '…'}` });
      continue;
    }
    if (routed.length && (key === 'lead' || key === 'coUnits' || key === 'info')) {
      if (key === 'lead') out.push(...routed);
      continue;
    }
    const field: Field = key in (BY_ACTION[e.action] ?? {}) ? BY_ACTION[e.action][key] : key in FIELDS ? FIELDS[key] : [key];
    if (!field) continue;
    const format: Format = field[1] ?? text;
    const shown = format(value, names);
    if (shown !== null && shown !== '') out.push({ label: field[0], value: shown });
  }
  return out;
}

export function auditActionLabel(e: Pick<AuditEntry, 'action' | 'detail'>): string {
  if (e.action === 'recipients.list' && e.detail?.deleted) return 'Xóa danh sách nơi nhận';
  if (e.action === 'incoming.register' && e.detail?.bulk) return 'Vào sổ hàng loạt văn bản đến';
  return AUDIT_ACTION_LABELS[e.action] ?? e.action;
}

export const auditEntityLabel = (entity: string): string => AUDIT_ENTITY_LABELS[entity] ?? entity;

/** The record an entry names: "Tài khoản Nguyễn Văn An", "Văn bản đến #12", or the kind alone. */
export function auditObject(e: Pick<AuditEntry, 'entity' | 'entityId'>, names: AuditNames): string {
  const kind = auditEntityLabel(e.entity);
  if (e.entityId === null) return kind;
  const name = e.entity === 'user' ? names.userById(e.entityId) : e.entity === 'unit' ? names.unitById(e.entityId) : undefined;
  return name ? `${kind} ${name}` : `${kind} #${e.entityId}`;
}

/** The person who acted, by full name; the machine's own entries (no account) read "Hệ thống". */
export function auditPerson(e: Pick<AuditEntry, 'userId' | 'username'>, names: AuditNames): string {
  if (e.userId !== null) return names.userById(e.userId) ?? e.username;
  return e.username === 'hệ thống' ? 'Hệ thống' : e.username;
}

export function readableAuditEntry(e: AuditEntry, names: AuditNames): AuditListEntry {
  return {
    ...e,
    fullName: auditPerson(e, names),
    when: auditTime(e.at),
    actionLabel: auditActionLabel(e),
    entityLabel: auditEntityLabel(e.entity),
    object: auditObject(e, names),
    details: auditDetailLines(e, names),
  };
}
