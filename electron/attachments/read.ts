import { AppError } from '../../shared/api/result';
import type { AppContext } from '../app/context';
import { isReferencedBlob } from './repo';

/** A stored file's bytes, for files some record references only (others are inert until registered). */
export function readReferencedBlob(app: AppContext, sha256: string): Uint8Array {
  if (!isReferencedBlob(app.db, sha256) || !app.blobs.has(sha256)) throw new AppError('NOT_FOUND', 'Không tìm thấy tệp đính kèm.');
  return app.blobs.read(sha256);
}
