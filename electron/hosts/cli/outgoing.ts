import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/api/result';
import { ROLES, type Role } from '../../../shared/auth/roles';
import { applyRecipients } from '../../../shared/recipients/apply';
import { DRAFT_STATUS_LABELS, OUTGOING_STATUS_LABELS, SEND_METHODS, type OutgoingRecord, type SendMethod } from '../../../shared/outgoing/schemas';
import { formatDateTimeVN, formatDateVN } from '../../../shared/domain/dates';
import { countUsers } from '../../auth/repo';
import { int, parse, str } from './args';
import { printJson } from './output';
import { requireFile } from './files';
import { call, sessionOf, withApp } from './session';
import { RemoteApp } from './remote';
import { readSecret, readStdin } from './secrets';
import { importTextDraft, sourceNote, validate } from './drafting';
import type { SourceRef } from '../../../shared/drafting/import-draft';
import { KEY_FLAGS, keyFromFlags } from './signing';
import { issueDraft, signDraft } from './desk-signing';

/** The outgoing workflow, accounts, recipients and the audit log from the command line. */

function parseRoles(v: string | undefined): Role[] {
  const roles = (v ?? '').split(',').map((r) => r.trim()).filter(Boolean);
  const bad = roles.find((r) => !(ROLES as readonly string[]).includes(r));
  if (!roles.length || bad) throw new AppError('VALIDATION', `--role phải là vanthu, chuyenvien, lanhdao hoặc quantri (nhiều vai trò cách nhau bằng dấu phẩy)${bad ? `; «${bad}» không có` : ''}.`, { field: 'role' });
  return roles as Role[];
}

export async function usersCommand(argv: string[]): Promise<void> {
  const [sub, ...rest] = argv;
  if (sub === 'add') {
    const { values, positionals } = parse(rest, {
      role: { type: 'string' },
      'full-name': { type: 'string' },
      title: { type: 'string' },
      unit: { type: 'string' },
      'password-stdin': { type: 'boolean', default: false },
    });
    const username = positionals[0];
    if (!username) throw new AppError('VALIDATION', 'Dùng: vanphong users add TÊN --role vanthu|chuyenvien|lanhdao|quantri [--full-name "HỌ TÊN"] [--title CHỨC-VỤ] [--unit ĐƠN-VỊ] --password-stdin');
    const roles = parseRoles(str(values.role));
    const password = values['password-stdin'] ? await readStdin() : await readSecret(`Mật khẩu cho ${username}: `);
    // The first account needs no login and becomes the administrator; later ones are created by an administrator.
    await withApp(values, async (app) => {
      const input = { username, fullName: str(values['full-name']) ?? username, title: str(values.title), unit: str(values.unit), roles, password };
      const first = !(app instanceof RemoteApp) && countUsers(app.db) === 0;
      const user = first ? (await call(app, 'auth.setup', input)).user! : await call(app, 'users.create', input);
      const full = first ? (await call(app, 'users.list', {})).find((u) => u.id === user.id)! : user;
      if (values.json) printJson(full);
      else console.log(`Đã tạo tài khoản «${full.username}» (${full.fullName}), vai trò: ${full.roles.join(', ')}${first ? ' — tài khoản đầu tiên là quản trị' : ''}.`);
    }, { anonymous: 'first-account' });
    return;
  }
  if (sub === 'list') {
    const { values } = parse(rest, {});
    await withApp(values, async (app) => {
      const users = await call(app, 'users.list', {});
      if (values.json) printJson(users);
      else for (const u of users) console.log(`${String(u.id).padStart(4)}  ${u.username.padEnd(16)} ${u.fullName}  [${u.roles.join(', ')}]${u.active ? '' : ' (đã khóa)'}`);
    });
    return;
  }
  throw new AppError('VALIDATION', `Lệnh «users ${sub ?? ''}» không có. Dùng: add, list.`);
}

