import type { AppContext, BackgroundIndexer } from '../app/context';
import { foldVietnamese } from '../../shared/text/fold';
import { extractText } from '../attachments/extract-text';
import { blobStatusCounts, nextPendingBlob, setBlobText } from '../attachments/repo';
import { attachmentTexts, docsUsingBlob, ftsSetAttachments } from './repo';
import type { IndexStatus } from '../../shared/search/schemas';

/**
 * Extracts the text of attachments (PDF via pdfjs-dist, DOCX via mammoth) after registration, one file at a time,
 * and folds it into the search index. Hosts run it in the background; the CLI and tests drain it with runUntilIdle.
 */
export class TextIndexer implements BackgroundIndexer {
  private running: Promise<void> | null = null;
  private stopped = false;
  private readonly failedThisRun: string[] = [];

  constructor(
    private readonly app: AppContext,
    private readonly opts: { background: boolean },
  ) {}

  /** Called after a commit that added files. */
  kick(): void {
    if (this.opts.background && !this.stopped && !this.running) {
      this.running = this.drain()
        .then(() => undefined)
        .finally(() => {
        this.running = null;
      });
    }
  }

  async runUntilIdle(): Promise<number> {
    if (this.running) await this.running;
    return this.drain();
  }

  status(): IndexStatus {
    const c = blobStatusCounts(this.app.db);
    return { pending: c.pending, done: c.done, failed: c.failed, running: this.running !== null };
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.running) await this.running.catch(() => undefined);
  }

  private async drain(): Promise<number> {
    let n = 0;
    for (;;) {
      if (this.stopped && this.opts.background) return n;
      const next = nextPendingBlob(this.app.db, this.failedThisRun);
      if (!next) return n;
      await this.indexOne(next.sha256, next.mime);
      n++;
      // Yield to the host's event loop between files so API calls stay responsive.
      await new Promise((r) => setImmediate(r));
    }
  }

  private async indexOne(sha256: string, mime: string): Promise<void> {
    let text: string | null = null;
    try {
      text = await extractText(mime, this.app.blobs.read(sha256));
    } catch (e) {
      console.error(`[vanphong] text extraction failed for ${sha256}:`, (e as Error).message);
    }
    if (this.app.db.open === false) return;
    const db = this.app.db;
    db.transaction(() => {
      setBlobText(db, sha256, text === null ? 'failed' : 'done', text);
      for (const docId of docsUsingBlob(db, sha256)) {
        ftsSetAttachments(db, docId, foldVietnamese(attachmentTexts(db, docId).join('\n')));
      }
    }).immediate();
    if (text === null) this.failedThisRun.push(sha256);
  }
}
