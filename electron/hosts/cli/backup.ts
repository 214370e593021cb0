import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/api/result';
import { formatDateTimeVN } from '../../../shared/domain/dates';
import type { AppContext } from '../../app/context';
import { resolveDataDir } from '../../app/data-dir';
import { createBackup } from '../../backup/backup';
import { checkLine, fullCheck } from '../../backup/check';
import { damagedDatabaseError, damageLine } from '../../backup/damage';
import { encryptFolder } from '../../backup/encrypt';
import { restoreBackup, verifyBackup } from '../../backup/restore';
import { readSchedule, rotate, saveSchedule, storePassphrase } from '../../backup/schedule';
import { lastGoodBackupText, readBackupState, recordCheck } from '../../backup/state';
import { databaseState } from '../../db/cipher';
import { openApp } from '../open-app';
import { int, parse, str } from './args';
import { printJson } from './output';
import { readSecret, readStdin } from './secrets';

/*
 * `vanphong backup`, `restore`, `check`, `encrypt` (issue 14). They work on this computer's data folder only (main.ts:
 * LOCAL_ONLY) and log no one in: whoever can read the data folder and its key on this machine is its administrator.
 */

const PASS_ENV = 'VANPHONG_BACKUP_PASSPHRASE';
const PASS_OPTIONS = { 'passphrase-stdin': { type: 'boolean', default: false } } as const;

/** The backup passphrase: --passphrase-stdin, else VANPHONG_BACKUP_PASSPHRASE, else typed (twice for a new backup). Never an argument. */
async function passphrase(values: Record<string, unknown>, opts: { confirm: boolean }): Promise<string> {
  let p: string | undefined;
  if (values['passphrase-stdin']) p = await readStdin();
  else if (process.env[PASS_ENV] !== undefined) p = process.env[PASS_ENV];
  else {
    if (!process.stdin.isTTY) {
      throw new AppError('VALIDATION', `Thiếu mật khẩu bản sao lưu: dùng --passphrase-stdin hoặc biến ${PASS_ENV} (hoặc chạy trong cửa sổ dòng lệnh để được hỏi).`, { field: 'passphrase' });
    }
    p = await readSecret('Mật khẩu bản sao lưu: ');
    if (opts.confirm && (await readSecret('Nhập lại mật khẩu: ')) !== p) throw new AppError('VALIDATION', 'Hai lần nhập mật khẩu không giống nhau.', { field: 'passphrase' });
  }
  if (opts.confirm && (p ?? '').length < 8) throw new AppError('VALIDATION', 'Mật khẩu bản sao lưu cần ít nhất 8 ký tự.', { field: 'passphrase' });
  if (!p) throw new AppError('VALIDATION', 'Mật khẩu bản sao lưu trống.', { field: 'passphrase' });
  return p;
}

/** The data folder of --data-dir, which must already hold a database (these commands never make one). */
function existingDataDir(values: Record<string, unknown>): string {
  const dataDir = resolveDataDir(str(values['data-dir']));
  if (databaseState(path.join(dataDir, 'vanphong.sqlite')) === 'absent') {
    throw new AppError('NOT_FOUND', `Không có dữ liệu ở «${dataDir}» (thiếu vanphong.sqlite).`, { field: 'data-dir' });
  }
  return dataDir;
}

async function withLocalApp<T>(dataDir: string, fn: (app: AppContext) => Promise<T>): Promise<T> {
  const app = await openApp({ dataDir });
  try {
    return await fn(app);
  } finally {
    await app.close();
  }
}

const mb = (n: number) => `${(n / 1048576).toFixed(1)} MB`;

