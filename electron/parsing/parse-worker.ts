import { parentPort } from 'node:worker_threads';
import { toTaskFailure } from '../app/off-thread';
import type { ParseLimits } from './limits';
import type { ParseInput, ParseTask } from './tasks';

/**
 * The parse worker's message loop: runs one untrusted-file task at a time and answers with its result or its failure
 * (an AppError comes back as the same AppError). The entry (electron/hosts/parse-worker.ts, built as
 * dist/cli/parse-worker.mjs) gives it the tasks; the calling thread (untrusted.ts) holds the limits and terminates this
 * thread when a task takes too long or uses too much memory.
 */
export function serveParseTasks(tasks: Record<string, ParseTask>): void {
  parentPort!.on('message', (m: { id: number; task: string; input: ParseInput; limits: ParseLimits }) => {
    const run = tasks[m.task];
    (run ? run(m.input, m.limits) : Promise.reject(new Error(`unknown parse task ${m.task}`))).then(
      (value) => parentPort!.postMessage({ id: m.id, ok: true, value }),
      (e: unknown) => parentPort!.postMessage({ id: m.id, ok: false, failure: toTaskFailure(e) }),
    );
  });
  parentPort!.postMessage({ ready: true });
}
