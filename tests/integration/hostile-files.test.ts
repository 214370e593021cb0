import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractText, inspectPdf } from '../../electron/attachments/extract-text';
import { beginBlobAttempt, blobFailureReason } from '../../electron/attachments/repo';
import { DEFAULT_PARSE_LIMITS, setParseLimits } from '../../electron/parsing/limits';
import { runParseTask } from '../../electron/parsing/tasks';
import { closeUntrusted } from '../../electron/parsing/untrusted';
import { call, sampleIncoming, tempApp, tempDir } from '../helpers/app';
import { makePdf } from '../fixtures/make-files';
import { fontMatrixPdf, hostileCorpus, nestedQPdf, type HostileFile } from '../fixtures/hostile/make-hostile';
import { measured, startControl, stopControl, type Measured } from '../fixtures/hostile/measure';

/**
 * Issue 14: no file can freeze the app. Each hostile file is parsed through the same path as an attachment (the parse
 * worker, electron/parsing/) and must end within its time limit plus a margin, with the process's RSS growing less
 * than the memory limit, with the right outcome, and without this thread's event loop ever stalling.
 */
const SLOW_LIMIT_MS = 1_500;
const LIMIT_MS = 10_000;
/** Starting a worker again after a kill, and answering, on a busy 2-core machine (vitest runs two files at once). */
const MARGIN_MS = 5_000;
const RSS_CEILING_MB = 300;
/**
 * The longest this thread's event loop may stall, over what the machine's load costs an idle process at the same
 * time (measure.ts: a control process; on a busy shared 2-core machine any event loop waits tens of ms at times).
 */
const BLOCK_CEILING_MS = 50;
const blockOf = (m: Measured<unknown>) => m.blockMs - m.controlBlockMs;
const MARKER = '__vanphongCve20244367';

let work: string;
let markerFile: string;
let secretFile: string;
let corpus: HostileFile[];

beforeAll(() => {
  startControl();
  work = tempDir('vanphong-hostile-');
  markerFile = path.join(work, 'pwned');
  secretFile = path.join(work, 'secret.txt');
  fs.writeFileSync(secretFile, 'BI-MAT-KHONG-DUOC-LO');
  corpus = hostileCorpus({ marker: MARKER, markerFile, secretFile });
});

/** The first use locates (from the sources: bundles) and starts the worker: measured apart from the files. */
beforeAll(async () => {
  const cold = await measured(() => extractText('application/pdf', makePdf(['khoi dong'])));
  console.log(`parse worker cold start: ${Math.round(cold.ms)} ms, event loop block ${cold.blockMs.toFixed(1)} ms (idle process ${cold.controlBlockMs.toFixed(1)} ms)`);
  expect(cold.value.ok).toBe(true);
});

afterAll(async () => {
  setParseLimits(null);
  stopControl();
  await closeUntrusted();
  fs.rmSync(work, { recursive: true, force: true });
});

