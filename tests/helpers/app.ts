import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openApp, type AppContext, type AppOptions } from '../../electron/app/context';
import { dispatch } from '../../electron/api/dispatch';
import type { MethodInput, MethodName, MethodOutput } from '../../shared/api/contract';
import type { ApiError, Result } from '../../shared/api/result';

export function tempDir(prefix = 'vanphong-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A fixed clock: 10:00 on 15 March 2026 in Vietnam (03:00 UTC). */
export const FIXED_NOW = new Date('2026-03-15T03:00:00.000Z');

export function fixedClock(at: Date = FIXED_NOW): { clock: () => Date; set(d: Date): void } {
  let now = at;
  return { clock: () => now, set: (d) => (now = d) };
}

export async function tempApp(opts: Partial<AppOptions> = {}): Promise<AppContext & { cleanup(): Promise<void> }> {
  const dataDir = opts.dataDir ?? tempDir();
  const app = await openApp({ clock: () => FIXED_NOW, ...opts, dataDir });
  return Object.assign(app, {
    async cleanup() {
      await app.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  });
}

/** Calls a method through the dispatcher, as every host does; throws if it failed. */
export async function call<K extends MethodName>(app: AppContext, name: K, input: MethodInput<K>): Promise<MethodOutput<K>> {
  const r = (await dispatch(app, name, input)) as Result<MethodOutput<K>>;
  if (!r.ok) throw new Error(`${name} failed: ${r.error.code} ${r.error.message}`);
  return r.value;
}

/** Calls a method that must fail; returns the error. */
export async function callErr<K extends MethodName>(app: AppContext, name: K, input: unknown): Promise<ApiError> {
  const r = await dispatch(app, name, input);
  if (r.ok) throw new Error(`${name} unexpectedly succeeded: ${JSON.stringify(r.value).slice(0, 200)}`);
  return r.error;
}

export const sampleIncoming = (over: Partial<MethodInput<'incoming.register'>> = {}): MethodInput<'incoming.register'> => ({
  sender: 'Ủy ban nhân dân tỉnh Bắc Ninh',
  ref: '70/KH-UBND',
  docDate: '2026-03-10',
  docType: 'Kế hoạch',
  subject: 'Kế hoạch tổ chức Đại hội Đảng ủy khối cơ quan nhiệm kỳ 2025–2030',
  ...over,
});

export function rowsCount(app: AppContext, table: string): number {
  return app.db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get() as number;
}
