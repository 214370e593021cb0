import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openApp } from '../open-app';
import { resolveDataDir } from '../../app/data-dir';
import { startHttpHost } from '../http/server';
import { openBrowser } from './open-browser';
import { int, parse, str } from './args';

/** `vanphong serve`: the browser mode, until Ctrl+C. */
export async function serveCommand(argv: string[]): Promise<void> {
  const { values } = parse(argv, { port: { type: 'string' }, 'no-open': { type: 'boolean', default: false } });
  const app = await openApp({ dataDir: resolveDataDir(str(values['data-dir'])), backgroundIndexing: true });
  const here = path.dirname(fileURLToPath(import.meta.url));
  const staticRoot = path.resolve(here, '..', 'renderer');
  const host = await startHttpHost(app, { port: int(values.port, 'Cổng') ?? 0, staticRoot: fs.existsSync(staticRoot) ? staticRoot : undefined });
  // The address carries a one-time code, never the token: it is worthless once the page has used it (ps, history, logs).
  const launch = () => {
    const url = `${host.url}#code=${host.launchCode()}`;
    console.log(`URL: ${url}`);
    if (!values['no-open']) openBrowser(url);
  };
  console.log(`Văn phòng điện tử (chế độ trình duyệt) — dữ liệu: ${app.dataDir}`);
  launch();
  console.log('Nhấn Enter để mở thêm một cửa sổ (mỗi địa chỉ chỉ dùng được một lần, trong 10 phút); Ctrl+C để dừng.');
  process.stdin.on('data', launch);
  app.indexer.kick();
  // Scheduled backups (vanphong backup schedule) run in browser mode too, as in the desktop app and the office server.
  const stopBackups = (await import('../../backup/schedule')).startBackupScheduler(app);
  // Deadline reminders and the weekly digest (notifications/sweep.ts): at start, then every hour.
  const stopReminders = (await import('../../notifications/schedule')).startReminderScheduler(app);
  // The exchange (issue 18): a pass over the inbox and outbox every minute, once folders or SMTP are set.
  const stopExchange = (await import('../../exchange/runner')).startExchangeScheduler(app);
  const stop = async () => {
    stopBackups();
    stopReminders();
    stopExchange();
    await host.close();
    await app.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  await new Promise(() => undefined);
}