export async function backupCommand(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === 'verify') return verifyCommand(rest);
  if (sub === 'schedule') return scheduleCommand(rest);
  const { values, positionals } = parse(argv, { out: { type: 'string' }, ...PASS_OPTIONS });
  if (positionals.length) throw new AppError('VALIDATION', `Lệnh «backup ${positionals[0]}» không có. Dùng: backup --out TỆP, backup verify TỆP, backup schedule.`);
  const out = str(values.out);
  if (!out) throw new AppError('VALIDATION', 'Thiếu --out TỆP (nơi ghi bản sao lưu, nên ở ổ đĩa khác hoặc máy khác).', { field: 'out' });
  const dataDir = existingDataDir(values);
  const pass = await passphrase(values, { confirm: true });
  const r = await withLocalApp(dataDir, (app) => createBackup(app, out, pass));
  if (values.json) printJson(r);
  else {
    console.log(`Đã sao lưu vào «${r.file}» (${mb(r.bytes)}): ${r.documents} văn bản, ${r.files} tệp đính kèm, lúc ${formatDateTimeVN(r.at)}.`);
    console.log(r.auditHead.hash ? `Điểm cuối nhật ký: số ${r.auditHead.seq}, mã băm ${r.auditHead.hash}` : 'Nhật ký chưa có bản ghi nào.');
    if (r.missing.length) console.log(`Cảnh báo: ${r.missing.length} tệp đính kèm đã mất khỏi kho trước lần sao lưu này (chạy «vanphong check»).`);
  }
  return 0;
}

async function verifyCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, PASS_OPTIONS);
  const file = positionals[0];
  if (!file) throw new AppError('VALIDATION', 'Thiếu tệp sao lưu: vanphong backup verify TỆP.', { field: 'file' });
  const r = await verifyBackup(file, await passphrase(values, { confirm: false }));
  if (values.json) printJson({ ok: r.ok, line: r.line, createdAt: r.manifest.createdAt, documents: r.manifest.documents, files: r.manifest.files.length, auditHead: r.manifest.auditHead });
  else console.log(`${r.ok ? 'Bản sao lưu dùng được' : 'BẢN SAO LƯU HỎNG'} («${path.resolve(file)}», lúc ${formatDateTimeVN(r.manifest.createdAt)}, ${r.manifest.documents} văn bản): ${r.line}.`);
  return r.ok ? 0 : 3;
}

export async function restoreCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, { ...PASS_OPTIONS, replace: { type: 'boolean', default: false } });
  const file = positionals[0];
  if (!file) throw new AppError('VALIDATION', 'Thiếu tệp sao lưu: vanphong restore TỆP --data-dir THƯ-MỤC-MỚI.', { field: 'file' });
  const target = str(values['data-dir']);
  if (!target) throw new AppError('VALIDATION', 'Thiếu --data-dir THƯ-MỤC-MỚI (nơi khôi phục: một thư mục mới, trống).', { field: 'data-dir' });
  const r = await restoreBackup(file, target, await passphrase(values, { confirm: false }), { replace: values.replace === true });
  process.stderr.write(`${r.notice}\n`);
  if (values.json) printJson({ dataDir: r.dataDir, previous: r.previous, createdAt: r.manifest.createdAt, documents: r.manifest.documents, files: r.manifest.files.length, auditHead: r.manifest.auditHead });
  else {
    console.log(`Đã khôi phục bản sao lưu lúc ${formatDateTimeVN(r.manifest.createdAt)} vào «${r.dataDir}»: ${r.manifest.documents} văn bản, ${r.manifest.files.length} tệp đính kèm.`);
    if (r.previous) console.log(`Thư mục cũ được giữ lại ở «${r.previous}».`);
  }
  return 0;
}

/** `vanphong check`: integrity_check, the audit chain and the stored files, in one line; exit 3 when something is wrong. */
export async function checkCommand(argv: string[]): Promise<number> {
  const { values } = parse(argv, { files: { type: 'boolean', default: false } });
  const dataDir = existingDataDir(values);
  const at = new Date().toISOString();
  const hashFiles = values.files === true;
  const damaged = (e: unknown): number => {
    const d = e instanceof AppError && (e.details as { damaged?: boolean } | undefined)?.damaged ? e : damagedDatabaseError(e, dataDir);
    if (!d) throw e;
    recordCheck(dataDir, { at, ok: false, kind: 'full', message: d.message });
    if (values.json) printJson({ ok: false, message: d.message });
    else console.log(d.message);
    return 3;
  };
  let app: AppContext;
  try {
    app = await openApp({ dataDir, startupCheck: false });
  } catch (e) {
    return damaged(e);
  }
  try {
    const c = fullCheck(app.db, app.blobs, { hashFiles });
    const findings = checkLine(c, { hashFiles });
    const message = c.ok ? `Kiểm tra «${dataDir}»: ${findings}; ${lastGoodBackupText(dataDir)}.` : damageLine(dataDir, findings);
    recordCheck(dataDir, { at, ok: c.ok, kind: 'full', message });
    if (values.json) printJson({ ...c, message });
    else console.log(message);
    return c.ok ? 0 : 3;
  } catch (e) {
    return damaged(e);
  } finally {
    await app.close().catch(() => undefined);
  }
}

