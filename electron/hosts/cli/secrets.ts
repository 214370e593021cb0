import { AppError } from '../../../shared/api/result';
import { str } from './args';

/**
 * Passwords and PINs on the command line (issue 14): from standard input (`--…-stdin`), an environment variable, or a
 * hidden prompt. A secret given as an argument still works but warns: other accounts see a process's arguments (ps)
 * and the shell keeps them in its history.
 */

export async function readSecret(prompt: string): Promise<string> {
  if (!process.stdin.isTTY) throw new AppError('VALIDATION', 'Thiếu mật khẩu: đặt biến môi trường VANPHONG_PASSWORD (hoặc chạy lệnh trong cửa sổ dòng lệnh để được hỏi).', { field: 'password' });
  process.stderr.write(prompt);
  const stdin = process.stdin;
  stdin.setRawMode(true);
  stdin.resume();
  let text = '';
  return new Promise((resolve, reject) => {
    const onData = (b: Buffer) => {
      for (const ch of b.toString('utf8')) {
        if (ch === '\r' || ch === '\n') return done(null);
        if (ch === '\u0003') return done(new AppError('VALIDATION', 'Đã hủy.'));
        if (ch === '\u007f') text = text.slice(0, -1);
        else text += ch;
      }
    };
    const done = (e: Error | null) => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
      if (e) reject(e);
      else resolve(text);
    };
    stdin.on('data', onData);
  });
}

/** The whole of standard input (`--password-stdin`), without its final newline. */
export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

/**
 * A secret flag's value: `--NAME-stdin` reads standard input, else the environment variable, else `--NAME VALUE`
 * (with a warning on standard error); undefined when none is given.
 */
export async function secretFlag(values: Record<string, unknown>, name: string, env: string, what: string): Promise<string | undefined> {
  if (values[`${name}-stdin`]) return readStdin();
  const fromEnv = process.env[env];
  if (fromEnv !== undefined) return fromEnv;
  const given = str(values[name]);
  if (given !== undefined) {
    process.stderr.write(`Cảnh báo: ${what} ghi trong --${name} lộ với người khác trên máy (danh sách tiến trình, lịch sử lệnh); nên dùng --${name}-stdin hoặc biến ${env}.\n`);
  }
  return given;
}
