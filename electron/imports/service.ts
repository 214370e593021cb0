import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { AppError } from '../../shared/api/result';
import type { MethodParsed } from '../../shared/api/contract';
import { detectHeader, headerKeyOf, type HeaderGuess, IMPORT_FIELD_LABELS, IMPORT_FIELDS, missingFields, REGISTER_KIND_LABELS, type ImportMapping, type RegisterKind } from '../../shared/imports/fields';
import type { ImportPreview, ImportProblem, ImportRowReport, ImportRunSummary, ImportStatus } from '../../shared/imports/schemas';
import type { AppContext } from '../app/context';
import { currentActor } from '../app/caller';
import { audit } from '../audit/record';
import { immediate } from '../db/connection';
import { requireBook } from '../directory/service';
import type { RegisterBook } from '../../shared/directory/schemas';
import { openSource, readRegisterRows, ScanIndex, type OpenedSource } from './source';
import type { ReadRegisterOutput } from './read-register';
import { readOutgoingRow, readRow } from './row';
import { incomingTarget, writeBatch, type PendingRow, type RowContext } from './write';
import { outgoingTarget } from './write-outgoing';
import * as repo from './repo';

/**
 * Old registers brought in (issue 18): `imports.preview` reads the header and the first rows, `imports.run` starts or
 * resumes a run that goes on in the background, row after row (each row one transaction: the record, its scans and
 * the row's outcome — a kill between rows loses nothing and duplicates nothing), `imports.status` says how far it is.
 * A run is keyed by the register's hash, the book and the mapping: the same command again continues where it stopped.
 */

const PREVIEW_ROWS = 20;
/** Title lines and the header are looked for among the first rows. */
const HEAD_ROWS = 30;
const MAX_PROBLEMS = 20;
const BATCH = 16;

interface Job {
  status: ImportStatus;
  done: Promise<void>;
  abort: AbortController;
}
const jobs = new Map<string, Job>();
let dryRuns = 0;

/** Test hooks: stop a run after this many rows (a kill, simulated), or pause between rows. */
export interface RunHooks {
  stopAfter?: number;
}

export async function preview(app: AppContext, input: MethodParsed<'imports.preview'>, via?: string): Promise<ImportPreview> {
  const src = await openSource(app, input.source, via);
  const read = await readRegisterRows(src, { previewRows: HEAD_ROWS + PREVIEW_ROWS });
  const head = read.preview.slice(0, HEAD_ROWS);
  const guess = guessHeader(app, head.map((r) => r.cells), input.kind, input.prefer);
  const scans = new ScanIndex(src.scanRoot, src.register, app.maxFileBytes).count;
  const register = src.registerName;
  if (!guess) {
    const kind = input.kind ?? 'incoming';
    return { register, kind, headerRow: null, header: [], rows: read.preview.slice(0, PREVIEW_ROWS), mapping: {}, mappingFrom: 'none', confident: false, missing: missingFields({}, kind), total: read.rows, files: scans };
  }
  const header = head[guess.index].cells;
  const remembered = rememberedMapping(app, header, guess.kind);
  const mapping = remembered ?? guess.mapping;
  return {
    register,
    kind: guess.kind,
    headerRow: head[guess.index].row,
    header,
    rows: read.preview.slice(guess.index + 1, guess.index + 1 + PREVIEW_ROWS),
    mapping,
    mappingFrom: remembered ? 'remembered' : 'proposed',
    confident: remembered ? missingFields(remembered, guess.kind).length === 0 : guess.confident,
    missing: missingFields(mapping, guess.kind),
    total: read.rows - guess.index - 1,
    files: scans,
  };
}

/**
 * The header line and its register: as asked; else as its columns say — unless the văn thư confirmed this header line
 * for the other register only, which then it is.
 */
function guessHeader(app: AppContext, rows: string[][], kind: RegisterKind | undefined, prefer?: RegisterKind): HeaderGuess | null {
  const guess = detectHeader(rows, kind, prefer);
  if (!guess || kind) return guess;
  const other: RegisterKind = guess.kind === 'incoming' ? 'outgoing' : 'incoming';
  const header = rows[guess.index];
  if (!rememberedMapping(app, header, guess.kind) && rememberedMapping(app, header, other)) return detectHeader(rows, other);
  return guess;
}

function rememberedMapping(app: AppContext, header: string[], kind: RegisterKind): ImportMapping | undefined {
  const saved = repo.mappingFor(app.db, headerKeyOf(header), kind);
  return saved ? (JSON.parse(saved) as ImportMapping) : undefined;
}

