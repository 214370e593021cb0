import { z } from 'zod';
import { fileInput } from '../incoming/schemas';
import { optionalText } from '../api/fields';
import { IMPORT_FIELDS, REGISTER_KINDS, type ImportField, type ImportMapping, type RegisterKind } from './fields';

/**
 * Old registers brought in (issue 18): the source is a local path (the desktop app and the CLI: a folder of scans with
 * its register, a .zip of the same, an .xlsx or .csv) or, from a browser, one uploaded .xlsx/.csv/.zip.
 */
export const importSource = z.union(
  [
    z.object({ path: z.string().min(1, { error: 'Chọn tệp hoặc thư mục.' }).max(4096) }).strict(),
    z.object({ file: fileInput }).strict(),
  ],
  { error: 'Chọn tệp sổ (Excel, CSV), tệp ZIP hoặc thư mục.' },
);
export type ImportSource = z.infer<typeof importSource>;

const mappingSchema = z.partialRecord(z.enum(IMPORT_FIELDS), z.number().int().min(0).max(200));

/** Which register the old one goes into; absent: the one its header line names (Số đến… or Người ký, Nơi nhận văn bản…). */
const kind = z.enum(REGISTER_KINDS, { error: 'Sổ phải là sổ văn bản đến hoặc sổ văn bản đi.' }).optional();

export const previewInput = z.object({
  source: importSource,
  kind,
  /** When the header names as many of each register's own columns: the register the văn thư came from. */
  prefer: z.enum(REGISTER_KINDS).optional(),
});

export const runInput = z.object({
  source: importSource,
  kind,
  /** The columns as the văn thư confirmed them; absent: the one remembered for this header line, else the proposal. */
  mapping: mappingSchema.optional(),
  book: optionalText('sổ đăng ký', 200),
  dryRun: z.boolean().default(false),
});

export const jobInput = z.object({ job: z.string().min(1).max(40) });

export const rowsInput = z.object({
  runId: z.number().int().positive(),
  outcome: z.enum(['imported', 'skipped', 'failed']).optional(),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(5000).default(200),
});

export const IMPORT_OUTCOMES = ['imported', 'skipped', 'failed'] as const;
export type ImportOutcome = (typeof IMPORT_OUTCOMES)[number];
export const IMPORT_OUTCOME_LABELS: Record<ImportOutcome, string> = { imported: 'Đã nhập', skipped: 'Bỏ qua', failed: 'Lỗi' };

export interface ImportPreview {
  /** The register's file name (inside the folder or the ZIP). */
  register: string;
  /** The register it goes into. */
  kind: RegisterKind;
  /** Row number (1-based, as the spreadsheet shows it) of the header line; null when none was recognised. */
  headerRow: number | null;
  header: string[];
  /** Up to 20 rows after the header: row number and cells. */
  rows: { row: number; cells: string[] }[];
  mapping: ImportMapping;
  /** Where the mapping came from: one confirmed earlier for this header line, or read from its words. */
  mappingFrom: 'remembered' | 'proposed' | 'none';
  confident: boolean;
  missing: ImportField[];
  /** Data rows in the register (after the header). */
  total: number;
  /** Scans found beside the register (PDF, DOCX, images). */
  files: number;
}

export interface ImportProblem {
  row: number;
  outcome: 'skipped' | 'failed';
  /** Số đến, or the số of an outgoing document. */
  arrivalNumber: number | null;
  reason: string;
}

export interface ImportStatus {
  job: string;
  /** The run in import_runs; null for a dry run (nothing written). */
  runId: number | null;
  dryRun: boolean;
  kind: RegisterKind;
  state: 'running' | 'done' | 'failed' | 'stopped';
  source: string;
  book: string;
  total: number;
  /** Rows dealt with, this run and earlier ones of the same source. */
  done: number;
  imported: number;
  skipped: number;
  failed: number;
  /** Files attached to the records imported (this process's part of the run). */
  files: number;
  /** Seconds left at the current pace; null before it is known. */
  etaSeconds: number | null;
  /** Resumed: rows of an earlier, interrupted run of the same source were already in. */
  resumedAt: number | null;
  /** The first problems (skipped, failed), for the dry run's answer and the progress line. */
  problems: ImportProblem[];
  error: string | null;
  startedAt: string;
  finishedAt: string | null;
}

export interface ImportRunSummary {
  id: number;
  kind: RegisterKind;
  source: string;
  book: string | null;
  state: 'running' | 'done' | 'failed';
  total: number | null;
  imported: number;
  skipped: number;
  failed: number;
  startedAt: string;
  finishedAt: string | null;
}

export interface ImportRowReport {
  row: number;
  outcome: ImportOutcome;
  recordId: number | null;
  /** Số đến, or the số of an outgoing document. */
  arrivalNumber: number | null;
  year: number | null;
  reason: string | null;
}
