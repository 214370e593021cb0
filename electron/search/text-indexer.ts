import type { AppContext, BackgroundIndexer, FileStore } from '../app/context';
import { extractText, foldForIndex, type Extraction } from '../attachments/extract-text';
import { NO_CONTENT } from '../parsing/limits';
import {
  beginBlobAttempt,
  blobStatusCounts,
  docAttachmentTexts,
  nextPendingBlob,
  setBlobText,
  undoBlobAttempt,
} from '../attachments/repo';
import { docsUsingBlob, ftsSetAttachments } from './repo';
import { enqueueOutgoingOfBlob, queueSize } from './records-repo';
import { indexQueuedRecords } from './record-indexer';
import type { IndexStatus } from '../../shared/search/schemas';
import type { OcrProgress } from '../ocr/recognise';

/** A file whose extraction was under way this many times when the process ended is not tried again. */
const MAX_ATTEMPTS = 2;
const INTERRUPTED = `${NO_CONTENT}: ứng dụng đã dừng giữa chừng khi đọc tệp này.`;

/**
 * A stored file's plaintext, read (and, in an encrypted folder, decrypted) chunk by chunk between other events rather
 * than in one blocking read, into a SharedArrayBuffer: the parse worker sees it without a copy on this thread.
 */
async function readBlob(store: FileStore, sha256: string): Promise<Uint8Array> {
  const size = store.size(sha256);
  const out = new Uint8Array(new SharedArrayBuffer(size));
  let at = 0;
  for await (const chunk of store.stream(sha256) as AsyncIterable<Uint8Array>) {
    if (at + chunk.byteLength > size) throw new Error('size mismatch');
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return at === size ? out : out.slice(0, at);
}

/**
 * Extracts the text of attachments (PDF via pdfjs-dist, DOCX via mammoth; scans and images by OCR, electron/ocr/,
 * page by page with each page's own budget) after registration, one file at a time, and folds it into the search index; between files, it indexes the outgoing documents and drafts queued since
 * (record-indexer.ts), an issued PDF's text once extracted included. Hosts run it in the background; the CLI and tests drain it with runUntilIdle.
 * Files are parsed in the parse worker (electron/parsing/untrusted.ts), under time and memory limits: nothing here
 * runs a parser on the thread serving the API, and registration never waits for it. A file over a limit, or one that
 * does not parse, ends `failed` with its reason ("Không trích được nội dung: …") and is not retried.
 */
export class TextIndexer implements BackgroundIndexer {
  private running: Promise<void> | null = null;
  /** A kick while draining: whatever was committed after its last look is looked at again. */
  private again = false;
  private stopped = false;
  private readonly abort = new AbortController();
  private readonly failedThisRun: string[] = [];
  /**
   * Scans and images are recognised (OCR, page by page, each page with its own budget); off, they stay pending for
   * the next host that runs with it on (`vanphong incoming add --no-wait`: the next browser-mode host or server).
   */
  ocr = true;
  /** When set, only these files are recognised now; other scans are put off (a one-shot command's own files). */
  ocrOnly: ReadonlySet<string> | null = null;
  /** Recognition's progress, page by page, for a host that shows it (the CLI, on stderr). */
  onOcrProgress: ((p: OcrProgress & { sha256: string }) => void) | null = null;

  constructor(
    private readonly app: AppContext,
    private readonly opts: { background: boolean },
  ) {}

  /** Called after a commit that added files. */
  kick(): void {
    if (!this.opts.background || this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.again = false;
    this.running = this.drain()
      .then(() => undefined)
      // A busy database or a disk error ends this round, said once; the next kick (the next commit) tries again.
      .catch((e: Error) => console.error('[vanphong] search indexing stopped:', e.message))
      .finally(() => {
        this.running = null;
        if (this.again) this.kick();
      });
  }

  async runUntilIdle(): Promise<number> {
    // A drain restarted by a kick while the last one ran (`again`) is waited for too.
    while (this.running) await this.running;
    return this.drain();
  }

  status(): IndexStatus {
    const c = blobStatusCounts(this.app.db);
    return { pending: c.pending, done: c.done, failed: c.failed, running: this.running !== null };
  }

  /** Stops at once: a file being read is abandoned (its worker terminated) and stays pending for the next start. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.abort.abort();
    if (this.running) await this.running.catch(() => undefined);
  }

  private async drain(): Promise<number> {
    let n = 0;
    for (;;) {
      if (this.stopped || !this.app.db.open) return n;
      const records = await indexQueuedRecords(this.app, this.abort.signal);
      if (this.stopped || !this.app.db.open) return n;
      const next = nextPendingBlob(this.app.db, this.failedThisRun);
      if (!next) {
        // Records changed while being indexed are queued again: another round, unless none could be done.
        if (records > 0 && queueSize(this.app.db) > 0) continue;
        return n;
      }
      await this.indexOne(next.sha256, next.mime, next.pageCount);
      n++;
      // Yield to the host's event loop between files so API calls stay responsive.
      await new Promise((r) => setImmediate(r));
    }
  }

  private async indexOne(sha256: string, mime: string, pageCount: number | null): Promise<void> {
    const db = this.app.db;
    const signal = this.abort.signal;
    const before = beginBlobAttempt(db, sha256);
    const r: Extraction =
      before >= MAX_ATTEMPTS
        ? { ok: false, reason: INTERRUPTED }
        : await readBlob(this.app.blobs, sha256).then(
            (data) =>
              extractText(mime, data, {
                signal,
                pageCount,
                ocr: this.ocr && (!this.ocrOnly || this.ocrOnly.has(sha256)),
                onOcrProgress: (p) => this.onOcrProgress?.({ ...p, sha256 }),
              }),
            (e: Error): Extraction => {
              console.error(`[vanphong] stored file ${sha256} not read:`, e.message);
              return { ok: false, reason: `${NO_CONTENT}: không đọc được tệp đã lưu.` };
            },
          );
    if (!db.open) return;
    if (signal.aborted || (!r.ok && r.retry)) {
      undoBlobAttempt(db, sha256, before);
      if (!signal.aborted) this.failedThisRun.push(sha256);
      return;
    }
    if (!r.ok) console.error(`[vanphong] text extraction failed for ${sha256}: ${r.reason}`);
    const text = r.ok ? r.text : null;
    const docs = docsUsingBlob(db, sha256);
    const folded: string[] = [];
    // Only a new text changes what the documents' index holds; folding megabytes is done in the worker.
    if (text) for (const docId of docs) folded.push(await foldForIndex(docAttachmentTexts(db, docId, sha256, text), signal));
    if (!db.open) return;
    if (signal.aborted) return undoBlobAttempt(db, sha256, before);
    db.transaction(() => {
      if (r.ok) setBlobText(db, sha256, 'done', r.text, { source: r.source, confidence: r.confidence, note: r.note });
      else setBlobText(db, sha256, 'failed', r.reason);
      if (text) docs.forEach((docId, i) => ftsSetAttachments(db, docId, folded[i]));
      if (text) enqueueOutgoingOfBlob(db, sha256);
    }).immediate();
    if (!r.ok) this.failedThisRun.push(sha256);
  }
}
