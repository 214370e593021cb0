import fs from 'node:fs';
import { AppError } from '../../../shared/api/result';
import type { MethodInput } from '../../../shared/api/contract';
import type { OrganisationSettings, StampMeta } from '../../../shared/settings/schemas';
import { parse, str } from './args';
import { requireFile } from './files';
import { printJson } from './output';
import { call, withApp, type CliApp } from './session';

/** Cài đặt from the command line: the organisation's header, the office seal and the accounts' signature images. */

const PROFILE_NAMES = { state: 'Nhà nước (Nghị định 30/2020/NĐ-CP)', party: 'Đảng (Hướng dẫn 36-HD/VPTW)' } as const;

function organLines(o: OrganisationSettings): string[] {
  const line = (label: string, v: string) => `${label.padEnd(22)}${v || '(chưa nhập)'}`;
  return [
    o.configured ? 'Cơ quan:' : 'Cơ quan (chưa lưu — quản trị viên nhập bằng «vanphong settings organ --name …»):',
    line('  Tên cơ quan:', o.name.replace(/\n/g, ' / ')),
    line('  Cơ quan chủ quản:', o.parentOrgan.replace(/\n/g, ' / ')),
    line('  Viết tắt:', o.abbr),
    line('  Địa danh:', o.place),
    line('  Mã định danh:', o.organId),
    line('  Thể thức:', PROFILE_NAMES[o.profile]),
    line('  Người đứng đầu:', o.signers.head),
    line('  Cấp phó:', o.signers.deputy),
    line('  Tập thể (ký TM.):', o.signers.collective),
    line('  Con dấu:', o.seal ? `có ảnh, rộng ${o.seal.widthMm} mm` : 'chưa có ảnh — văn bản phát hành sẽ không có hình con dấu'),
  ];
}

const stampLine = (m: StampMeta) => `${m.widthPx}×${m.heightPx} px, rộng thật ${m.widthMm} mm`;

async function userIdOf(app: CliApp, username: string): Promise<number> {
  const found = (await call(app, 'settings.stamps', {})).accounts.find((a) => a.username.toLowerCase() === username.toLowerCase());
  if (!found) throw new AppError('NOT_FOUND', `Không có tài khoản «${username}».`, { field: 'userId' });
  return found.userId;
}

function widthOf(v: unknown): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(String(v).replace(',', '.'));
  if (!Number.isFinite(n)) throw new AppError('VALIDATION', '--width-mm phải là số (milimét).', { field: 'widthMm' });
  return n;
}

export async function settingsCommand(argv: string[]): Promise<void> {
  const [sub, ...rest] = argv;
  if (sub === 'organ') {
    const { values } = parse(rest, {
      name: { type: 'string' },
      parent: { type: 'string' },
      abbr: { type: 'string' },
      place: { type: 'string' },
      'organ-id': { type: 'string' },
      profile: { type: 'string' },
      head: { type: 'string' },
      deputy: { type: 'string' },
      collective: { type: 'string' },
    });
    await withApp(values, async (app) => {
      let o = await call(app, 'settings.organisation', {});
      const keys = ['name', 'parent', 'abbr', 'place', 'organ-id', 'profile', 'head', 'deputy', 'collective'] as const;
      if (keys.some((k) => values[k] !== undefined)) {
        const profile = str(values.profile) ?? o.profile;
        if (profile !== 'state' && profile !== 'party') throw new AppError('VALIDATION', '--profile phải là state (Nhà nước) hoặc party (Đảng).', { field: 'profile' });
        // A two-line organ name is written with "\n" or " / " on the command line.
        const lines = (v: unknown, old: string) => (v === undefined ? old : String(v).replace(/\s+\/\s+|\\n/g, '\n'));
        const input: MethodInput<'settings.saveOrganisation'> = {
          profile,
          name: lines(values.name, o.name),
          parentOrgan: lines(values.parent, o.parentOrgan),
          abbr: str(values.abbr) ?? o.abbr,
          place: str(values.place) ?? o.place,
          organId: str(values['organ-id']) ?? o.organId,
          signers: {
            head: str(values.head) ?? o.signers.head,
            deputy: str(values.deputy) ?? o.signers.deputy,
            collective: values.collective !== undefined ? String(values.collective) : o.signers.collective,
          },
        };
        o = await call(app, 'settings.saveOrganisation', input);
        if (!values.json) console.log('Đã lưu thông tin cơ quan.');
      }
      if (values.json) printJson(o);
      else for (const l of organLines(o)) console.log(l);
    });
    return;
  }
  if (sub === 'seal' || sub === 'signature') {
    const { values, positionals } = parse(rest, { png: { type: 'string' }, 'width-mm': { type: 'string' }, remove: { type: 'boolean', default: false } });
    const usage =
      sub === 'seal'
        ? 'Dùng: vanphong settings seal --png CON-DAU.png [--width-mm 36] | --remove'
        : 'Dùng: vanphong settings signature TÀI-KHOẢN --png CHU-KY.png [--width-mm 40] | --remove';
    if (sub === 'signature' && !positionals[0]) throw new AppError('VALIDATION', usage);
    await withApp(values, async (app) => {
      const userId = sub === 'signature' ? await userIdOf(app, positionals[0]) : undefined;
      const what = sub === 'seal' ? 'ảnh con dấu' : `ảnh chữ ký của «${positionals[0]}»`;
      if (values.remove) {
        const r = await call(app, 'settings.removeStamp', { userId });
        return values.json ? printJson(r) : console.log(`Đã xóa ${what}.`);
      }
      const file = str(values.png);
      if (!file) {
        const s = await call(app, 'settings.stamps', {});
        const meta = userId === undefined ? s.seal : (s.accounts.find((a) => a.userId === userId)?.signature ?? null);
        if (values.json) return printJson(meta);
        return console.log(meta ? `${what[0].toUpperCase()}${what.slice(1)}: ${stampLine(meta)}.` : `Chưa có ${what}. ${usage}`);
      }
      const png = new Uint8Array(fs.readFileSync(requireFile(file, 'ảnh PNG', 'png')));
      const meta = await call(app, 'settings.setStamp', { userId, png, widthMm: widthOf(values['width-mm']) });
      if (values.json) printJson(meta);
      else console.log(`Đã lưu ${what}: ${stampLine(meta)}.`);
    });
    return;
  }
  throw new AppError('VALIDATION', `Lệnh «settings ${sub ?? ''}» không có. Dùng: organ, seal, signature.`);
}
