import { AppError } from '../../../shared/api/result';
import { formatDateVN } from '../../../shared/domain/dates';
import { DELEGATION_STATE_LABELS, type Delegation } from '../../../shared/delegation/schemas';
import { INBOX_KINDS, INBOX_KIND_LABELS, type InboxItem, type InboxKind } from '../../../shared/inbox/schemas';
import { int, parse, str } from './args';
import { printJson } from './output';
import { call, withApp, type CliApp } from './session';

/** `vanphong inbox` (what waits for me) and `vanphong delegate` (ủy quyền xử lý) from the command line. */

function itemLine(i: InboxItem): string {
  const deadline = i.deadline ? `${i.overdue ? '!' : ' '}hạn ${formatDateVN(i.deadline)}` : ' '.repeat(15);
  const who = [i.unitName ? `đơn vị: ${i.unitName}` : '', i.onBehalfOf ? `ủy quyền của ${i.onBehalfOf}` : '', i.detail ?? ''].filter(Boolean).join('; ');
  return `${INBOX_KIND_LABELS[i.kind].padEnd(11)} ${String(i.refId).padStart(6)}  ${deadline}  ${i.actionLabel.padEnd(18)}  ${i.title}${who ? `  (${who})` : ''}`;
}

export async function inboxCommand(argv: string[]): Promise<void> {
  const { values } = parse(argv, { kind: { type: 'string' }, limit: { type: 'string' }, offset: { type: 'string' } });
  const kind = str(values.kind);
  if (kind !== undefined && !(INBOX_KINDS as readonly string[]).includes(kind)) throw new AppError('VALIDATION', '--kind phải là incoming, task hoặc draft.', { field: 'kind' });
  await withApp(values, async (app) => {
    const page = await call(app, 'inbox.mine', { kind: kind as InboxKind | undefined, limit: int(values.limit, 'Số dòng') ?? 100, offset: int(values.offset, 'Vị trí') ?? 0 });
    if (values.json) return printJson(page);
    const c = page.counts;
    if (page.total === 0) return console.log('Không có gì chờ bạn xử lý.');
    console.log(`Chờ tôi xử lý: ${c.total} (văn bản đến ${c.incoming}, công việc ${c.task}, dự thảo ${c.draft})${c.overdue ? `, quá hạn ${c.overdue}` : ''}.`);
    for (const i of page.items) console.log(itemLine(i));
    if (page.items.length < page.total) console.log(`… còn ${page.total - page.items.length} mục: dùng --offset, --limit.`);
  });
}

async function userIdOf(app: CliApp, name: string, field: string): Promise<number> {
  const users = await call(app, 'users.list', {});
  const u = users.find((x) => x.username === name.normalize('NFC')) ?? (/^\d+$/.test(name) ? users.find((x) => x.id === Number(name)) : undefined);
  if (!u) throw new AppError('VALIDATION', `Không có tài khoản «${name}».`, { field });
  return u.id;
}

function delegationLine(d: Delegation): string {
  const note = d.note ? ` — ${d.note}` : '';
  return `${String(d.id).padStart(4)}  ${d.from.fullName} (${d.from.username}) → ${d.to.fullName} (${d.to.username})  ${formatDateVN(d.fromDay)}–${formatDateVN(d.toDay)}  [${DELEGATION_STATE_LABELS[d.state]}]${note}`;
}

export async function delegateCommand(argv: string[]): Promise<void> {
  const [sub, ...rest] = argv;
  if (sub === 'list') {
    const { values } = parse(rest, { all: { type: 'boolean', default: false } });
    await withApp(values, async (app) => {
      const rows = await call(app, 'delegations.list', { all: values.all === true });
      if (values.json) return printJson(rows);
      if (!rows.length) return console.log('Chưa có ủy quyền xử lý nào.');
      for (const d of rows) console.log(delegationLine(d));
    });
    return;
  }
  if (sub === 'revoke') {
    const { values, positionals } = parse(rest, {});
    if (!positionals[0]) throw new AppError('VALIDATION', 'Dùng: vanphong delegate revoke MÃ');
    await withApp(values, async (app) => {
      const d = await call(app, 'delegations.revoke', { id: int(positionals[0], 'Mã ủy quyền') as number });
      if (values.json) printJson(d);
      else console.log(`Đã thu hồi ủy quyền: ${delegationLine(d)}`);
    });
    return;
  }
  const { values, positionals } = parse(argv, { to: { type: 'string' }, from: { type: 'string' }, until: { type: 'string' }, note: { type: 'string' }, for: { type: 'string' } });
  if (positionals.length) throw new AppError('VALIDATION', `Lệnh «delegate ${positionals[0]}» không có. Dùng: delegate --to …, delegate list, delegate revoke MÃ.`);
  const to = str(values.to);
  const from = str(values.from);
  const until = str(values.until);
  if (!to || !from || !until) throw new AppError('VALIDATION', 'Dùng: vanphong delegate --to TÀI-KHOẢN --from YYYY-MM-DD --until YYYY-MM-DD [--note TEXT] [--for LÃNH-ĐẠO]');
  await withApp(values, async (app) => {
    const forWhom = str(values.for);
    const d = await call(app, 'delegations.create', {
      to: await userIdOf(app, to, 'to'),
      delegator: forWhom ? await userIdOf(app, forWhom, 'for') : undefined,
      from,
      until,
      note: str(values.note),
    });
    if (values.json) printJson(d);
    else console.log(`Đã ủy quyền xử lý (mã ${d.id}): ${delegationLine(d)}`);
  });
}
