import { parseArgs, type ParseArgsConfig } from 'node:util';
import { AppError } from '../../../shared/api/result';

export type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * Options every command takes, before or after its command words as in git and npm:
 * `vanphong --data-dir D --json incoming list` is `vanphong incoming list --data-dir D --json`.
 * --user NAME logs in (the password from VANPHONG_PASSWORD, else typed at a prompt); commands that need no login ignore it.
 */
export const GLOBAL: Options = {
  'data-dir': { type: 'string' },
  json: { type: 'boolean', default: false },
  user: { type: 'string' },
  server: { type: 'string' },
  ca: { type: 'string' },
  fingerprint: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
};

export function parse(argv: string[], options: Options) {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: { ...GLOBAL, ...options }, allowPositionals: true, strict: true });
  } catch (e) {
    const msg = (e as Error).message;
    const unknown = /Unknown option '([^']+)'/.exec(msg);
    const needsValue = /Option '([^']+?)(?: <value>)?' argument missing/.exec(msg);
    const positional = /Unexpected argument '([^']+)'/.exec(msg);
    const text = unknown
      ? `không có tùy chọn «${unknown[1]}» (gõ «vanphong help» để xem các tùy chọn)`
      : needsValue
        ? `tùy chọn «${needsValue[1].split(',').pop()!.trim()}» cần một giá trị`
        : positional
          ? `thừa tham số «${positional[1]}»`
          : 'sai cú pháp lệnh (gõ «vanphong help»)';
    throw new AppError('VALIDATION', `Tham số không hợp lệ: ${text}.`);
  }
  return parsed;
}

/**
 * Splits off the global options written before the command words and puts them after the command's own arguments
 * (before a `--`, if any), where the command's parser reads them. `help`: a leading --help or -h.
 */
export function splitCommand(argv: string[]): { command: string | undefined; args: string[]; help: boolean } {
  let i = 0;
  while (i < argv.length && argv[i].startsWith('-') && argv[i] !== '-' && argv[i] !== '--') {
    const name = argv[i].startsWith('--') ? argv[i].slice(2) : '';
    i += !name.includes('=') && GLOBAL[name]?.type === 'string' ? 2 : 1;
  }
  const leading = argv.slice(0, i);
  const { values } = parse(leading, {});
  const [command, ...rest] = argv.slice(leading.length);
  const end = rest.includes('--') ? rest.indexOf('--') : rest.length;
  return { command, args: [...rest.slice(0, end), ...leading, ...rest.slice(end)], help: values.help === true };
}

export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

export function int(v: unknown, label: string): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n)) throw new AppError('VALIDATION', `${label} phải là số nguyên (nhận «${String(v)}»).`);
  return n;
}
