import { Worker } from 'node:worker_threads';
import { AppError } from '../../shared/api/result';
import { fromTaskFailure, type TaskFailure } from '../app/off-thread';
import { limitDetail, limitReason, parseLimits, type LimitKind, type ParseLimits } from './limits';
import type { ParseInput } from './tasks';
import { parseWorkerFile } from './worker-file';

/**
 * Runs parsers of untrusted files off the API's event loop: in worker threads (node:worker_threads — the same in the
 * CLI, the HTTP hosts and Electron's main process), one task at a time per worker, under limits (limits.ts):
 * - wall-clock time: the worker is terminated when the task is not done in `timeMs`;
 * - memory: the worker's V8 heap is capped (resourceLimits); ArrayBuffers (decompressed streams) escape that, so a
 *   watchdog here polls every `pollMs` the worker's heap plus external memory (worker.getHeapStatistics(), answered
 *   even while the worker is busy) against `workerMemoryMb`, and the process's RSS against `rssGrowthMb` over its
 *   level when the task started (both + the input's size), and terminates the worker over either. RSS alone would
 *   ratchet: memory a terminated worker freed stays in the allocator's arenas (resident, reused by the next worker),
 *   so each task could grow a limit past the last one's high-water mark;
 * - output: the parsers cap text and pages themselves.
 * Three lanes, a worker each: `interactive` (a file being registered: page count), `background` (text extraction)
 * and `intake` (a file dropped on the registration form to be read, OCR included), so a registration never queues
 * behind a slow file, nor behind another clerk's scan. A terminated worker is replaced at the next task. With two tasks
 * running, RSS is the process's: the watchdog stops every task over its own baseline's limit.
 * The caller always gets a result, never a hang: `{ok:true,value}` or `{ok:false, limit, reason}` (Vietnamese).
 */
export type Lane = 'interactive' | 'background' | 'intake';

export type UntrustedResult<T> =
  | { ok: true; value: T }
  /**
   * `limit` null: the parser refused the file (`error`, an AppError when it says why in Vietnamese). Otherwise a limit
   * stopped it: `reason` is "Không trích được nội dung: <detail>.".
   */
  | { ok: false; limit: LimitKind | null; reason: string; detail?: string; error?: Error };

function stoppedBy(kind: LimitKind, limits: ParseLimits, error?: Error): UntrustedResult<never> {
  return { ok: false, limit: kind, reason: limitReason(kind, limits), detail: limitDetail(kind, limits), error };
}

interface Job {
  task: string;
  input: ParseInput;
  transfer: ArrayBuffer[];
  limits: ParseLimits;
  signal?: AbortSignal;
  /** Already run once on a worker that stopped for another reason than a limit. */
  retried?: boolean;
  done(r: UntrustedResult<unknown>): void;
}

interface Running {
  job: Job;
  id: number;
  baseline: number;
  maxGrowth: number;
  maxWorker: number;
  /** A heap-statistics request to the worker is under way. */
  probing: boolean;
  timer: NodeJS.Timeout;
  /** performance.now() when the task was handed to the worker. */
  startedAt: number;
}

interface Slot {
  worker: Worker | null;
  ready: Promise<boolean> | null;
  queue: Job[];
  running: Running | null;
  idle: NodeJS.Timeout | null;
}

const IDLE_MS = 15_000;
const STARTUP_MS = 15_000;
const MiB = 1024 * 1024;
const slots: Record<Lane, Slot> = {
  interactive: { worker: null, ready: null, queue: [], running: null, idle: null },
  background: { worker: null, ready: null, queue: [], running: null, idle: null },
  intake: { worker: null, ready: null, queue: [], running: null, idle: null },
};
let nextId = 1;
let watchdog: NodeJS.Timeout | null = null;

/** Runs `task` on `input` in a parse worker. `transfer`: buffers handed over (detached here); else they are copied. */
export function runUntrusted<T>(
  task: string,
  input: ParseInput,
  opts: { lane?: Lane; limits?: Partial<ParseLimits>; transfer?: ArrayBuffer[]; signal?: AbortSignal; local?: () => Promise<T> } = {},
): Promise<UntrustedResult<T>> {
  const limits = { ...parseLimits(), ...opts.limits };
  if (process.env.VANPHONG_PARSE_IN_PROCESS === '1') return inProcess<T>(task, input, limits, opts.local);
  const stopped = () => stoppedBy('unavailable', limits);
  if (opts.signal?.aborted) return Promise.resolve(stopped());
  return new Promise((resolve) => {
    const slot = slots[opts.lane ?? 'background'];
    // Aborted (the app closing): a queued task is dropped, a running one's worker terminated.
    const onAbort = () => {
      const i = slot.queue.indexOf(job);
      if (i >= 0) {
        slot.queue.splice(i, 1);
        job.done(stopped());
      } else if (slot.running?.job === job && slot.running.id) over(slot, slot.running, 'unavailable');
    };
    const job: Job = {
      task,
      input,
      transfer: opts.transfer ?? [],
      limits,
      signal: opts.signal,
      done: (r) => {
        opts.signal?.removeEventListener('abort', onAbort);
        resolve(r as UntrustedResult<T>);
      },
    };
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    slot.queue.push(job);
    void pump(slot);
  });
}

