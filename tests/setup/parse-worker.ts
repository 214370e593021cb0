import { parseWorkerFile } from '../../electron/parsing/worker-file';

/**
 * Vitest's global setup: the parse worker bundled from the sources once for the whole run (esbuild, electron/parsing/
 * worker-file.ts) instead of once in every test file's process; the forks inherit VANPHONG_PARSE_WORKER.
 */
export default async function setup(): Promise<void> {
  if (process.env.VANPHONG_PARSE_WORKER) return;
  const file = await parseWorkerFile();
  if (file) process.env.VANPHONG_PARSE_WORKER = file;
}
