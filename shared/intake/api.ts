import { method, type MethodTable } from '../api/define';
import type { intakeAccess } from './access';
import { extractInput, jobInput, type ExtractOutput, type IntakeProgress } from './schemas';

export const intakeMethods = {
  /** A file (PDF, DOCX, image, .eml, .txt, .md) read into a proposal for the registration form; nothing is registered. */
  'intake.extract': method<typeof extractInput, ExtractOutput>(extractInput),
  /** How far the caller's extraction `job` is (OCR page by page); null when it is not running. */
  'intake.progress': method<typeof jobInput, IntakeProgress | null>(jobInput),
  /** Stops the caller's extraction `job`; it answers with a refusal saying it was cancelled. */
  'intake.cancel': method<typeof jobInput, { cancelled: boolean }>(jobInput),
} satisfies MethodTable<typeof intakeAccess>;
