import path from 'node:path';
import { AppError } from '../../../shared/api/result';
import { formatDateTimeVN } from '../../../shared/domain/dates';
import { statusLabel, STATUS_CODES, type StatusCode } from '../../../shared/exchange/status-codes';
import { MESSAGE_STATE_LABELS, MESSAGE_STATES, type ExchangeMessage, type MessageState, type RunReport } from '../../../shared/exchange/transport-api';
import type { ExchangeSettings } from '../../../shared/exchange/settings';
import { int, parse, str } from './args';
import { writeAtomically } from './files';
import { printJson } from './output';
import { secretFlag } from './secrets';
import { call, withApp } from './session';

/**
 * `vanphong exchange run|list|resend|settings` and `vanphong edxml status` (issue 18): one pass over the exchange's
 * inbox and outbox, the messages and dead letters, sending a dead letter again, the folders and SMTP server; a status
 * package about an incoming document written to a file.
 */
const USAGE =
  'Dùng: vanphong exchange run | list [--state queued|sent|failed|dead|received|rejected] [--problems] [--direction out|in] | resend ID | ' +
  'settings [--outbox DIR] [--inbox DIR] [--smtp-host H --smtp-port N [--smtp-security none|starttls|tls] --smtp-user U --smtp-from ADDR] [--smtp-pass-stdin] [--no-smtp] [--auto-status on|off]';
const STATUS_USAGE = `Dùng: vanphong edxml status ID --code ${STATUS_CODES.join('|')} [--reason TEXT] --out FILE.edxml [--to MÃ-ĐỊNH-DANH --document-id "MÃ,yyyy/MM/dd,Số/Ký hiệu"]`;

function messageLine(m: ExchangeMessage): string {
  const dir = m.direction === 'out' ? 'gửi' : 'nhận';
  const what = m.kind === 'status' ? `trạng thái ${m.statusCode ?? ''}${m.statusCode ? ` (${statusLabel(m.statusCode)})` : ''}` : 'văn bản';
  const peer = m.peerName ?? m.peerOrganId ?? m.peerAddress ?? '';
  const err = m.lastError && m.state !== 'sent' && m.state !== 'received' ? ` — ${m.lastError}` : '';
  const retry = m.state === 'failed' && m.nextAttemptAt ? `, thử lại lúc ${formatDateTimeVN(m.nextAttemptAt)}` : '';
  return `${String(m.id).padStart(5)}  ${formatDateTimeVN(m.updatedAt)}  ${dir} ${what}${peer ? ` — ${peer}` : ''}${m.documentId ? ` [${m.documentId}]` : ''}  (${MESSAGE_STATE_LABELS[m.state]}${m.attempts ? `, ${m.attempts} lần gửi` : ''}${retry})${err}`;
}

function reportLines(r: RunReport): string[] {
  return [
    `Đã gửi ${r.sent} gói; nhận ${r.received} gói; từ chối ${r.rejected}; đã nhận trước đó (bỏ qua) ${r.duplicates}; lỗi sẽ thử lại ${r.failed}; gửi không được ${r.dead}; trạng thái tự gửi xếp hàng ${r.statusesQueued}.`,
    ...r.skipped.map((s) => `  (${s})`),
  ];
}

function settingsLines(s: ExchangeSettings): string[] {
  return [
    `Thư mục gửi: ${s.outbox || '(chưa đặt)'}`,
    `Thư mục nhận: ${s.inbox || '(chưa đặt)'}`,
    `Máy chủ thư SMTP: ${s.smtp ? `${s.smtp.host}:${s.smtp.port} (${s.smtp.security}), tài khoản ${s.smtp.user || '(không)'}, gửi từ ${s.smtp.from}, mật khẩu ${s.smtp.hasPassword ? 'đã lưu' : 'chưa có'}` : '(chưa cấu hình)'}`,
    `Tự gửi trạng thái (đã đến, đã vào sổ, phân công, hoàn thành): ${s.autoStatuses ? 'có' : 'không'}`,
  ];
}

export async function edxmlStatusCommand(argv: string[]): Promise<number | void> {
  const { values, positionals } = parse(argv, { code: { type: 'string' }, reason: { type: 'string' }, out: { type: 'string' }, to: { type: 'string' }, 'document-id': { type: 'string' } });
  const incomingId = int(positionals[0], 'Mã văn bản đến');
  const code = str(values.code);
  const out = str(values.out);
  if (incomingId === undefined || !code || !out) throw new AppError('VALIDATION', STATUS_USAGE);
  if (!(STATUS_CODES as readonly string[]).includes(code)) throw new AppError('VALIDATION', `--code phải là một trong ${STATUS_CODES.join(', ')}.`, { field: 'code' });
  return withApp(values, async (app) => {
    const p = await call(app, 'exchange.statusPackage', { incomingId, code: code as StatusCode, reason: str(values.reason), to: str(values.to), documentId: str(values['document-id']) });
    const file = writeAtomically(out, p.bytes);
    if (values.json) return printJson({ file, messageId: p.messageId, documentId: p.documentId, to: p.to, code });
    console.log(`Đã ghi gói trạng thái ${code} (${statusLabel(code)}) gửi ${p.to} về văn bản ${p.documentId}: ${file}`);
  });
}