describe('hostile files are parsed off the event loop, within limits', () => {
  it('every file of the corpus ends in time, under the memory limit, as expected, without blocking', async () => {
    const rows: string[] = [];
    for (const f of corpus) {
      const timeMs = f.slow ? SLOW_LIMIT_MS : LIMIT_MS;
      const run = () => measured(() => extractText(f.mime, f.data, { limits: { timeMs } }));
      let m = await run();
      // A stall that is ours happens again; one from the machine's load (a busy shared runner) rarely does twice.
      if (blockOf(m) >= BLOCK_CEILING_MS) {
        const again = await run();
        rows.push(`${f.name.padEnd(22)} measured again: block ${m.blockMs.toFixed(1)} ms (idle process ${m.controlBlockMs.toFixed(1)})`);
        if (blockOf(again) < blockOf(m)) m = again;
      }
      rows.push(
        `${f.name.padEnd(22)} ${String(Math.round(m.ms)).padStart(6)} ms ${m.rssMb.toFixed(0).padStart(4)} MB ` +
          `block ${m.blockMs.toFixed(1).padStart(5)} ms (idle process ${m.controlBlockMs.toFixed(1).padStart(5)})  ${m.value.ok ? 'text' : m.value.reason}`,
      );
      expect(m.ms, f.name).toBeLessThan(timeMs + MARGIN_MS);
      expect(m.rssMb, f.name).toBeLessThan(RSS_CEILING_MB);
      expect(blockOf(m), f.name).toBeLessThan(BLOCK_CEILING_MS);
      const r = m.value;
      if (f.expect.kind === 'text') {
        expect(r.ok ? r.text : r.reason, f.name).toContain(f.expect.contains);
      } else if (f.expect.kind === 'capped-or-time') {
        if (r.ok) {
          expect(r.truncated, f.name).toBe(true);
          expect(r.text.length, f.name).toBe(DEFAULT_PARSE_LIMITS.maxTextChars);
          expect(r.text, f.name).toContain(f.expect.contains);
        } else expect(r.reason, f.name).toMatch(/giây/);
      } else {
        expect(r.ok, f.name).toBe(false);
        if (!r.ok) {
          expect(r.reason, f.name).toMatch(/^Không trích được nội dung: /);
          if (f.expect.reason) expect(r.reason, f.name).toMatch(f.expect.reason);
          expect(r.reason).not.toContain('BI-MAT');
        }
      }
    }
    console.log(`hostile corpus:\n${rows.join('\n')}`);
  });

  it('the flate bomb is stopped by the memory watchdog — the worker\'s heap and buffers, or the process\'s RSS — not by the clock', async () => {
    const bomb = corpus.find((f) => f.name === 'flate-bomb.pdf')!;
    const tooMuch = { ok: false, reason: 'Không trích được nội dung: tệp cần quá nhiều bộ nhớ để đọc.' };
    const byWorker = await measured(() => extractText(bomb.mime, bomb.data, { limits: { timeMs: 60_000, workerMemoryMb: 100, rssGrowthMb: 10_000 } }));
    expect(byWorker.value).toEqual(tooMuch);
    expect(byWorker.rssMb).toBeLessThan(RSS_CEILING_MB);
    const byRss = await measured(() => extractText(bomb.mime, bomb.data, { limits: { timeMs: 60_000, workerMemoryMb: 10_000, rssGrowthMb: 100 } }));
    expect(byRss.value).toEqual(tooMuch);
    expect(byRss.rssMb).toBeLessThan(RSS_CEILING_MB);
  });

  it('the font-matrix payload of CVE-2024-4367 never runs, in the worker or in this thread', async () => {
    expect(fs.existsSync(markerFile)).toBe(false);
    // In-process too (this thread's globals are observable): the text is read, so the font was processed.
    const local = (await runParseTask('pdf.text', { data: fontMatrixPdf(MARKER, markerFile) }, DEFAULT_PARSE_LIMITS)) as { text: string };
    expect(local.text).toContain('Hello font');
    expect((globalThis as Record<string, unknown>)[MARKER]).toBeUndefined();
    expect(fs.existsSync(markerFile)).toBe(false);
  });

  it('caps the text and the pages', async () => {
    const pdf = makePdf(Array.from({ length: 6 }, (_, i) => `Trang so ${i + 1} ${'noi dung '.repeat(20)}`));
    const pages = await extractText('application/pdf', pdf, { limits: { maxPages: 3 } });
    expect(pages.ok && pages.truncated).toBe(true);
    expect(pages.ok && pages.text).toContain('Trang so 3');
    expect(pages.ok && pages.text).not.toContain('Trang so 4');
    const chars = await extractText('application/pdf', pdf, { limits: { maxTextChars: 100 } });
    expect(chars.ok && chars.truncated).toBe(true);
    expect(chars.ok && chars.text.length).toBeLessThanOrEqual(100);
    const all = await extractText('application/pdf', pdf);
    expect(all.ok && !all.truncated && all.text).toContain('Trang so 6');
  });

  it('page count at registration: refused when the PDF does not parse, absent when it takes too long', async () => {
    expect(await inspectPdf(makePdf(['a', 'b']), 'hai-trang.pdf')).toEqual({ pageCount: 2 });
    await expect(inspectPdf(new TextEncoder().encode('%PDF-1.7\nkhông phải PDF'), 'hong.pdf')).rejects.toMatchObject({
      code: 'FILE_INVALID',
      message: expect.stringContaining('«hong.pdf»'),
    });
    expect(await inspectPdf(makePdf(['a']), 'cham.pdf', { timeMs: 1 })).toEqual({ pageCount: null });
  });
});