const canonical = (m: ImportMapping) => JSON.stringify(Object.fromEntries(IMPORT_FIELDS.filter((f) => m[f] !== undefined).map((f) => [f, m[f]])));

function mappingText(m: ImportMapping, header: string[]): string {
  return IMPORT_FIELDS.filter((f) => m[f] !== undefined)
    .map((f) => `${IMPORT_FIELD_LABELS[f]}=${header[m[f]!] ? `«${header[m[f]!]}»` : `cột ${m[f]! + 1}`}`)
    .join(', ');
}

export async function run(app: AppContext, input: MethodParsed<'imports.run'>, via?: string, hooks: RunHooks = {}): Promise<ImportStatus> {
  const src = await openSource(app, input.source, via);
  fs.mkdirSync(src.workDir, { recursive: true });
  // The rows as read for this job (its own file: another job of the same source may be reading its own).
  const rowsFile = path.join(src.workDir, `rows-${process.pid}-${crypto.randomBytes(4).toString('hex')}.ndjson`);
  const read = await readRegisterRows(src, { out: rowsFile, previewRows: HEAD_ROWS }).catch((e: unknown) => {
    fs.rmSync(rowsFile, { force: true });
    throw e;
  });
  try {
    return await planRun(app, input, src, rowsFile, read, hooks);
  } catch (e) {
    fs.rmSync(rowsFile, { force: true });
    throw e;
  }
}

async function planRun(app: AppContext, input: MethodParsed<'imports.run'>, src: OpenedSource, rowsFile: string, read: ReadRegisterOutput, hooks: RunHooks): Promise<ImportStatus> {
  const guess = guessHeader(app, read.preview.map((r) => r.cells), input.kind);
  if (!guess) {
    const columns = input.kind === 'outgoing' ? 'Số, ký hiệu, Ngày văn bản, Trích yếu, Người ký, Nơi nhận…' : 'Số đến, Ngày đến, Tác giả, Số ký hiệu…';
    throw new AppError('VALIDATION', `Không nhận ra dòng tiêu đề của sổ «${path.basename(src.register)}» (${columns}).`, { field: 'mapping' });
  }
  const kind = guess.kind;
  const header = read.preview[guess.index].cells;
  const headerRow = read.preview[guess.index].row;
  const remembered = rememberedMapping(app, header, kind);
  const mapping = input.mapping ?? remembered ?? guess.mapping;
  if (!input.mapping && !remembered && !guess.confident) {
    throw new AppError('VALIDATION', `Chưa chắc cách ghép cột: ${mappingText(guess.mapping, header) || 'không cột nào'}. Xác nhận hoặc sửa cách ghép cột rồi chạy lại.`, {
      field: 'mapping',
      details: { mapping: guess.mapping, missing: guess.missing, header },
    });
  }
  const missing = missingFields(mapping, kind);
  if (missing.length) throw new AppError('VALIDATION', `Chưa chọn cột cho: ${missing.map((f) => IMPORT_FIELD_LABELS[f]).join(', ')}.`, { field: 'mapping', details: { missing } });
  const book = requireBook(app, kind, input.book);
  if (kind === 'outgoing' && book.numbering === 'term' && (!book.termStart || !book.termEnd)) {
    throw new AppError('VALIDATION', `Sổ «${book.name}» đánh số theo nhiệm kỳ nhưng chưa có ngày bắt đầu và kết thúc nhiệm kỳ: đặt nhiệm kỳ cho sổ rồi nhập.`, { field: 'book' });
  }
  if (book.secret) {
    throw new AppError('VALIDATION', `Sổ «${book.name}» là sổ văn bản mật: sổ cũ nhập vào ${REGISTER_KIND_LABELS[kind].toLowerCase()} thường; văn bản mật vào sổ bằng tay.`, { field: 'book' });
  }
  const total = read.rows - guess.index - 1;
  const now = app.nowIso();
  const base = { dryRun: input.dryRun, kind, source: src.display, book: book.name, total, files: 0, etaSeconds: null, problems: [], error: null, startedAt: now, finishedAt: null };

  if (input.dryRun) {
    const job = `dry-${++dryRuns}`;
    const status: ImportStatus = { ...base, job, runId: null, state: 'running', done: 0, imported: 0, skipped: 0, failed: 0, resumedAt: null };
    return start(app, status, { src, rowsFile, headerRow, mapping, book, kind, runId: null }, hooks);
  }

  if (input.mapping) immediate(app.db, () => repo.saveMapping(app.db, headerKeyOf(header), kind, canonical(input.mapping!), now));
  const key = crypto.createHash('sha256').update(`${src.hash}|${kind}|${book.id}|${canonical(mapping)}|${headerRow}`).digest('hex');
  const earlier = repo.runByKey(app.db, key);
  const running = earlier && jobs.get(`run-${earlier.id}`);
  if (running && running.status.state === 'running') {
    fs.rmSync(rowsFile, { force: true });
    return { ...running.status, problems: [...running.status.problems] };
  }
  let runId: number;
  let resumedAt: number | null = null;
  if (earlier) {
    runId = earlier.id;
    resumedAt = earlier.imported + earlier.skipped + earlier.failed > 0 ? earlier.next_row : null;
    immediate(app.db, () => {
      repo.setRunState(app.db, runId, 'running', now);
      audit(app, 'import.resume', 'import_run', runId, { source: src.display, book: book.name, nextRow: earlier.next_row });
    });
  } else {
    runId = immediate(app.db, () => {
      const id = repo.insertRun(app.db, { key, source: src.display, kind, bookId: book.id, mapping: canonical(mapping), total, userId: currentActor()?.id ?? null, now });
      audit(app, 'import.start', 'import_run', id, { source: src.display, register: REGISTER_KIND_LABELS[kind], book: book.name, rows: total, mapping: mappingText(mapping, header) });
      return id;
    });
  }
  const r = repo.getRun(app.db, runId)!;
  const status: ImportStatus = {
    ...base,
    job: `run-${runId}`,
    runId,
    state: 'running',
    done: r.imported + r.skipped + r.failed,
    imported: r.imported,
    skipped: r.skipped,
    failed: r.failed,
    resumedAt,
  };
  return start(app, status, { src, rowsFile, headerRow, mapping, book, kind, runId }, hooks);
}

