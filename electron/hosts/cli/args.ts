import { parseArgs, type ParseArgsConfig } from 'node:util';
import { AppError } from '../../../shared/api/result';

export type Options = NonNullable<ParseArgsConfig['options']>;

export const COMMON: Options = {
  'data-dir': { type: 'string' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
};

export function parse(argv: string[], options: Options) {
  try {
    return parseArgs({ args: argv, options: { ...COMMON, ...options }, allowPositionals: true, strict: true });
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
