import { spawnSync } from 'node:child_process';

/**
 * Whether an external command is installed: it can be started (a missing program makes the spawn itself fail with
 * ENOENT). Its exit status does not count, since some tools exit non-zero for their version or help flags
 * (`certutil -H`). Tests skip the checks that need a tool when this is false, and say so.
 */
export function has(cmd: string, args: string[] = []): boolean {
  return !spawnSync(cmd, args, { stdio: 'ignore' }).error;
}

/** The first of the commands that is installed (e.g. `soffice` or `libreoffice`), or undefined. */
export function firstInstalled(cmds: string[], args: string[] = []): string | undefined {
  return cmds.find((c) => has(c, args));
}