export async function exchangeCommand(argv: string[]): Promise<number | void> {
  const [sub, ...rest] = argv;
  const { values, positionals } = parse(rest, {
    state: { type: 'string' },
    problems: { type: 'boolean', default: false },
    direction: { type: 'string' },
    limit: { type: 'string' },
    outbox: { type: 'string' },
    inbox: { type: 'string' },
    'smtp-host': { type: 'string' },
    'smtp-port': { type: 'string' },
    'smtp-security': { type: 'string' },
    'smtp-user': { type: 'string' },
    'smtp-from': { type: 'string' },
    'smtp-pass': { type: 'string' },
    'smtp-pass-stdin': { type: 'boolean', default: false },
    'no-smtp': { type: 'boolean', default: false },
    'auto-status': { type: 'string' },
  });
  switch (sub) {
    case 'run':
      return withApp(values, async (app) => {
        const r = await call(app, 'exchange.run', {});
        if (values.json) return printJson(r);
        for (const l of reportLines(r)) console.log(l);
        return r.dead || r.rejected ? 1 : 0;
      });
    case 'list':
      return withApp(values, async (app) => {
        const state = str(values.state);
        if (state !== undefined && !(MESSAGE_STATES as readonly string[]).includes(state)) throw new AppError('VALIDATION', `--state phải là một trong ${MESSAGE_STATES.join(', ')}.`, { field: 'state' });
        const direction = str(values.direction);
        if (direction !== undefined && direction !== 'out' && direction !== 'in') throw new AppError('VALIDATION', '--direction phải là out (gửi) hoặc in (nhận).', { field: 'direction' });
        const rows = await call(app, 'exchange.list', { state: state as MessageState | undefined, view: values.problems ? 'problems' : undefined, direction, limit: int(values.limit, 'Số dòng') });
        if (values.json) return printJson(rows);
        if (!rows.length) console.log('Không có gói tin nào.');
        for (const m of rows) console.log(messageLine(m));
      });
    case 'resend':
      return withApp(values, async (app) => {
        const id = int(positionals[0], 'Mã gói tin');
        if (id === undefined) throw new AppError('VALIDATION', 'Dùng: vanphong exchange resend ID (mã gói tin trong «vanphong exchange list --problems»).');
        const m = await call(app, 'exchange.resend', { id });
        if (values.json) return printJson(m);
        console.log(`Đã đưa gói ${m.id} trở lại hàng gửi; chạy «vanphong exchange run» để gửi ngay.`);
      });
    case 'settings':
      return withApp(values, async (app) => {
        const smtpGiven = ['smtp-host', 'smtp-port', 'smtp-security', 'smtp-user', 'smtp-from', 'smtp-pass', 'smtp-pass-stdin'].some((k) => values[k] !== undefined && values[k] !== false);
        const auto = str(values['auto-status']);
        if (auto !== undefined && !['on', 'off'].includes(auto)) throw new AppError('VALIDATION', '--auto-status phải là on hoặc off.', { field: 'auto-status' });
        const changing = values.outbox !== undefined || values.inbox !== undefined || smtpGiven || values['no-smtp'] || auto !== undefined;
        let s: ExchangeSettings;
        if (!changing) s = await call(app, 'exchange.settings', {});
        else {
          let smtp: Parameters<typeof call<'exchange.saveSettings'>>[2]['smtp'];
          if (values['no-smtp']) smtp = null;
          else if (smtpGiven) {
            const now = await call(app, 'exchange.settings', {});
            const password = await secretFlag(values, 'smtp-pass', 'VANPHONG_SMTP_PASSWORD', 'mật khẩu SMTP');
            smtp = {
              host: str(values['smtp-host']) ?? now.smtp?.host ?? '',
              port: int(values['smtp-port'], 'Cổng SMTP') ?? now.smtp?.port ?? 587,
              security: (str(values['smtp-security']) ?? now.smtp?.security ?? 'starttls') as 'none' | 'starttls' | 'tls',
              user: str(values['smtp-user']) ?? now.smtp?.user ?? '',
              from: str(values['smtp-from']) ?? now.smtp?.from ?? '',
              password,
            };
          }
          const abs = (v: unknown) => (typeof v === 'string' && v !== '' ? path.resolve(v) : (v as string | undefined));
          s = await call(app, 'exchange.saveSettings', { outbox: abs(values.outbox), inbox: abs(values.inbox), smtp, autoStatuses: auto === undefined ? undefined : auto === 'on' });
        }
        if (values.json) return printJson(s);
        if (changing) console.log('Đã lưu cài đặt trao đổi văn bản.');
        for (const l of settingsLines(s)) console.log(l);
      });
    default:
      throw new AppError('VALIDATION', USAGE);
  }
}