/** Without limits, only where explicitly allowed (VANPHONG_PARSE_IN_PROCESS=1): a developer's escape hatch. */
async function inProcess<T>(task: string, input: ParseInput, limits: ParseLimits, local?: () => Promise<T>): Promise<UntrustedResult<T>> {
  const { runParseTask } = await import('./tasks');
  try {
    if (local) return { ok: true, value: await local() };
    // pdf.js detaches the buffer it parses: the caller's bytes stay theirs, as when they are copied to a worker.
    const own = input.data ? { ...input, data: new Uint8Array(input.data) } : input;
    return { ok: true, value: (await runParseTask(task, own, limits)) as T };
  } catch (e) {
    return refused(e as Error);
  }
}

function refused(error: Error): UntrustedResult<never> {
  return { ok: false, limit: null, reason: error.message, error };
}

async function pump(slot: Slot): Promise<void> {
  if (slot.running || slot.queue.length === 0) return;
  const job = slot.queue.shift()!;
  // Claimed before the first await, so a second pump() does not start another job on this slot.
  slot.running = { job, id: 0, baseline: 0, maxGrowth: 0, maxWorker: 0, probing: false, timer: null as unknown as NodeJS.Timeout, startedAt: 0 };
  if (slot.idle) clearTimeout(slot.idle);
  slot.idle = null;
  if (!slot.worker && !(await spawn(slot, job.limits))) {
    slot.running = null;
    job.done(stoppedBy('unavailable', job.limits));
    return void pump(slot);
  }
  if (!(await slot.ready)) {
    slot.running = null;
    kill(slot);
    job.done(stoppedBy('unavailable', job.limits));
    return void pump(slot);
  }
  if (job.signal?.aborted) {
    // Aborted while its worker started (the app closing): the worker must not keep the process alive.
    slot.running = null;
    job.done(stoppedBy('unavailable', job.limits));
    if (slot.queue.length) return void pump(slot);
    return idle(slot);
  }
  const worker = slot.worker!;
  const size = job.input.data?.byteLength ?? 0;
  const running: Running = {
    job,
    id: nextId++,
    baseline: process.memoryUsage.rss(),
    maxGrowth: job.limits.rssGrowthMb * MiB + size,
    maxWorker: job.limits.workerMemoryMb * MiB + size,
    probing: false,
    timer: setTimeout(() => over(slot, running, 'time'), job.limits.timeMs),
    startedAt: performance.now(),
  };
  slot.running = running;
  worker.ref();
  startWatchdog(job.limits.pollMs);
  try {
    worker.postMessage({ id: running.id, task: job.task, input: job.input, limits: job.limits }, job.transfer);
  } catch (e) {
    finish(slot, running, refused(e as Error));
  }
}

async function spawn(slot: Slot, limits: ParseLimits): Promise<boolean> {
  const file = await parseWorkerFile().catch((e: Error) => {
    console.error('[vanphong] parse worker unavailable:', e.message);
    return null;
  });
  if (!file) return false;
  let worker: Worker;
  try {
    worker = new Worker(file, {
      // Not the parent's flags (a loader such as tsx would transpile pdf.js inside the worker).
      execArgv: [],
      resourceLimits: { maxOldGenerationSizeMb: limits.heapMb, maxYoungGenerationSizeMb: 32, stackSizeMb: 4 },
    });
  } catch (e) {
    console.error('[vanphong] parse worker did not start:', (e as Error).message);
    return false;
  }
  slot.worker = worker;
  let lastError: (Error & { code?: string }) | null = null;
  slot.ready = new Promise<boolean>((resolve) => {
    const t = setTimeout(() => resolve(false), STARTUP_MS);
    worker.once('message', () => {
      clearTimeout(t);
      resolve(true);
    });
    worker.once('exit', () => {
      clearTimeout(t);
      resolve(false);
    });
  });
  worker.on('message', (m: { id?: number; ok?: boolean; value?: unknown; failure?: TaskFailure }) => {
    const r = slot.running;
    if (m.id === undefined || !r || r.id !== m.id) return;
    // An answer that comes after the time limit (this thread was busy when the timer was due) is over it all the same.
    if (performance.now() - r.startedAt > r.job.limits.timeMs) return finish(slot, r, stoppedBy('time', r.job.limits));
    finish(slot, r, m.ok ? { ok: true, value: m.value } : refused(fromTaskFailure(m.failure!)));
  });
  worker.on('error', (e: Error & { code?: string }) => (lastError = e));
  worker.on('exit', () => {
    if (slot.worker !== worker) return;
    slot.worker = null;
    slot.ready = null;
    const r = slot.running;
    if (r && r.id) {
      const kind: LimitKind = lastError?.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'memory' : 'crash';
      if (kind === 'crash') console.error('[vanphong] parse worker stopped:', lastError?.message ?? 'exit');
      // A stray error of the previous file may have stopped the worker: the file gets one more run on a fresh one.
      if (kind === 'crash' && !r.job.retried && r.job.transfer.length === 0 && !r.job.signal?.aborted) {
        clearTimeout(r.timer);
        slot.running = null;
        r.job.retried = true;
        slot.queue.unshift(r.job);
        return void pump(slot);
      }
      finish(slot, r, stoppedBy(kind, r.job.limits, lastError ?? undefined));
    }
  });
  return true;
}

