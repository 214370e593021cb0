import type { MethodParsed } from '../../shared/api/contract';
import type { ExtractOutput, IntakeProgress } from '../../shared/intake/schemas';
import type { AppContext } from '../app/context';
import type { Session } from '../app/caller';
import { listOrganizations } from '../directory/repo';
import { extractFile, INTAKE_MAX_BYTES } from './extract';
import { cancelJob, progressOf, startJob } from './jobs';

/** The directory entries an organ is matched against (a large office keeps a few thousand). */
const DIRECTORY_LIMIT = 20_000;

/** The file limit of an extraction: the app's attachment limit, and never more than INTAKE_MAX_BYTES. */
export const maxIntakeBytes = (app: AppContext) => Math.min(app.maxFileBytes, INTAKE_MAX_BYTES);

export async function extract(app: AppContext, input: MethodParsed<'intake.extract'>, session: Session): Promise<ExtractOutput> {
  const job = startJob(session.caller!.id, input.job);
  try {
    return await extractFile(input.file, {
      signal: job.signal,
      onProgress: job.report,
      maxBytes: maxIntakeBytes(app),
      now: app.clock(),
      directory: listOrganizations(app.db, undefined, DIRECTORY_LIMIT).map((o) => ({ id: o.id, name: o.name, shortName: o.shortName })),
    });
  } finally {
    job.end();
  }
}

export function progress(_app: AppContext, input: MethodParsed<'intake.progress'>, session: Session): IntakeProgress | null {
  return progressOf(session.caller!.id, input.job);
}

export function cancel(_app: AppContext, input: MethodParsed<'intake.cancel'>, session: Session): { cancelled: boolean } {
  return { cancelled: cancelJob(session.caller!.id, input.job) };
}
