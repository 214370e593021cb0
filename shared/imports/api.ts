import { empty, method, type MethodTable } from '../api/define';
import type { importsAccess } from './access';
import { jobInput, previewInput, rowsInput, runInput, type ImportPreview, type ImportRowReport, type ImportRunSummary, type ImportStatus } from './schemas';

export const importsMethods = {
  /** Reads the register's header and first rows; proposes (or recalls) the columns' mapping. Nothing is written. */
  'imports.preview': method<typeof previewInput, ImportPreview>(previewInput),
  /** Starts (or resumes: same source, book and mapping) an import, or a dry run; answers at once with its job. */
  'imports.run': method<typeof runInput, ImportStatus>(runInput),
  /** How far a job is: counts, time left, the first problems. */
  'imports.status': method<typeof jobInput, ImportStatus>(jobInput),
  /** The imports run here, newest first. */
  'imports.list': method<typeof empty, ImportRunSummary[]>(empty),
  /** A run's per-row report (filter by outcome). */
  'imports.rows': method<typeof rowsInput, { rows: ImportRowReport[]; total: number }>(rowsInput),
} satisfies MethodTable<typeof importsAccess>;
