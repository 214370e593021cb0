import fs from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { fromTaskFailure, type Offload, type TaskFailure } from '../../app/off-thread';

/**
 * A small pool of worker threads for the office server's CPU work (laying out PDFs, preparing and completing
 * signatures), so that one leader's signature does not hold up every other desk's list or search. Each worker takes
 * one task at a time; tasks queue for the least busy one. A worker that dies is replaced, and its tasks fail with
 * the error (the service then cancels what it started, as for any failed signature). Only where the built worker file
 * exists (dist/cli/cpu-worker.mjs): run from the TypeScript sources, the server does the work in-process.
 */
export interface CpuPool {
  offload: Offload;
  size: number;
  close(): Promise<void>;
}

interface Slot {
  worker: Worker;
  dead: boolean;
  busy: Map<number, { resolve(v: unknown): void; reject(e: Error): void }>;
}

export function workerFile(): string | null {
  const file = fileURLToPath(new URL('./cpu-worker.mjs', import.meta.url));
  return fs.existsSync(file) ? file : null;
}

export function startCpuPool(file: string, size = Math.max(1, Math.min(4, os.availableParallelism() - 1))): CpuPool {
  let next = 0;
  const slots: Slot[] = [];
  const spawn = (i: number): Slot => {
    const worker = new Worker(file, { resourceLimits: { maxOldGenerationSizeMb: 1024 } });
    const slot: Slot = { worker, dead: false, busy: new Map() };
    worker.on('message', (m: { id?: number; ok?: boolean; value?: unknown; failure?: TaskFailure }) => {
      if (m.id === undefined) return;
      const p = slot.busy.get(m.id);
      slot.busy.delete(m.id);
      if (m.ok) p?.resolve(m.value);
      else p?.reject(fromTaskFailure(m.failure!));
    });
    worker.on('error', (e) => {
      for (const p of slot.busy.values()) p.reject(e);
      slot.busy.clear();
    });
    worker.on('exit', (code) => {
      slot.dead = true;
      for (const p of slot.busy.values()) p.reject(new Error(`worker exited (${code})`));
      slot.busy.clear();
      // A worker that keeps dying (a broken install) is not restarted in a tight loop.
      if (!closing) setTimeout(() => !closing && (slots[i] = spawn(i)), Math.min(30_000, 200 * 2 ** Math.min(restarts++, 8))).unref();
    });
    worker.unref();
    return slot;
  };
  let closing = false;
  let restarts = 0;
  for (let i = 0; i < size; i++) slots.push(spawn(i));
  return {
    size,
    offload: (task, input) =>
      new Promise((resolve, reject) => {
        const live = slots.filter((s) => !s.dead);
        if (!live.length) return reject(new Error('no worker thread is running'));
        const slot = live.reduce((a, b) => (b.busy.size < a.busy.size ? b : a));
        const id = next++;
        slot.busy.set(id, { resolve, reject });
        try {
          slot.worker.postMessage({ id, task, input });
        } catch (e) {
          slot.busy.delete(id);
          reject(e as Error);
        }
      }),
    close: async () => {
      closing = true;
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
  };
}