export async function draftCommand(argv: string[]): Promise<void> {
  const [sub, ...rest] = argv;
  if (sub !== 'import') throw new AppError('VALIDATION', 'Dùng: vanphong draft import FILE.txt|MODEL.json [--profile state|party] [--recipients "TÊN DANH SÁCH"] --user TÊN');
  const { values, positionals } = parse(rest, { profile: { type: 'string' }, recipients: { type: 'string' } });
  const file = positionals[0];
  if (!file) throw new AppError('VALIDATION', 'Thiếu tệp: vanphong draft import FILE.txt|MODEL.json');
  const profile = str(values.profile);
  if (profile !== undefined && profile !== 'state' && profile !== 'party') throw new AppError('VALIDATION', '--profile phải là state hoặc party.', { field: 'profile' });
  let draft = file.toLowerCase().endsWith('.json') ? await validate(parseJson(file), path.basename(file)) : null;
  let source: SourceRef | null = null;
  await withApp(values, async (app) => {
    if (!draft) ({ draft, source } = await importTextDraft(file, profile));
    const listName = str(values.recipients);
    if (listName) {
      const list = (await call(app, 'recipients.lists', {})).find((l) => l.name.toLowerCase() === listName.normalize('NFC').toLowerCase());
      if (!list) throw new AppError('NOT_FOUND', `Không có danh sách nơi nhận «${listName}».`, { field: 'recipients' });
      const unit = (app instanceof RemoteApp ? (await call(app, 'auth.status', {})).user?.unit : sessionOf(app).caller?.unit) ?? '';
      draft = applyRecipients(draft, await call(app, 'recipients.resolve', { id: list.id }), unit);
    }
    const saved = await call(app, 'drafts.save', { draft });
    if (values.json) printJson({ id: saved.id, status: saved.status, subject: saved.subject, source });
    else {
      console.log(`Đã tạo dự thảo số ${saved.id}: ${saved.subject}`);
      if (source) console.log(sourceNote(source));
    }
  });
}

function parseJson(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(requireFile(file), 'utf8'));
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('FILE_INVALID', `Tệp «${file}» không phải JSON hợp lệ.`);
  }
}

const outgoingLine = (r: OutgoingRecord) =>
  `${r.ref.padEnd(20)} ${formatDateVN(r.docDate)}  ${r.subject || r.note || ''}  (${OUTGOING_STATUS_LABELS[r.status]}; ${r.bookName})`;