export async function encryptCommand(argv: string[]): Promise<number> {
  const { values } = parse(argv, {});
  const dataDir = existingDataDir(values);
  const r = encryptFolder(dataDir);
  if (r.notice) process.stderr.write(`${r.notice}\n`);
  if (values.json) printJson({ converted: r.converted, backupFile: r.backupFile, sealedFiles: r.sealedFiles });
  else if (r.converted) {
    console.log(`Đã mã hóa thư mục dữ liệu «${dataDir}»: cơ sở dữ liệu và ${r.sealedFiles} tệp đính kèm.`);
    console.log(`Bản chụp cơ sở dữ liệu trước khi mã hóa (cũng đã mã hóa): «${r.backupFile}».`);
  } else console.log(`Thư mục dữ liệu «${dataDir}» đã được mã hóa${r.sealedFiles ? `; đã mã hóa nốt ${r.sealedFiles} tệp đính kèm` : ''}.`);
  return 0;
}

/** `vanphong backup schedule`: the scheduled backups' folder, period and rotation, and their passphrase on this machine. */
async function scheduleCommand(argv: string[]): Promise<number> {
  const { values } = parse(argv, {
    dir: { type: 'string' },
    'every-hours': { type: 'string' },
    'keep-daily': { type: 'string' },
    'keep-weekly': { type: 'string' },
    off: { type: 'boolean', default: false },
    ...PASS_OPTIONS,
  });
  const dataDir = existingDataDir(values);
  const given = values['passphrase-stdin'] || process.env[PASS_ENV] !== undefined;
  const pass = given ? await passphrase(values, { confirm: true }) : null;
  return withLocalApp(dataDir, async (app) => {
    const before = readSchedule(app);
    const dir = str(values.dir);
    const s = {
      ...before,
      enabled: values.off ? false : (dir ?? before.dir) !== null,
      dir: dir ? path.resolve(dir) : before.dir,
      everyHours: int(values['every-hours'], 'Số giờ') ?? before.everyHours,
      keepDaily: int(values['keep-daily'], 'Số bản theo ngày') ?? before.keepDaily,
      keepWeekly: int(values['keep-weekly'], 'Số bản theo tuần') ?? before.keepWeekly,
    };
    if (s.everyHours < 1 || s.keepDaily < 1 || s.keepWeekly < 0) throw new AppError('VALIDATION', 'Số giờ và số bản giữ lại phải là số dương.');
    if (s.dir && !fs.existsSync(s.dir)) fs.mkdirSync(s.dir, { recursive: true, mode: 0o700 });
    saveSchedule(app, s);
    if (pass) storePassphrase(dataDir, pass);
    if (s.dir && s.enabled) rotate(s.dir, s.keepDaily, s.keepWeekly);
    const last = readBackupState(dataDir).lastBackup;
    if (values.json) printJson(s);
    else {
      console.log(
        s.enabled
          ? `Sao lưu theo lịch: mỗi ${s.everyHours} giờ vào «${s.dir}», giữ ${s.keepDaily} bản theo ngày và ${s.keepWeekly} bản theo tuần (máy chủ và ứng dụng trên máy để bàn tự chạy).`
          : 'Sao lưu theo lịch: tắt.',
      );
      if (s.enabled && !pass) console.log(`Nhớ lưu mật khẩu bản sao lưu trên máy này: thêm --passphrase-stdin (hoặc đặt ${PASS_ENV} cho máy chủ).`);
      if (last) console.log(`Bản sao lưu gần nhất: «${last.file}», lúc ${formatDateTimeVN(last.at)}.`);
    }
    return 0;
  });
}
