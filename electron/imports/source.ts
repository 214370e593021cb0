import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/api/result';
import { refKey } from '../../shared/imports/fields';
import type { ImportSource } from '../../shared/imports/schemas';
import type { AppContext } from '../app/context';
import { runUntrusted } from '../parsing/untrusted';
import type { ReadRegisterInput, ReadRegisterOutput } from './read-register';
import type { UnzipInput } from './unzip';

/**
 * Where an old register comes from, made into files of this computer: the register (.xlsx or .csv) and, for a folder
 * or a .zip, the folder its scans are in. A .zip is unpacked by the parse worker (unzip.ts) into the data directory's
 * `imports/` folder; an uploaded file is written there first. The scans are only listed here (names and sizes); their
 * bytes are read one at a time when their row is imported.
 */
export interface OpenedSource {
  /** The name shown: the file or folder given. */
  display: string;
  /** The register's file name as the văn thư knows it (an upload's own name, not the copy's). */
  registerName: string;
  register: string;
  registerKind: 'xlsx' | 'csv';
  /** SHA-256 of what was given (the register file, or the .zip): the run's key with the book and mapping. */
  hash: string;
  scanRoot: string | null;
  /** Where this source's work files go (the rows read, a .zip unpacked). */
  workDir: string;
}

/** What an archive may hold: 20,000 entries, 4 GiB in all, 256 MiB each (a scan is far smaller). */
export const ZIP_LIMITS = { maxEntries: 20_000, maxTotalBytes: 4 * 1024 ** 3, maxEntryBytes: 256 * 1024 ** 2 };

const REGISTER_EXT = new Set(['.xlsx', '.csv', '.txt']);
export const SCAN_EXT = new Set(['.pdf', '.docx', '.jpg', '.jpeg', '.png', '.tif', '.tiff']);

/** Work folders untouched for a week (a preview never run, a run given up) are removed. */
const STALE_MS = 7 * 86_400_000;

export function importsDir(app: AppContext): string {
  const dir = path.join(app.dataDir, 'imports');
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const now = Date.now();
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (now - fs.statSync(p).mtimeMs > STALE_MS) fs.rmSync(p, { recursive: true, force: true });
  }
  return dir;
}

async function hashFile(file: string): Promise<string> {
  const h = crypto.createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) h.update(chunk as Buffer);
  return h.digest('hex');
}

const kindOf = (file: string): 'xlsx' | 'csv' | 'zip' | null => {
  const ext = path.extname(file).toLowerCase();
  return ext === '.xlsx' ? 'xlsx' : ext === '.csv' || ext === '.txt' ? 'csv' : ext === '.zip' ? 'zip' : null;
};

/** The register inside a folder: the .xlsx/.csv nearest the top; two at the same depth are asked about, not guessed. */
function findRegister(root: string): string {
  let level = [root];
  for (let depth = 0; depth < 4 && level.length; depth++) {
    const found: string[] = [];
    const next: string[] = [];
    for (const dir of level) {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        if (e.name.startsWith('.') || e.name.startsWith('~$')) continue;
        const p = path.join(dir, e.name);
        if (e.isDirectory()) next.push(p);
        else if (e.isFile() && REGISTER_EXT.has(path.extname(e.name).toLowerCase())) found.push(p);
      }
    }
    if (found.length === 1) return found[0];
    if (found.length > 1) {
      const names = found.map((f) => `«${path.relative(root, f)}»`).join(', ');
      throw new AppError('VALIDATION', `Thư mục có nhiều tệp sổ (${names}): chỉ để lại một tệp sổ (.xlsx hoặc .csv) trong thư mục.`, { field: 'source' });
    }
    level = next.slice(0, 2000);
  }
  throw new AppError('VALIDATION', 'Không thấy tệp sổ (.xlsx hoặc .csv) trong thư mục.', { field: 'source' });
}

export async function openSource(app: AppContext, source: ImportSource, via: string | undefined): Promise<OpenedSource> {
  let given: string;
  let display: string;
  const uploaded = 'file' in source ? source.file.name : null;
  if ('file' in source) {
    const kind = kindOf(source.file.name);
    if (!kind) throw new AppError('VALIDATION', `«${source.file.name}» không phải tệp sổ: chọn tệp .xlsx, .csv hoặc .zip.`, { field: 'source' });
    const sha = crypto.createHash('sha256').update(source.file.data).digest('hex');
    // In the source's work folder, removed with it when its run is done.
    const dir = path.join(importsDir(app), sha.slice(0, 32));
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    given = path.join(dir, `upload.${kind === 'csv' ? 'csv' : kind}`);
    if (!fs.existsSync(given)) fs.writeFileSync(given, source.file.data, { mode: 0o600 });
    display = source.file.name;
  } else {
    // A path names a file of the computer the API runs on: the office server's files are not the caller's.
    if (via === 'office' || via === 'browser') {
      throw new AppError('VALIDATION', 'Qua trình duyệt, hãy tải tệp sổ lên (.xlsx, .csv, .zip); thư mục bản quét lớn: dùng ứng dụng trên máy hoặc lệnh «vanphong import».', { field: 'source' });
    }
    given = path.resolve(source.path);
    display = source.path;
    if (!fs.existsSync(given)) throw new AppError('NOT_FOUND', `Không có tệp hoặc thư mục «${source.path}».`, { field: 'source' });
  }
  const stat = fs.statSync(given);
  if (stat.isDirectory()) {
    const register = findRegister(given);
    const hash = await hashFile(register);
    return { display, register, registerName: path.basename(register), registerKind: kindOf(register) as 'xlsx' | 'csv', hash, scanRoot: given, workDir: path.join(importsDir(app), hash.slice(0, 32)) };
  }
  const kind = kindOf(given);
  if (!kind) throw new AppError('VALIDATION', `«${display}» không phải tệp sổ: chọn tệp .xlsx, .csv, .zip hoặc một thư mục.`, { field: 'source' });
  const hash = await hashFile(given);
  const workDir = path.join(importsDir(app), hash.slice(0, 32));
  if (kind !== 'zip') return { display, register: given, registerName: uploaded ?? path.basename(given), registerKind: kind, hash, scanRoot: null, workDir };
  const unpacked = path.join(workDir, 'zip');
  const marker = path.join(workDir, 'zip.done');
  if (!fs.existsSync(marker)) {
    fs.rmSync(unpacked, { recursive: true, force: true });
    const r = await runUntrusted<{ files: number }>('imports.unzip', { path: given, outDir: unpacked, ...ZIP_LIMITS } satisfies UnzipInput, {
      lane: 'interactive',
      limits: { timeMs: 10 * 60_000 },
    });
    if (!r.ok) {
      fs.rmSync(unpacked, { recursive: true, force: true });
      throw r.limit === null && r.error instanceof AppError ? r.error : new AppError('FILE_INVALID', `Tệp ZIP bị từ chối: ${r.detail ?? r.reason}. Không nhập gì từ tệp này.`, { field: 'source' });
    }
    fs.writeFileSync(marker, '');
  }
  const register = findRegister(unpacked);
  return { display, register, registerName: path.basename(register), registerKind: kindOf(register) as 'xlsx' | 'csv', hash, scanRoot: unpacked, workDir };
}

