import { AppError } from '../../../shared/api/result';
import { splitCommand } from './args';
import { HELP } from './help';

/**
 * The `vanphong` CLI: a thin host that parses flags, calls the same API as the UI, prints the result. Each command's
 * module is imported only when that command runs, so `help` starts without the database, the dispatcher or the
 * document libraries, and every other command without the libraries it does not use.
 */

type Command = (argv: string[]) => Promise<number | void>;

const COMMANDS: Record<string, () => Promise<Command>> = {
  incoming: async () => (await import('./incoming')).incomingCommand,
  search: async () => (await import('./search')).searchCommand,
  'register-book': async () => (await import('./incoming')).registerBookCommand,
  serve: async () => (await import('./serve')).serveCommand,
  server: async () => (await import('./server')).serverCommand,
  convert: async () => (await import('./drafting')).convertCommand,
  extract: async () => (await import('./extract')).extractCommand,
  export: async () => (await import('./drafting')).exportCommand,
  sign: async () => (await import('./signing')).signCommand,
  verify: async () => (await import('./signing')).verifyCommand,
  tokens: async () => (await import('./signing')).tokensCommand,
  users: async () => (await import('./outgoing')).usersCommand,
  draft: async () => (await import('./outgoing')).draftCommand,
  outgoing: async () => (await import('./outgoing')).outgoingCommand,
  recipients: async () => (await import('./outgoing')).recipientsCommand,
  audit: async () => (await import('./outgoing')).auditCommand,
  meetings: async () => (await import('./meetings')).meetingsCommand,
  rooms: async () => (await import('./meetings')).roomsCommand,
  backup: async () => (await import('./backup')).backupCommand,
  restore: async () => (await import('./backup')).restoreCommand,
  check: async () => (await import('./backup')).checkCommand,
  encrypt: async () => (await import('./backup')).encryptCommand,
  units: async () => (await import('./units')).unitsCommand,
  tasks: async () => (await import('./tasks')).tasksCommand,
  settings: async () => (await import('./settings')).settingsCommand,
  hoso: async () => (await import('./hoso')).hosoCommand,
  inbox: async () => (await import('./inbox')).inboxCommand,
  delegate: async () => (await import('./inbox')).delegateCommand,
  calendar: async () => (await import('./calendar')).calendarCommand,
  import: async () => (await import('./import')).importCommand,
  edxml: async () => (await import('./edxml')).edxmlCommand,
  exchange: async () => (await import('./exchange')).exchangeCommand,
};

/** Commands that work on files or devices of this computer (or start a host): never through --server. */
const LOCAL_ONLY = new Set(['convert', 'export', 'sign', 'verify', 'tokens', 'serve', 'server', 'backup', 'restore', 'encrypt', 'check']);

export async function main(argv: string[]): Promise<number> {
  let cmd: string | undefined;
  try {
    const { command, args, help } = splitCommand(argv);
    cmd = command;
    if (help || command === undefined || command === 'help') {
      console.log(HELP);
      return 0;
    }
    if (!Object.hasOwn(COMMANDS, command)) throw new AppError('VALIDATION', `Lệnh «${command}» không có. Gõ «vanphong help» để xem các lệnh.`);
    if (LOCAL_ONLY.has(command) && args.some((a) => a === '--server' || a.startsWith('--server='))) {
      throw new AppError('VALIDATION', `Lệnh «${command}» chạy trên máy này, không qua máy chủ cơ quan: bỏ --server.`, { field: 'server' });
    }
    const run = await COMMANDS[command]();
    return (await run(args)) ?? 0;
  } catch (e) {
    return report(e, argv, cmd);
  }
}

/** The message and exit code for a failed command: 2 for bad input or a duplicate, 1 otherwise. */
function report(e: unknown, argv: string[], cmd: string | undefined): number {
  if (e instanceof AppError) {
    const where = e.field ? ` [${e.field}]` : '';
    if (argv.includes('--json')) console.error(JSON.stringify({ ok: false, error: e.toJSON() }));
    else {
      console.error(`Lỗi${where}: ${e.message}`);
      if (e.code === 'DUPLICATE' && cmd === 'incoming') console.error('Nếu đúng là văn bản khác, chạy lại lệnh với --allow-duplicate để vẫn vào sổ.');
    }
    return e.code === 'VALIDATION' || e.code === 'DUPLICATE' ? 2 : 1;
  }
  const code = (e as NodeJS.ErrnoException)?.code;
  // A damaged database (or a wrong key): one line, never SQLite's stack trace.
  if (typeof code === 'string' && (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT'))) {
    console.error(`Lỗi: cơ sở dữ liệu bị hỏng hoặc không mở được bằng khóa của thư mục (${code}): chạy «vanphong check» để biết bản sao lưu tốt gần nhất.`);
    return 1;
  }
  const file = (e as NodeJS.ErrnoException)?.path;
  if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR' || code === 'ENOSPC' || code === 'EROFS') {
    const why = { ENOENT: 'thư mục không tồn tại', EACCES: 'không có quyền ghi', EISDIR: 'đó là một thư mục', ENOSPC: 'ổ đĩa đầy', EROFS: 'ổ đĩa chỉ đọc' }[code];
    console.error(`Lỗi: không ghi hoặc đọc được «${file ?? ''}»: ${why}.`);
    return 1;
  }
  console.error('Lỗi không mong đợi:', e);
  return 1;
}
