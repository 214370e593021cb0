import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppError } from '../../../shared/api/result';
import { openApp } from '../open-app';
import { installOffload } from '../../app/off-thread';
import { resolveDataDir } from '../../app/data-dir';
import { countUsers } from '../../auth/repo';
import { runOfficeServer } from '../server/run-office';
import { givenIdentity, machineNames, ownIdentity, requiredNames } from '../server/tls-identity';
import { parse, str } from './args';
import { secretFlag } from './secrets';
import { SERVER_HELP } from './server-help';

/** `vanphong server --listen HOST:PORT`: the office server, until SIGTERM or Ctrl+C. */
export async function serverCommand(argv: string[]): Promise<number | void> {
  const { values } = parse(argv, {
    listen: { type: 'string' },
    cert: { type: 'string' },
    key: { type: 'string' },
    pfx: { type: 'string' },
    pass: { type: 'string' },
    'pass-stdin': { type: 'boolean', default: false },
  });
  if (values.help) {
    console.log(SERVER_HELP);
    return 0;
  }
  const listen = parseListen(str(values.listen) ?? '127.0.0.1:8443');
  const dataDir = resolveDataDir(str(values['data-dir']));
  const pfx = str(values.pfx);
  const identity = pfx || values.cert || values.key
    ? givenIdentity({ cert: str(values.cert), key: str(values.key), pfx, password: pfx ? await secretFlag(values, 'pass', 'VANPHONG_PFX_PASS', 'mật khẩu tệp PFX') : undefined })
    : ownIdentity(dataDir, machineNames(listen.host), requiredNames(listen.host));

  const app = await openApp({ dataDir, backgroundIndexing: true });
  // Scheduled backups (vanphong backup schedule): checked every few minutes while the server runs.
  const stopBackups = (await import('../../backup/schedule')).startBackupScheduler(app);
  // Deadline reminders and the weekly digest (notifications/sweep.ts): at start, then every hour.
  const stopReminders = (await import('../../notifications/schedule')).startReminderScheduler(app);
  // The exchange (issue 18): a pass over the inbox and outbox every minute, once folders or SMTP are set.
  const stopExchange = (await import('../../exchange/runner')).startExchangeScheduler(app);
  // PDF layout and signatures in worker threads, so that a leader signing does not hold up the other desks.
  const { startCpuPool, workerFile } = await import('../server/cpu-pool');
  const file = workerFile();
  const pool = file ? startCpuPool(file) : null;
  installOffload(pool?.offload ?? null);
  const { recoverAfterRestart } = await import('../../outgoing/pending-signing');
  // An issuance caught by a stop or a crash: its number is cancelled with the reason, never lost or given twice.
  const recovered = recoverAfterRestart(app);
  const here = path.dirname(fileURLToPath(import.meta.url));
  const staticRoot = path.resolve(here, '..', 'renderer');
  let server;
  try {
    server = await runOfficeServer(app, { host: listen.host, port: listen.port, identity, staticRoot: fs.existsSync(staticRoot) ? staticRoot : undefined });
  } catch (e) {
    await pool?.close();
    await app.close();
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new AppError('VALIDATION', `Cổng ${listen.port} trên ${listen.host} đang có chương trình khác dùng: chọn cổng khác trong --listen.`, { field: 'listen' });
    if (code === 'EADDRNOTAVAIL') throw new AppError('VALIDATION', `Máy này không có địa chỉ ${listen.host}: dùng địa chỉ của máy (hoặc 0.0.0.0 cho mọi địa chỉ).`, { field: 'listen' });
    if (code === 'EACCES') throw new AppError('VALIDATION', `Không được mở cổng ${listen.port} (cổng dưới 1024 cần quyền quản trị): chọn cổng khác.`, { field: 'listen' });
    throw e;
  }
  app.indexer.kick();

  console.log(`Văn phòng điện tử — máy chủ cơ quan — dữ liệu: ${app.dataDir}`);
  console.log(`URL: ${server.url}`);
  console.log(`Dấu vân tay SHA-256 của chứng thư máy chủ: ${server.fingerprint}`);
  if (identity.caFile) console.log(`Chứng thư CA nội bộ (máy khách tin máy chủ bằng --ca tệp này, hoặc so dấu vân tay): ${identity.caFile}`);
  if (countUsers(app.db) === 0) {
    console.log(`Chưa có tài khoản nào. Tạo tài khoản quản trị đầu tiên ngay trên máy này (không làm được qua mạng): vanphong users add TÊN --role quantri --password-stdin --data-dir "${app.dataDir}"`);
  }
  if (recovered) console.log(`Đã hủy ${recovered} lượt phát hành dang dở từ lần chạy trước (số vẫn được giữ, có ghi lý do).`);
  console.log('Dừng: Ctrl+C hoặc SIGTERM (các yêu cầu đang chạy được làm xong).');

  await new Promise<void>((resolve) => {
    let stopping = false;
    const stop = () => {
      if (stopping) return;
      stopping = true;
      void server
        .close()
        .then(async () => {
          try {
            app.db.pragma('wal_checkpoint(TRUNCATE)');
          } catch {
            // Another process holds the database: its checkpoint will do.
          }
          stopBackups();
          stopReminders();
          stopExchange();
          await pool?.close();
          await app.close();
          console.log('Máy chủ đã dừng.');
        })
        .finally(resolve);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return 0;
}

function parseListen(text: string): { host: string; port: number } {
  const m = /^(?:\[([0-9a-fA-F:]+)\]|([^:\s]+)):(\d{1,5})$/.exec(text.trim());
  const port = m ? Number(m[3]) : NaN;
  if (!m || !(port >= 0 && port <= 65535)) {
    throw new AppError('VALIDATION', `--listen phải có dạng ĐỊA-CHỈ:CỔNG, ví dụ 0.0.0.0:8443 hoặc 127.0.0.1:8443 (nhận «${text}»).`, { field: 'listen' });
  }
  return { host: m[1] ?? m[2], port };
}