export async function outgoingCommand(argv: string[]): Promise<void> {
  const [sub, ...rest] = argv;
  const { values, positionals } = parse(rest, {
    ...KEY_FLAGS,
    to: { type: 'string' },
    comment: { type: 'string' },
    book: { type: 'string' },
    date: { type: 'string' },
    year: { type: 'string' },
    reason: { type: 'string' },
    note: { type: 'string' },
    out: { type: 'string' },
    method: { type: 'string' },
    recipient: { type: 'string', multiple: true },
    reserved: { type: 'string' },
    type: { type: 'string' },
  });
  const id = () => int(positionals[0], 'Mã văn bản') ?? failUsage();
  const show = (v: unknown, text: string) => (values.json ? printJson(v) : console.log(text));
  await withApp(values, async (app) => {
    switch (sub) {
      case 'submit': {
        const to = str(values.to);
        if (!to) throw new AppError('VALIDATION', 'Thiếu --to TÊN (tài khoản lãnh đạo nhận trình).', { field: 'to' });
        const leader = (await call(app, 'users.list', {})).find((u) => u.username.toLowerCase() === to.normalize('NFC').toLowerCase());
        if (!leader) throw new AppError('NOT_FOUND', `Không có tài khoản «${to}».`, { field: 'to' });
        const w = await call(app, 'outgoing.submit', { id: id(), to: leader.id, comment: str(values.comment) });
        return show(w, `Đã trình phiên bản ${w.version} cho ${w.reviewerName}: ${DRAFT_STATUS_LABELS[w.status]}.`);
      }
      case 'return': {
        const w = await call(app, 'outgoing.return', { id: id(), comment: str(values.comment) as string });
        return show(w, `Đã trả lại phiên bản ${w.version} cho ${w.ownerName ?? 'người soạn thảo'}.`);
      }
      case 'approve': {
        const w = await call(app, 'outgoing.approve', { id: id(), comment: str(values.comment) });
        return show(w, `Đã duyệt phiên bản ${w.version}.`);
      }
      case 'sign': {
        const w = await signDraft(app, id(), await keyFromFlags(values), str(values.reason));
        return show(w, `Đã ký số phiên bản ${w.version}; văn bản chờ văn thư phát hành.`);
      }
      case 'issue': {
        const reservedNumber = int(values.reserved, 'Số đã giữ');
        const r = await issueDraft(app, { id: id(), book: str(values.book), date: str(values.date), reservedNumber }, await keyFromFlags(values));
        return show(r, `Đã phát hành: số ${r.ref}, ngày ${formatDateVN(r.docDate)}, vào «${r.bookName}»${reservedNumber ? ' (dùng số đã giữ)' : ''}.`);
      }
      case 'reserve':
      case 'skip': {
        // Giữ số (a number kept for a document to come, used later by `issue --reserved N`) or bỏ số, with the reason.
        const r = await call(app, 'outgoing.skipNumber', { book: str(values.book), kind: sub === 'reserve' ? 'reserved' : 'skipped', reason: str(values.reason) as string, docType: str(values.type) });
        return show(r, `Đã ${sub === 'reserve' ? 'giữ' : 'bỏ'} số ${r.number} của «${r.bookName}»: ${r.note ?? ''}`);
      }
      case 'cancel': {
        const r = await call(app, 'outgoing.cancel', { id: id(), note: str(values.note) as string });
        return show(r, `Đã hủy ${r.ref}; số vẫn được giữ, ghi chú: ${r.note}`);
      }
      case 'send': {
        const method = (str(values.method) ?? 'edxml') as SendMethod;
        if (!SEND_METHODS.includes(method)) throw new AppError('VALIDATION', '--method phải là edxml, email hoặc paper.', { field: 'method' });
        const rec = await call(app, 'outgoing.get', { id: id() });
        // Issue 18: --to MÃ-ĐỊNH-DANH (repeatable) adds a recipient by code; a key signs the edXML package.
        const codes = rest.flatMap((a, i) => (a === '--to' ? [rest[i + 1]] : a.startsWith('--to=') ? [a.slice(5)] : [])).filter(Boolean);
        const to = [...((values.recipient as string[] | undefined) ?? (codes.length ? [] : rec.recipients)), ...codes];
        const key = values.p12 || values.pkcs11 || values.remote ? await keyFromFlags(values) : undefined;
        const r = await call(app, 'outgoing.send', { id: rec.id, sends: to.map((recipient) => ({ recipient, method })), key });
        const d = r.delivery;
        const queued = d?.queued.length ? ` Đã xếp ${d.queued.length} gói vào hàng gửi${d.signed ? '' : ' (gói không ký số)'}: chạy «vanphong exchange run» để gửi.` : '';
        const left = d?.notSendable.length ? ` Chỉ ghi sổ, không gửi điện tử được: ${d.notSendable.map((n) => `${n.name} (${n.why})`).join('; ')}.` : '';
        return show(r, `Đã ghi gửi ${to.length} nơi nhận (${method}).${queued}${left}`);
      }
      case 'file': {
        const r = await call(app, 'outgoing.get', { id: id() });
        const out = str(values.out);
        if (!r.sha256 || !out) throw new AppError('VALIDATION', 'Dùng: vanphong outgoing file ID --out OUT.pdf (văn bản đã phát hành).');
        // Through the office server the file is streamed to disk, never held whole in memory.
        if (app instanceof RemoteApp) await app.download(r.sha256, out);
        else fs.writeFileSync(out, await call(app, 'attachments.content', { sha256: r.sha256 }));
        return show({ out: path.resolve(out) }, `Đã ghi ${path.resolve(out)}`);
      }
      case 'list': {
        const rows = await call(app, 'outgoing.list', { year: int(values.year, 'Năm'), book: str(values.book) });
        if (values.json) return printJson(rows);
        for (const r of rows) console.log(outgoingLine(r));
        return console.log(`Tổng: ${rows.length} số`);
      }
      case 'show': {
        const w = await call(app, 'outgoing.workflow', { id: id() });
        if (values.json) return printJson(w);
        console.log(`Dự thảo ${w.draftId}: ${DRAFT_STATUS_LABELS[w.status]}, phiên bản ${w.version}${w.outgoing ? `, số ${w.outgoing.ref}` : ''}`);
        for (const s of w.steps) console.log(`  ${formatDateTimeVN(s.at)}  ${s.userName}: ${s.action}${s.toUserName ? ` → ${s.toUserName}` : ''}${s.comment ? ` — ${s.comment}` : ''}`);
        return;
      }
      default:
        throw new AppError('VALIDATION', `Lệnh «outgoing ${sub ?? ''}» không có. Dùng: submit, return, approve, sign, issue, reserve, skip, cancel, send, file, list, show.`);
    }
  });
}

function failUsage(): never {
  throw new AppError('VALIDATION', 'Thiếu mã văn bản: vanphong outgoing LỆNH ID … (gõ «vanphong help»).');
}

