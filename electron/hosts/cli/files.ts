import fs from 'node:fs';
import { AppError } from '../../../shared/api/result';

/** The one atomic write (temporary name, fsync, rename) of the CLI's --out files and the exchange outbox. */
export { writeAtomically } from '../../exchange/transport-folder';

/** A file the user named on the command line: refused with a Vietnamese message when it is missing or not a file. */
export function requireFile(p: string, what = 'tệp', field?: string): string {
  if (!fs.existsSync(p) || !fs.statSync(p).isFile()) throw new AppError('NOT_FOUND', `Không tìm thấy ${what} «${p}».`, field ? { field } : {});
  return p;
}