/** Reads the register in the parse worker: the preview, and every row into `out` when given. */
export async function readRegisterRows(src: OpenedSource, opts: { out?: string; previewRows: number }): Promise<ReadRegisterOutput> {
  const r = await runUntrusted<ReadRegisterOutput>(
    'imports.read',
    { path: src.register, kind: src.registerKind, out: opts.out, previewRows: opts.previewRows } satisfies ReadRegisterInput,
    { lane: 'interactive', limits: { timeMs: opts.out ? 10 * 60_000 : 60_000 } },
  );
  if (r.ok) return r.value;
  if (r.limit === null && r.error instanceof AppError) throw r.error;
  throw new AppError('FILE_INVALID', `Không đọc được sổ «${path.basename(src.register)}»: ${r.detail ?? r.reason}.`, { field: 'source' });
}

/**
 * The scans beside a register, by what their names say: a number (`125.pdf`, `SD-125.pdf`, `125 - phụ lục.pdf`), a year
 * and a number (`2019-125.pdf`, or `125.pdf` in a folder named `2019`), a số ký hiệu (`12-STC-NV.pdf`), or the exact
 * name a "Tệp" column gives. Names and paths only: some hundred bytes a file.
 */
export class ScanIndex {
  private byNumber = new Map<string, string[]>();
  private byRef = new Map<string, string[]>();
  private byName = new Map<string, string>();
  count = 0;

  constructor(root: string | null, exclude: string, maxBytes: number) {
    if (!root) return;
    const stack = [root];
    while (stack.length) {
      const dir = stack.pop()!;
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        if (e.name.startsWith('.')) continue;
        const p = path.join(dir, e.name);
        if (e.isDirectory()) stack.push(p);
        else if (e.isFile() && p !== exclude && SCAN_EXT.has(path.extname(e.name).toLowerCase()) && fs.statSync(p).size <= maxBytes) this.add(root, p);
      }
    }
  }

  private push(map: Map<string, string[]>, key: string, file: string) {
    const list = map.get(key);
    if (list) list.push(file);
    else map.set(key, [file]);
  }

  private add(root: string, file: string) {
    this.count++;
    const name = path.basename(file);
    this.byName.set(name.normalize('NFC').toLowerCase(), file);
    const base = name.slice(0, name.length - path.extname(name).length).normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase().trim();
    const dirYear = path.relative(root, path.dirname(file)).split(path.sep).reverse().find((d) => /^(19|20)\d{2}$/.test(d)) ?? '';
    const withYear = /^((?:19|20)\d{2})[\s_.-]+(?:sd|so den|so)?[\s_.-]*(\d{1,6})(?:[\s_.-].*)?$/.exec(base);
    const plain = /^(?:sd|so den|so|den)?[\s_.-]*(\d{1,6})(?:[\s_.(-].*)?$/.exec(base);
    if (withYear) this.push(this.byNumber, `${withYear[1]}:${Number(withYear[2])}`, file);
    else if (plain) this.push(this.byNumber, `${dirYear}:${Number(plain[1])}`, file);
    if (/[a-z]/.test(base)) this.push(this.byRef, refKey(base), file);
  }

  /** The scans of one row, each once, in a stable order. */
  find(year: number, n: number, ref: string, named: string): string[] {
    const out = new Set<string>();
    for (const part of named.split(/[;,\n]/).map((s) => s.trim()).filter(Boolean)) {
      const f = this.byName.get(path.basename(part).normalize('NFC').toLowerCase());
      if (f) out.add(f);
    }
    for (const f of this.byNumber.get(`${year}:${n}`) ?? []) out.add(f);
    for (const f of this.byNumber.get(`:${n}`) ?? []) out.add(f);
    const key = refKey(ref);
    if (key.length >= 3) for (const f of this.byRef.get(key) ?? []) out.add(f);
    return [...out].sort();
  }
}