export async function recipientsCommand(argv: string[]): Promise<void> {
  const [sub, ...rest] = argv;
  const { values, positionals } = parse(rest, { entry: { type: 'string', multiple: true }, expand: { type: 'boolean', default: false } });
  if (sub === 'save-list') {
    const name = positionals[0];
    const entries = (values.entry as string[] | undefined) ?? [];
    if (!name) throw new AppError('VALIDATION', 'Dùng: vanphong recipients save-list "TÊN DANH SÁCH" --entry "CƠ QUAN HOẶC NHÓM (mục đích)"… [--expand]');
    await withApp(values, async (app) => {
      const [orgs, groups] = [await call(app, 'organizations.list', { limit: 500 }), await call(app, 'recipients.groups', {})];
      const fold = (t: string) => t.normalize('NFC').toLowerCase().trim();
      const list = await call(app, 'recipients.saveList', {
        id: (await call(app, 'recipients.lists', {})).find((l) => fold(l.name) === fold(name))?.id,
        name,
        entries: entries.map((e) => {
          // "Tỉnh ủy Bắc Ninh (để báo cáo)": a directory name, then the purpose in brackets.
          const m = /^(.*?)\s*(?:\(([^()]+)\))?\s*$/.exec(e)!;
          const [label, purpose] = [m[1], m[2]];
          const g = groups.find((x) => fold(x.name) === fold(label));
          if (g) return { kind: 'group' as const, id: g.id, purpose, expand: values.expand === true };
          const o = orgs.find((x) => fold(x.name) === fold(label));
          return o ? { kind: 'organization' as const, id: o.id, purpose } : { kind: 'text' as const, text: label, purpose };
        }),
      });
      if (values.json) printJson(list);
      else console.log(`Đã lưu danh sách «${list.name}»: ${list.entries.length} nơi nhận.`);
    });
    return;
  }
  if (sub === 'import') {
    const file = positionals[0];
    if (!file) throw new AppError('VALIDATION', 'Dùng: vanphong recipients import FILE.csv|FILE.xlsx --user TÊN');
    const data = new Uint8Array(fs.readFileSync(requireFile(file)));
    await withApp(values, async (app) => {
      const r = await call(app, 'recipients.import', { fileName: path.basename(file), data });
      if (values.json) return printJson(r);
      console.log(`Đã nhập danh bạ: thêm ${r.added}, cập nhật ${r.updated}, ${r.groups} nhóm.`);
      for (const i of r.issues) console.log(`  Dòng ${i.line}${i.field ? ` [${i.field}]` : ''}: ${i.message}`);
    });
    return;
  }
  if (sub === 'list') {
    await withApp(values, async (app) => {
      const [orgs, groups, lists] = [await call(app, 'organizations.list', { limit: 500 }), await call(app, 'recipients.groups', {}), await call(app, 'recipients.lists', {})];
      if (values.json) return printJson({ organizations: orgs, groups, lists });
      for (const o of orgs) console.log(`${String(o.id).padStart(5)}  ${o.name}${o.organId ? `  (${o.organId})` : ''}`);
      for (const g of groups) console.log(`Nhóm «${g.name}»: ${g.members.length} cơ quan`);
      for (const l of lists) console.log(`Danh sách «${l.name}»: ${l.entries.length} nơi nhận`);
    });
    return;
  }
  throw new AppError('VALIDATION', `Lệnh «recipients ${sub ?? ''}» không có. Dùng: import, list, save-list.`);
}

/** `vanphong audit verify` exits 3 when the chain is broken; `audit list` prints the latest entries. */
export async function auditCommand(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  const { values } = parse(rest, { limit: { type: 'string' }, entity: { type: 'string' }, id: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' } });
  if (sub === 'verify') {
    return withApp(values, async (app) => {
      const r = await call(app, 'audit.verify', {});
      if (values.json) printJson(r);
      else console.log(`${r.ok ? 'Toàn vẹn' : 'PHÁT HIỆN SỬA ĐỔI'}: ${r.message} (${r.ms} ms)`);
      return r.ok ? 0 : 3;
    });
  }
  if (sub === 'list') {
    return withApp(values, async (app) => {
      const rows = await call(app, 'audit.list', { limit: int(values.limit, 'Giới hạn') ?? 50, entity: str(values.entity), entityId: int(values.id, 'Mã'), from: str(values.from), to: str(values.to) });
      if (values.json) printJson(rows);
      // As the Nhật ký screen reads it: the person's name, Vietnam time, the action and each detail in words.
      else for (const e of rows) console.log(`${String(e.seq).padStart(7)}  ${e.when}  ${e.fullName}: ${e.actionLabel} — ${e.object}${e.details.length ? ` (${e.details.map((d) => `${d.label}: ${d.value}`).join('; ')})` : ''}`);
      return 0;
    });
  }
  if (sub === 'head') {
    return withApp(values, async (app) => {
      const h = await call(app, 'audit.head', {});
      if (values.json) printJson(h);
      else console.log(h.hash ? `Bản ghi cuối: số ${h.seq}, mã băm ${h.hash}` : 'Nhật ký chưa có bản ghi nào.');
      return 0;
    });
  }
  throw new AppError('VALIDATION', `Lệnh «audit ${sub ?? ''}» không có. Dùng: verify, list, head.`);
}
