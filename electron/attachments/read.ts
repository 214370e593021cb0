import { AppError } from '../../shared/api/result';
import type { AppContext } from '../app/context';
import { isReferencedBlob } from './repo';

/** A stored file's bytes, for files some record references only (others are inert until registered). */
export function readReferencedBlob(app: AppContext, sha256: string): Uint8Array {
  if (!isReferencedBlob(app.db, sha256) || !app.blobs.has(sha256)) throw new AppError('NOT_FOUND', 'Không tìm thấy tệp đính kèm.');
  return app.blobs.read(sha256);
}

/** Where a referenced stored file is, for the HTTP hosts to stream it (no 300 MB JSON body); NOT_FOUND otherwise. */
export function referencedBlobFile(app: AppContext, sha256: string): { path: string; mime: string } {
  const blob = /^[0-9a-f]{64}$/.test(sha256) ? isReferencedBlob(app.db, sha256) : undefined;
  if (!blob || !app.blobs.has(sha256)) throw new AppError('NOT_FOUND', 'Không tìm thấy tệp đính kèm.');
  return { path: app.blobs.pathOf(sha256), mime: blob.mime };
}
