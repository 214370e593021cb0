import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

/** `vanphong server` as a separate process on a data folder, as an office runs it (tests and the benchmark). */
export interface ServerProcess {
  child: ChildProcess;
  url: string;
  /** SHA-256 of the server certificate, as printed. */
  fingerprint: string;
  /** The office CA file it printed (its own certificate). */
  ca: string;
  out: () => string;
}

export function startServerProcess(root: string, dataDir: string, opts: { listen?: string; nodeArgs?: string[] } = {}): Promise<ServerProcess> {
  const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), path.join(root, 'bin', 'vanphong.cjs'), 'server', '--listen', opts.listen ?? '127.0.0.1:0', '--data-dir', dataDir], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 30_000);
    const check = () => {
      const url = /URL: (https:\/\/127\.0\.0\.1:\d+\/)/.exec(out)?.[1];
      const fingerprint = /SHA-256[^:]*: ((?:[0-9A-F]{2}:){31}[0-9A-F]{2})/.exec(out)?.[1];
      const ca = /CA nội bộ[^\n]*: (\S+ca\.pem)/.exec(out)?.[1];
      // The last line it prints at start: everything before it (a recovery, a missing first account) is in `out`.
      if (url && fingerprint && ca && out.includes('Dừng: Ctrl+C')) {
        clearTimeout(t);
        child.stdout!.off('data', check);
        resolve({ child, url, fingerprint, ca, out: () => out });
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => reject(new Error(`server exited ${code}: ${out}`)));
  });
}