function finish(slot: Slot, r: Running, result: UntrustedResult<unknown>): void {
  if (slot.running !== r) return;
  clearTimeout(r.timer);
  slot.running = null;
  r.job.done(result);
  if (slot.queue.length) return void pump(slot);
  idle(slot);
}

/** Nothing left to run on this slot: its worker no longer keeps the process alive, and goes after IDLE_MS. */
function idle(slot: Slot): void {
  if (slot.worker) {
    slot.worker.unref();
    const w = slot.worker;
    slot.idle = setTimeout(() => slot.worker === w && !slot.running && kill(slot), IDLE_MS);
    slot.idle.unref();
  }
  if (!slots.interactive.running && !slots.background.running && watchdog) {
    clearInterval(watchdog);
    watchdog = null;
  }
}

function over(slot: Slot, r: Running, kind: LimitKind): void {
  if (slot.running !== r) return;
  kill(slot);
  finish(slot, r, stoppedBy(kind, r.job.limits));
}

function kill(slot: Slot): void {
  const w = slot.worker;
  slot.worker = null;
  slot.ready = null;
  if (w) void w.terminate().catch(() => undefined);
}

function startWatchdog(pollMs: number): void {
  if (watchdog) return;
  watchdog = setInterval(() => {
    const rss = process.memoryUsage.rss();
    for (const slot of Object.values(slots)) {
      const r = slot.running;
      const w = slot.worker;
      if (!r?.id || !w) continue;
      if (rss - r.baseline > r.maxGrowth) {
        over(slot, r, 'memory');
        continue;
      }
      if (r.probing || typeof w.getHeapStatistics !== 'function') continue;
      r.probing = true;
      w.getHeapStatistics().then(
        (h) => {
          r.probing = false;
          if (h.used_heap_size + (h.external_memory ?? 0) > r.maxWorker) over(slot, r, 'memory');
        },
        () => (r.probing = false),
      );
    }
  }, pollMs);
  watchdog.unref();
}

/** Terminates the workers (tests, the bench, a host shutting down); queued and running tasks end as unavailable. */
export async function closeUntrusted(): Promise<void> {
  for (const slot of Object.values(slots)) {
    for (const job of slot.queue.splice(0)) job.done(stoppedBy('unavailable', job.limits));
    if (slot.running?.id) over(slot, slot.running, 'unavailable');
    const w = slot.worker;
    kill(slot);
    if (w) await w.terminate().catch(() => undefined);
  }
}

/**
 * For a file the user waits on (an import): the parsed value, or a refusal — the parser's own AppError, or one naming
 * the file and the limit it went over. `local` is the same parser in this thread (VANPHONG_PARSE_IN_PROCESS=1 only).
 */
export async function parseOrRefuse<T>(
  task: string,
  input: ParseInput,
  opts: { name: string; field?: string; local: () => Promise<T>; limits?: Partial<ParseLimits> },
): Promise<T> {
  const r = await runUntrusted<T>(task, input, { lane: 'interactive', limits: opts.limits, local: opts.local });
  if (r.ok) return r.value;
  if (r.limit === null) throw r.error ?? new Error(r.reason);
  throw new AppError('FILE_INVALID', `Không đọc được tệp «${opts.name}»: ${r.detail}.`, { field: opts.field });
}

/** An AppError from the parser (the file refused with its reason), or null when a limit stopped it. */
export function parserError(r: UntrustedResult<unknown>): AppError | null {
  return !r.ok && r.limit === null && r.error instanceof AppError ? r.error : null;
}
