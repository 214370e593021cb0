import './check-node.mjs';
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// `npm start`: Electron where its binary exists; otherwise one line of explanation and the browser mode.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const args = process.argv.slice(2);

function electronBinary() {
  try {
    const p = require('electron');
    return typeof p === 'string' && fs.existsSync(p) ? p : null;
  } catch {
    return null;
  }
}

const bin = electronBinary();
const run = (cmd, argv) => {
  const child = spawn(cmd, argv, { stdio: 'inherit', cwd: root });
  child.on('exit', (code) => process.exit(code ?? 0));
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
};

if (bin) {
  run(bin, [path.join(root, 'dist', 'electron', 'main.cjs'), ...args]);
} else {
  console.log(
    'Không có Electron trên máy này (tệp chạy của Electron không tải được khi cài) — mở chế độ trình duyệt; ' +
      'nơi có mạng, chạy "npm run electron:fetch" để có bản desktop.',
  );
  run(process.execPath, [path.join(root, 'bin', 'vanphong.cjs'), 'serve', ...args]);
}