describe('through the app: registration never waits for a hostile file', () => {
  it('registers a nested-q PDF, then a normal document promptly; the list answers; the hostile file ends failed for good', async () => {
    setParseLimits({ timeMs: SLOW_LIMIT_MS });
    const dataDir = tempDir();
    let app = await tempApp({ dataDir, backgroundIndexing: true });
    try {
      const hostile = await call(app, 'incoming.register', {
        ...sampleIncoming({ ref: '1/HOSTILE' }),
        attachments: [{ name: 'long-q.pdf', data: nestedQPdf() }],
      });
      const sha = hostile.attachments[0].sha256;
      expect(app.indexer.status().running).toBe(true);
      const second = await measured(() =>
        call(app, 'incoming.register', {
          ...sampleIncoming({ ref: '2/BINHTHUONG', subject: 'Công văn thường' }),
          attachments: [{ name: 'thuong.pdf', data: makePdf(['Cong van ve viec kiem ke tai san']) }],
        }),
      );
      // Not waiting for the hostile file is shown by its still being pending below; these bounds only catch a hang.
      expect(second.ms).toBeLessThan(3_000);
      const list = await measured(() => call(app, 'incoming.list', { year: 2026 }));
      expect(list.value.rows.map((r) => r.id).sort()).toEqual([hostile.id, second.value.id].sort());
      expect(list.ms).toBeLessThan(2_000);
      // The extraction of the hostile file is still under way while the list answered.
      expect(blobStatus(app, sha)).toBe('pending');

      const wait = await measured(async () => {
        while (app.indexer.status().pending > 0) await new Promise((r) => setTimeout(r, 20));
      });
      console.log(
        `app: second registration ${Math.round(second.ms)} ms (block ${second.blockMs.toFixed(1)} ms), list ${Math.round(list.ms)} ms, ` +
          `hostile file failed ${Math.round(wait.ms)} ms later (block ${wait.blockMs.toFixed(1)} ms, idle process ${wait.controlBlockMs.toFixed(1)} ms)`,
      );
      expect(wait.ms).toBeLessThan(SLOW_LIMIT_MS + MARGIN_MS);
      expect(blockOf(wait)).toBeLessThan(BLOCK_CEILING_MS);
      expect(blockOf(second)).toBeLessThan(BLOCK_CEILING_MS);
      expect(blobStatus(app, sha)).toBe('failed');
      expect(blobFailureReason(app.db, sha)).toBe('Không trích được nội dung: tệp cần quá 1,5 giây để đọc.');
      const detail = await call(app, 'incoming.get', { id: hostile.id });
      expect(detail.attachments[0].textStatus).toBe('failed');
      const hits = await call(app, 'search.query', { query: 'kiem ke tai san' });
      expect(hits.map((h) => h.id)).toEqual([second.value.id]);

      // Not retried after a restart.
      await app.close();
      app = await tempApp({ dataDir, backgroundIndexing: true, withUser: false });
      app.indexer.kick();
      await app.indexer.runUntilIdle();
      expect(app.indexer.status()).toMatchObject({ pending: 0, failed: 1, done: 1 });
    } finally {
      setParseLimits(null);
      await app.cleanup();
    }
  });

  it('closing the app does not wait for a file being read: its worker is stopped and the file stays pending, its attempt given back', async () => {
    const dataDir = tempDir();
    const app = await tempApp({ dataDir, backgroundIndexing: true });
    const d = await call(app, 'incoming.register', {
      ...sampleIncoming({ ref: '4/HOSTILE' }),
      attachments: [{ name: 'nested.pdf', data: nestedQPdf() }],
    });
    const sha = d.attachments[0].sha256;
    await new Promise((r) => setTimeout(r, 300));
    expect(app.db.prepare('SELECT text FROM blobs WHERE sha256 = ?').pluck().get(sha)).toBe('1');
    const closing = await measured(() => app.close());
    expect(closing.ms).toBeLessThan(1_000);
    const again = await tempApp({ dataDir, withUser: false });
    try {
      expect(again.db.prepare('SELECT text_status, text FROM blobs WHERE sha256 = ?').get(sha)).toEqual({ text_status: 'pending', text: null });
    } finally {
      await again.cleanup();
    }
  });

  it('a file whose extraction was cut short twice by the process ending is marked failed without parsing it again', async () => {
    const app = await tempApp();
    try {
      const d = await call(app, 'incoming.register', {
        ...sampleIncoming({ ref: '3/HOSTILE' }),
        attachments: [{ name: 'nested.pdf', data: nestedQPdf() }],
      });
      const sha = d.attachments[0].sha256;
      // Two earlier runs started on it and never finished (the process died).
      beginBlobAttempt(app.db, sha);
      beginBlobAttempt(app.db, sha);
      const t = await measured(() => app.indexer.runUntilIdle());
      expect(t.ms).toBeLessThan(500);
      expect(blobStatus(app, sha)).toBe('failed');
      expect(blobFailureReason(app.db, sha)).toMatch(/^Không trích được nội dung: ứng dụng đã dừng/);
    } finally {
      await app.cleanup();
    }
  });
});

function blobStatus(app: { db: { prepare(sql: string): { pluck(): { get(...a: unknown[]): unknown } } } }, sha: string): unknown {
  return app.db.prepare('SELECT text_status FROM blobs WHERE sha256 = ?').pluck().get(sha);
}
