import { AppError } from '../../../shared/api/result';
import type { UnitInfo } from '../../../shared/units/schemas';
import { int, parse, str } from './args';
import { printJson } from './output';
import { call, withApp } from './session';

/** The office's units (phòng, ban) and who reads secret documents, from the command line. */

const many = (v: unknown): string[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]).flatMap((x) => String(x).split(/[;,]/)).map((s) => s.trim()).filter(Boolean);

function unitLines(u: UnitInfo): string {
  const head = u.head ? `trưởng: ${u.head.fullName} (${u.head.username})` : 'chưa có trưởng đơn vị';
  const members = u.members.length ? u.members.map((m) => m.username).join(', ') : 'chưa có thành viên';
  return `${String(u.id).padStart(4)}  ${u.name} — ${head}; thành viên: ${members}`;
}

const yesNo = (v: unknown, label: string): boolean | undefined => {
  if (v === undefined) return undefined;
  if (v === 'yes' || v === 'co' || v === 'có') return true;
  if (v === 'no' || v === 'khong' || v === 'không') return false;
  throw new AppError('VALIDATION', `${label} phải là yes hoặc no.`);
};

export async function unitsCommand(argv: string[]): Promise<void> {
  const [sub, ...rest] = argv;
  if (sub === 'add' || sub === 'set') {
    const { values, positionals } = parse(rest, { head: { type: 'string' }, member: { type: 'string', multiple: true }, name: { type: 'string' } });
    const usage = sub === 'add' ? 'Dùng: vanphong units add "TÊN ĐƠN VỊ" [--head TÀI_KHOẢN] [--member TÀI_KHOẢN]...' : 'Dùng: vanphong units set MÃ [--name "TÊN"] [--head TÀI_KHOẢN] [--member TÀI_KHOẢN]...';
    if (!positionals[0]) throw new AppError('VALIDATION', usage);
    await withApp(values, async (app) => {
      let input: { id?: number; name: string; head?: string; members: string[] };
      if (sub === 'add') input = { name: positionals[0], head: str(values.head), members: many(values.member) };
      else {
        const id = int(positionals[0], 'Mã đơn vị') as number;
        const old = (await call(app, 'units.list', {})).find((u) => u.id === id);
        if (!old) throw new AppError('NOT_FOUND', `Không có đơn vị mã ${id}.`, { field: 'id' });
        input = {
          id,
          name: str(values.name) ?? old.name,
          head: values.head !== undefined ? str(values.head) : old.head?.username,
          members: values.member !== undefined ? many(values.member) : old.members.map((m) => m.username),
        };
      }
      const u = await call(app, 'units.save', input);
      if (values.json) printJson(u);
      else console.log(`${sub === 'add' ? 'Đã thêm' : 'Đã sửa'} đơn vị «${u.name}» (mã ${u.id}): ${u.members.length} thành viên${u.head ? `, trưởng đơn vị ${u.head.fullName}` : ''}.`);
    });
    return;
  }
  if (sub === 'list') {
    const { values } = parse(rest, {});
    await withApp(values, async (app) => {
      const units = await call(app, 'units.list', {});
      if (values.json) printJson(units);
      else if (units.length === 0) console.log('Chưa có đơn vị nào. Thêm bằng «vanphong units add "TÊN ĐƠN VỊ" --head TÀI_KHOẢN --member TÀI_KHOẢN».');
      else for (const u of units) console.log(unitLines(u));
    });
    return;
  }
  if (sub === 'remove') {
    const { values, positionals } = parse(rest, {});
    if (!positionals[0]) throw new AppError('VALIDATION', 'Dùng: vanphong units remove MÃ');
    const id = int(positionals[0], 'Mã đơn vị') as number;
    await withApp(values, async (app) => {
      const r = await call(app, 'units.remove', { id });
      if (values.json) printJson({ id, ...r });
      else console.log(`Đã xóa đơn vị mã ${id}; văn bản và công việc đã giao cho đơn vị vẫn giữ tên của nó.`);
    });
    return;
  }
  if (sub === 'secrecy') {
    const { values } = parse(rest, { 'secret-clerk': { type: 'string', multiple: true }, 'office-head': { type: 'string', multiple: true }, 'offline-machine': { type: 'string' } });
    await withApp(values, async (app) => {
      let s = await call(app, 'units.secrecy', {});
      const change = values['secret-clerk'] !== undefined || values['office-head'] !== undefined || values['offline-machine'] !== undefined;
      if (change) {
        s = await call(app, 'units.saveSecrecy', {
          secretClerks: values['secret-clerk'] !== undefined ? many(values['secret-clerk']) : s.secretClerks.map((p) => p.username),
          officeHeads: values['office-head'] !== undefined ? many(values['office-head']) : s.officeHeads.map((p) => p.username),
          offlineMachine: yesNo(values['offline-machine'], '--offline-machine') ?? s.offlineMachine,
        });
      }
      if (values.json) return printJson(s);
      const names = (ps: { fullName: string; username: string }[], none: string) => (ps.length ? ps.map((p) => `${p.fullName} (${p.username})`).join(', ') : none);
      console.log(`Văn thư giữ sổ mật: ${names(s.secretClerks, 'chưa chọn — mọi văn thư')}`);
      console.log(`Thủ trưởng cơ quan: ${names(s.officeHeads, 'chưa chọn — mọi lãnh đạo')}`);
      console.log(`Máy không nối mạng (được lưu tệp văn bản mật): ${s.offlineMachine ? 'có' : 'không'}`);
    });
    return;
  }
  throw new AppError('VALIDATION', `Lệnh «units ${sub ?? ''}» không có. Dùng: add, set, list, remove, secrecy.`);
}
