import { parentPort } from 'node:worker_threads';
import { toTaskFailure } from '../../app/off-thread';
import { CPU_TASKS } from './cpu-tasks';

/** A worker thread of the office server's pool: runs one task at a time, answers with the result or the failure. */
parentPort!.on('message', (m: { id: number; task: string; input: unknown }) => {
  const run = CPU_TASKS[m.task];
  if (!run) return parentPort!.postMessage({ id: m.id, ok: false, failure: { message: `unknown task ${m.task}` } });
  run(m.input as never).then(
    (value) => parentPort!.postMessage({ id: m.id, ok: true, value }),
    (e: unknown) => parentPort!.postMessage({ id: m.id, ok: false, failure: toTaskFailure(e) }),
  );
});
parentPort!.postMessage({ ready: true });
