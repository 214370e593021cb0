import type { RegisterBook } from '../../shared/directory/schemas';
import type { RegisterKind } from '../../shared/imports/fields';
import type { AppContext } from '../app/context';
import type { PreparedFile } from '../incoming/intake';
import type { ReadOutgoingRow, ReadRow } from './row';

/** What writing one row of an old register needs, whichever register it goes into. */
export interface RowContext {
  app: AppContext;
  kind: RegisterKind;
  target: Target;
  book: RegisterBook;
  /** null: a dry run, which writes nothing. */
  runId: number | null;
  source: string;
  /** The register's file name (the source may be a folder or a ZIP holding it). */
  registerName: string;
  actor: { id: number; name: string } | null;
  /** A dry run's numbers so far (a real run finds them in the register). */
  seen: Set<string> | null;
  pendingFiles: boolean;
}

export interface RowOutcome {
  outcome: 'imported' | 'skipped' | 'failed';
  number: number | null;
  reason: string | null;
  files: number;
}

export type AnyRow = ReadRow | ReadOutgoingRow;
export type OkRow = Extract<AnyRow, { ok: true }>;

export interface PendingRow {
  rowNo: number;
  /** The row had failed in an earlier pass and is tried again. */
  retry: boolean;
  read: AnyRow;
}

/** The register a run writes into: how a row's number and document are found taken, and how a row is written. */
export interface Target {
  /** "Số đến" / "Số": the number as the messages name it. */
  numberNoun: string;
  /** The scans found for a row it keeps (the outgoing register: the document's PDF) and those it leaves; absent: all. */
  pick?(files: string[]): { keep: string[]; ignored: string[] };
  /** Why the row cannot be written at all (failed, tried again by a re-run once the cause is mended), or null. */
  invalid?(ctx: RowContext, r: OkRow): string | null;
  /** What must be unique within the register's file (its number in its period, …), each with the message of a repeat. */
  fileKeys(ctx: RowContext, r: OkRow): { key: string; message: string }[];
  /** Why the row is not written (its number taken, the same document already there: skipped), or null. */
  taken(ctx: RowContext, r: OkRow): string | null;
  /** Writes the row's record, inside the batch's transaction (its own savepoint), and returns its id. */
  write(ctx: RowContext, row: PendingRow, r: OkRow, files: PreparedFile[], now: string, ignored: string[]): number;
}