interface Plan {
  src: OpenedSource;
  rowsFile: string;
  headerRow: number;
  mapping: ImportMapping;
  book: RegisterBook;
  kind: RegisterKind;
  runId: number | null;
}

function start(app: AppContext, status: ImportStatus, plan: Plan, hooks: RunHooks): ImportStatus {
  const abort = new AbortController();
  const job: Job = { status, abort, done: Promise.resolve() };
  // Ended jobs are kept for their status a while (the screen, the CLI ask after the end): the last 50.
  const ended = [...jobs].filter(([, j]) => j.status.state !== 'running');
  for (const [k] of ended.slice(0, Math.max(0, ended.length - 50))) jobs.delete(k);
  jobs.set(status.job, job);
  job.done = loop(app, job, plan, hooks).catch((e: unknown) => {
    job.status.state = 'failed';
    job.status.error = e instanceof AppError ? e.message : `Lỗi không mong đợi: ${(e as Error)?.message ?? e}`;
    if (plan.runId !== null && app.db.open) repo.setRunState(app.db, plan.runId, 'failed', app.nowIso());
  });
  return { ...status, problems: [...status.problems] };
}

/** Waits for a job to end (the CLI and tests; the screens poll imports.status). */
export async function finished(job: string): Promise<ImportStatus> {
  const j = jobs.get(job);
  if (!j) throw new AppError('NOT_FOUND', 'Không có lượt nhập này.', { field: 'job' });
  await j.done;
  return { ...j.status, problems: [...j.status.problems] };
}

