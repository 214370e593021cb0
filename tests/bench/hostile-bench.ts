import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { extractText, inspectPdf } from '../../electron/attachments/extract-text';
import { closeUntrusted } from '../../electron/parsing/untrusted';
import { openApp } from '../../electron/hosts/open-app';
import { dispatch } from '../../electron/api/dispatch';
import { hostileCorpus, operatorFloodPdf } from '../fixtures/hostile/make-hostile';
import { measured } from '../fixtures/hostile/measure';
import { benchSession } from './session';

type Emit = (name: string, value: number, unit: string) => void;

/**
 * Issue 14: the hostile-file corpus (tests/fixtures/hostile/make-hostile.ts) through the attachments' parsers as
 * registration and the indexer call them (page count, then text), with the default limits, in the parse worker:
 * `hostile.max_rss_mb` is the peak growth of this process's RSS over its level before the first worker started
 * (goal ≤ 300), `hostile.max_block_ms` the longest stall of this thread's event loop meanwhile (goal ≤ 50).
 * One line per file goes to stderr. `hostile.index_block_ms`: the same through the app — registering the operator
 * flood (its text cut at the 5 MB cap) with background indexing — where the API's thread writes the text and the
 * search index (SQLite is synchronous: one transaction of ~10 MB).
 */
export async function benchHostile(emit: Emit): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vanphong-hostile-'));
  try {
    const corpus = hostileCorpus({ marker: '__vanphongBench', markerFile: path.join(dir, 'pwned'), secretFile: path.join(dir, 'secret') });
    const t0 = performance.now();
    const all = await measured(async () => {
      let maxMs = 0;
      for (const f of corpus) {
        const one = await measured(async () => {
          if (f.mime === 'application/pdf') await inspectPdf(f.data, f.name).catch(() => null);
          return extractText(f.mime, f.data);
        });
        maxMs = Math.max(maxMs, one.ms);
        const r = one.value;
        process.stderr.write(
          `hostile ${f.name.padEnd(22)} ${String(Math.round(one.ms)).padStart(6)} ms ${one.rssMb.toFixed(0).padStart(4)} MB ` +
            `block ${one.blockMs.toFixed(1).padStart(5)} ms  ${r.ok ? `text ${r.text.length}` : r.reason}\n`,
        );
      }
      return maxMs;
    });
    emit('hostile.max_rss_mb', all.rssMb, 'MB');
    emit('hostile.max_block_ms', all.blockMs, 'ms');
    emit('hostile.max_file_ms', all.value, 'ms');
    emit('hostile.corpus_ms', performance.now() - t0, 'ms');
    if (fs.existsSync(path.join(dir, 'pwned'))) throw new Error('the CVE-2024-4367 payload ran');

    const app = await openApp({ dataDir: path.join(dir, 'app'), backgroundIndexing: true });
    try {
      const session = await benchSession(app);
      const input = { sender: 'Sở Nội vụ', ref: '1/BENCH', docDate: '2026-03-10', subject: 'Tệp lớn', attachments: [{ name: 'flood.pdf', data: operatorFloodPdf() }] };
      const indexed = await measured(async () => {
        const r = await dispatch(app, 'incoming.register', input, session);
        if (!r.ok) throw new Error(r.error.message);
        while (app.indexer.status().pending > 0) await new Promise((res) => setTimeout(res, 10));
      });
      process.stderr.write(`hostile through the app: ${Math.round(indexed.ms)} ms, ${JSON.stringify(app.indexer.status())}\n`);
      emit('hostile.index_block_ms', indexed.blockMs, 'ms');
    } finally {
      await app.close();
    }
  } finally {
    await closeUntrusted();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
