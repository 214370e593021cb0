import type { AppContext } from '../app/context';
import { sweep } from './sweep';

/**
 * The reminders' sweep in the long-running hosts (desktop, browser mode, office server): once shortly after start,
 * then every hour. Idempotent, so two hosts on one data folder, or a restart, send nothing twice.
 */
export function startReminderScheduler(app: AppContext, opts: { everyMs?: number; firstMs?: number; log?: (line: string) => void } = {}): () => void {
  const log = opts.log ?? ((l: string) => console.error(`[vanphong] ${l}`));
  const tick = () => {
    try {
      sweep(app);
    } catch (e) {
      log(`Nhắc hạn xử lý không chạy được: ${(e as Error).message}`);
    }
  };
  const first = setTimeout(tick, opts.firstMs ?? 5_000);
  first.unref();
  const timer = setInterval(tick, opts.everyMs ?? 3_600_000);
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