async function loop(app: AppContext, job: Job, plan: Plan, hooks: RunHooks): Promise<void> {
  const s = job.status;
  const scans = new ScanIndex(plan.src.scanRoot, plan.src.register, app.maxFileBytes);
  const who = currentActor();
  const ctx: RowContext = {
    app,
    kind: plan.kind,
    target: plan.kind === 'outgoing' ? outgoingTarget : incomingTarget,
    book: plan.book,
    runId: plan.runId,
    source: plan.src.display,
    registerName: plan.src.registerName,
    actor: who ? { id: who.id, name: who.fullName } : null,
    seen: plan.runId === null ? new Set() : null,
    pendingFiles: false,
  };
  const t0 = performance.now();
  const doneBefore = s.done;
  // Tests that kill a run half-way (a real kill -9 of the CLI) slow it down to have a "half-way" to kill it at.
  const delayMs = Number(process.env.VANPHONG_IMPORT_ROW_DELAY_MS) || 0;
  let handled = 0;
  // Rows written per transaction (each row its own savepoint): one commit for a few rows, a short hold on the writer.
  const batchSize = hooks.stopAfter !== undefined || delayMs ? 1 : BATCH;
  let batch: PendingRow[] = [];
  const flush = async (): Promise<boolean> => {
    const results = writeBatch(ctx, batch, scans);
    batch = [];
    for (const o of results) {
      if (o.retry) {
        s.failed--;
        s.done--;
      }
      s[o.outcome]++;
      s.done++;
      s.files += o.files;
      if (o.outcome !== 'imported' && s.problems.length < MAX_PROBLEMS) s.problems.push({ row: o.rowNo, outcome: o.outcome, arrivalNumber: o.number, reason: o.reason ?? '' });
      handled++;
    }
    const perRow = (performance.now() - t0) / Math.max(1, handled);
    s.etaSeconds = Math.max(0, Math.round(((s.total - s.done) * perRow) / 1000));
    if (ctx.pendingFiles) app.indexer.kick();
    ctx.pendingFiles = false;
    if (delayMs) await new Promise((res) => setTimeout(res, delayMs));
    else await new Promise((res) => setImmediate(res));
    return hooks.stopAfter !== undefined && s.done - doneBefore >= hooks.stopAfter;
  };
  const lines = readline.createInterface({ input: fs.createReadStream(plan.rowsFile, { encoding: 'utf8' }), crlfDelay: Infinity });
  try {
    for await (const line of lines) {
      if (!line) continue;
      const [rowNo, cells] = JSON.parse(line) as [number, string[]];
      if (rowNo <= plan.headerRow) continue;
      if (job.abort.signal.aborted || !app.db.open) {
        s.state = 'stopped';
        return;
      }
      const earlier = plan.runId === null ? undefined : repo.rowOutcome(app.db, plan.runId, rowNo);
      if (earlier && earlier !== 'failed') continue;
      const read = plan.kind === 'outgoing' ? readOutgoingRow(cells, plan.mapping, app.today()) : readRow(cells, plan.mapping, app.today());
      batch.push({ rowNo, retry: earlier === 'failed', read });
      if (batch.length >= batchSize && (await flush())) {
        s.state = 'stopped';
        return;
      }
    }
    if (batch.length && (await flush())) {
      s.state = 'stopped';
      return;
    }
  } finally {
    lines.close();
    fs.rmSync(plan.rowsFile, { force: true });
  }
  s.state = 'done';
  s.etaSeconds = 0;
  s.finishedAt = app.nowIso();
  if (plan.runId !== null) {
    const runId = plan.runId;
    immediate(app.db, () => {
      repo.setRunState(app.db, runId, 'done', s.finishedAt!);
      audit(app, 'import.finish', 'import_run', runId, { source: s.source, book: s.book, imported: s.imported, skipped: s.skipped, failed: s.failed });
    });
    fs.rmSync(plan.src.workDir, { recursive: true, force: true });
  }
}

export function status(app: AppContext, input: MethodParsed<'imports.status'>): ImportStatus {
  const live = jobs.get(input.job);
  if (live) return { ...live.status, problems: [...live.status.problems] };
  const m = /^run-(\d+)$/.exec(input.job);
  const r = m ? repo.getRun(app.db, Number(m[1])) : undefined;
  if (!r) throw new AppError('NOT_FOUND', 'Không có lượt nhập này (lượt chạy thử không được lưu).', { field: 'job' });
  const problems: ImportProblem[] = repo.problems(app.db, r.id, MAX_PROBLEMS).map((p) => ({ row: p.row_no, outcome: p.outcome, arrivalNumber: null, reason: p.reason ?? '' }));
  return {
    job: input.job,
    runId: r.id,
    dryRun: false,
    kind: r.kind,
    // A run left 'running' by a process that ended (a kill): stopped, resumed by running the same import again.
    state: r.state === 'running' ? 'stopped' : r.state,
    source: r.source,
    book: r.book_name ?? '',
    total: r.total ?? 0,
    done: r.imported + r.skipped + r.failed,
    imported: r.imported,
    skipped: r.skipped,
    failed: r.failed,
    files: 0,
    etaSeconds: null,
    resumedAt: null,
    problems,
    error: null,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
  };
}

export const list = (app: AppContext): ImportRunSummary[] => repo.listRuns(app.db);

export function rows(app: AppContext, input: MethodParsed<'imports.rows'>): { rows: ImportRowReport[]; total: number } {
  const run = repo.getRun(app.db, input.runId);
  if (!run) throw new AppError('NOT_FOUND', 'Không có lượt nhập này.', { field: 'runId' });
  return repo.listRows(app.db, input.runId, run.kind, input.outcome, input.offset, input.limit);
}

/** Stops this process's runs (the app closing); each stops between two rows. */
export async function stopAll(): Promise<void> {
  for (const j of jobs.values()) j.abort.abort();
  await Promise.all([...jobs.values()].map((j) => j.done));
}
