import { AppError } from '../../shared/api/result';
import type { IntakeProgress } from '../../shared/intake/schemas';

/**
 * Extractions under way in this process, by account and the client's job name: so the same account can ask how far
 * its OCR is (intake.progress) and stop it (intake.cancel) while the extract call waits, on every host (IPC and HTTP
 * answer other calls meanwhile; the CLI asks in-process). Nothing is kept once a call ends.
 */
interface Job {
  controller: AbortController;
  progress: IntakeProgress;
}

const jobs = new Map<string, Job>();
/** Files one account may have read at once: a client cannot queue the parse worker full. */
const PER_ACCOUNT = 3;
/** Files read at once in this process, whoever asked: each holds its bytes and a place in the intake lane's queue. */
const IN_PROCESS = 4;
/**
 * Jobs stopped before their extract call arrived (a large upload is slower than the small cancel): refused when they
 * start, for a minute.
 */
const cancelledEarly = new Map<string, number>();
const EARLY_CANCEL_MS = 60_000;
let anonymous = 0;

const keyOf = (userId: number, job: string) => `${userId}:${job}`;

export interface RunningJob {
  signal: AbortSignal;
  report(p: IntakeProgress): void;
  end(): void;
}

export function startJob(userId: number, job: string | undefined): RunningJob {
  const mine = [...jobs.keys()].filter((k) => k.startsWith(`${userId}:`)).length;
  if (mine >= PER_ACCOUNT) throw new AppError('RATE_LIMITED', `Đang đọc ${mine} tệp: chờ đọc xong rồi gửi tệp khác.`);
  if (jobs.size >= IN_PROCESS) throw new AppError('RATE_LIMITED', 'Máy chủ đang đọc nhiều tệp cùng lúc: chờ một chút rồi gửi lại.');
  const key = keyOf(userId, job ?? `#${++anonymous}`);
  const early = cancelledEarly.get(key);
  if (early !== undefined) {
    cancelledEarly.delete(key);
    if (Date.now() - early < EARLY_CANCEL_MS) throw new AppError('CONFLICT', 'Đã dừng đọc tệp.', { details: { cancelled: true } });
  }
  if (jobs.has(key)) throw new AppError('CONFLICT', 'Lượt đọc tệp này đang chạy.', { field: 'job' });
  const entry: Job = { controller: new AbortController(), progress: { stage: 'read' } };
  jobs.set(key, entry);
  return {
    signal: entry.controller.signal,
    report: (p) => (entry.progress = p),
    end: () => {
      if (jobs.get(key) === entry) jobs.delete(key);
    },
  };
}

export function progressOf(userId: number, job: string): IntakeProgress | null {
  return jobs.get(keyOf(userId, job))?.progress ?? null;
}

export function cancelJob(userId: number, job: string): boolean {
  const entry = jobs.get(keyOf(userId, job));
  if (!entry) {
    const now = Date.now();
    for (const [k, at] of cancelledEarly) if (now - at >= EARLY_CANCEL_MS) cancelledEarly.delete(k);
    if (cancelledEarly.size < 1000) cancelledEarly.set(keyOf(userId, job), now);
    return false;
  }
  entry.controller.abort();
  return true;
}

/** Extractions running now (tests). */
export const runningJobs = () => jobs.size;
