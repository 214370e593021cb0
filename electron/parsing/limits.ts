/**
 * What one untrusted file may cost. Every parser of outside input (attachments' PDF and DOCX) runs in a worker thread
 * under these limits (electron/parsing/untrusted.ts); a file over any of them is "không trích được nội dung", never a
 * frozen host. The values are plain data so they cross into the worker with each task.
 */
export interface ParseLimits {
  /** Wall-clock time of one task, from the moment a worker takes it. */
  timeMs: number;
  /** The worker's V8 old-generation heap (Worker resourceLimits). */
  heapMb: number;
  /**
   * The worker's V8 heap plus its external memory (ArrayBuffers: decompressed streams, which resourceLimits does not
   * cover), polled every `pollMs` from the calling thread; the task's input size is added to it.
   */
  workerMemoryMb: number;
  /** Growth of the whole process's RSS above its level when the task started (a backstop for native memory). */
  rssGrowthMb: number;
  pollMs: number;
  /** Extracted text kept per file (characters); the rest is cut off. */
  maxTextChars: number;
  /** Pages whose text is extracted; later pages are left out. */
  maxPages: number;
  /** Largest declared (and actual) uncompressed size of one XML part of a DOCX/XLSX. */
  maxZipEntryBytes: number;
  /** Largest uncompressed/compressed ratio of one ZIP entry over 1 MiB (deflate tops out near 1032). */
  maxZipRatio: number;
}

export const DEFAULT_PARSE_LIMITS: Readonly<ParseLimits> = Object.freeze({
  timeMs: 20_000,
  heapMb: 384,
  workerMemoryMb: 160,
  rssGrowthMb: 256,
  pollMs: 20,
  // 1 MB of text (some 500 pages) is plenty to find a document; writing 5 MB into the index held the API's thread 280 ms.
  maxTextChars: 1024 * 1024,
  maxPages: 2_000,
  maxZipEntryBytes: 64 * 1024 * 1024,
  maxZipRatio: 200,
});

let overrides: Partial<ParseLimits> = {};

/** Changes the limits for this process (tests shorten the time limit); `null` restores the defaults. */
export function setParseLimits(next: Partial<ParseLimits> | null): void {
  overrides = next ?? {};
}

/** The limits in force: defaults, then VANPHONG_PARSE_TIME_MS / VANPHONG_PARSE_RSS_MB, then setParseLimits. */
export function parseLimits(env: NodeJS.ProcessEnv = process.env): ParseLimits {
  const fromEnv: Partial<ParseLimits> = {};
  const t = Number(env.VANPHONG_PARSE_TIME_MS);
  if (t > 0) fromEnv.timeMs = t;
  const r = Number(env.VANPHONG_PARSE_RSS_MB);
  if (r > 0) fromEnv.rssGrowthMb = r;
  return { ...DEFAULT_PARSE_LIMITS, ...fromEnv, ...overrides };
}

/** Why a file's content could not be read: stored with the blob and shown to users (Vietnamese). */
export const NO_CONTENT = 'Không trích được nội dung';

export type LimitKind = 'time' | 'memory' | 'crash' | 'unavailable';

/** What stopped a file, as the end of a sentence ("tệp cần quá 20 giây để đọc"). */
export function limitDetail(kind: LimitKind, limits: ParseLimits): string {
  switch (kind) {
    case 'time':
      return `tệp cần quá ${(limits.timeMs / 1000).toLocaleString('vi-VN', { maximumFractionDigits: 3 })} giây để đọc`;
    case 'memory':
      return 'tệp cần quá nhiều bộ nhớ để đọc';
    case 'crash':
      return 'trình đọc tệp dừng bất thường';
    case 'unavailable':
      return 'không khởi động được trình đọc tệp';
  }
}

/** The reason stored with an attachment whose text could not be extracted. */
export function limitReason(kind: LimitKind, limits: ParseLimits): string {
  return `${NO_CONTENT}: ${limitDetail(kind, limits)}.`;
}
