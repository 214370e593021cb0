import { AppError } from '../../shared/api/result';
import type { AppContext } from '../app/context';
import { blobVisible, type Viewer } from '../scope/repo';
import { viewerOf } from '../scope/viewer';
import type { AttachmentText } from '../../shared/attachments/schemas';
import { blobText, isReferencedBlob } from './repo';

const notFound = () => new AppError('NOT_FOUND', 'Không tìm thấy tệp đính kèm.');

/**
 * A stored file's bytes, for files some record references only (others are inert until registered), and only when the
 * caller may read one of those records (scope/repo.ts): a secret document's file is not found for anyone else.
 */
export function readReferencedBlob(app: AppContext, sha256: string): Uint8Array {
  if (!isReferencedBlob(app.db, sha256) || !blobVisible(app.db, sha256, viewerOf(app)) || !app.blobs.has(sha256)) throw notFound();
  return app.blobs.read(sha256);
}

/**
 * A referenced stored file's text (its own, or recognised by OCR) with where it came from, under the same check as
 * its bytes: NOT_FOUND for a file no record references or the caller may not read.
 */
export function readReferencedText(app: AppContext, sha256: string): AttachmentText {
  if (!isReferencedBlob(app.db, sha256) || !blobVisible(app.db, sha256, viewerOf(app))) throw notFound();
  const t = blobText(app.db, sha256);
  if (!t) throw notFound();
  if (t.status === 'failed') return { status: 'failed', text: null, source: null, confidence: null, note: t.text };
  return { status: t.status, text: t.status === 'done' ? (t.text ?? '') : null, source: t.source, confidence: t.confidence, note: t.note };
}

/** Where a referenced stored file is, for the HTTP hosts to stream it (no 300 MB JSON body); NOT_FOUND otherwise. */
export function referencedBlobFile(app: AppContext, sha256: string, viewer: Viewer): { path: string; mime: string } {
  const blob = /^[0-9a-f]{64}$/.test(sha256) ? isReferencedBlob(app.db, sha256) : undefined;
  if (!blob || !blobVisible(app.db, sha256, viewer) || !app.blobs.has(sha256)) throw notFound();
  return { path: app.blobs.pathOf(sha256), mime: blob.mime };
}
