import { AppError } from '../../shared/api/result';
import type { FileInput } from '../../shared/incoming/schemas';
import type { AppContext } from '../app/context';
import { BlobStore } from '../attachments/blob-store';
import { sniffFile } from '../attachments/sniff';
import { inspectPdf } from '../attachments/extract-text';
import { upsertBlob, type TextStatus } from '../attachments/repo';
import { imageMayHoldText } from '../ocr/image-size';
import { verifyUntrusted } from '../signing/verify-untrusted';
import { saveBlobSignatures, trustedDers } from '../signing/repo';
import type { VerifyResult } from '../../shared/signing/schemas';

export interface PreparedFile {
  name: string;
  data: Uint8Array;
  sha256: string;
  size: number;
  mime: string;
  pageCount: number | null;
  textStatus: TextStatus;
  /** PDFs only: what the verifier found, stored for the registers' badge. */
  signatures: VerifyResult | null;
}

/**
 * Checks every incoming file before anything is written: size limits, content against extension, and that a PDF
 * parses. Files from outside are hostile until this passes. Throws an AppError naming the file (field attachments.N).
 */
export async function prepareFiles(app: AppContext, files: FileInput[]): Promise<PreparedFile[]> {
  const out: PreparedFile[] = [];
  let trust: Uint8Array[] | null = null;
  for (const [i, f] of files.entries()) {
    const field = `attachments.${i}`;
    try {
      if (f.data.byteLength === 0) throw new AppError('FILE_EMPTY', `Tệp «${f.name}» rỗng (0 byte).`);
      if (f.data.byteLength > app.maxFileBytes) {
        const mb = (n: number) => (n / 1024 / 1024).toLocaleString('vi-VN', { maximumFractionDigits: 1 });
        throw new AppError(
          'FILE_TOO_LARGE',
          `Tệp «${f.name}» dung lượng ${mb(f.data.byteLength)} MB, vượt giới hạn ${mb(app.maxFileBytes)} MB.`,
        );
      }
      const kind = sniffFile(f.name, f.data);
      const pageCount = kind.ext === 'pdf' ? (await inspectPdf(f.data, f.name)).pageCount : null;
      out.push({
        name: f.name,
        data: f.data,
        sha256: BlobStore.sha256(f.data),
        size: f.data.byteLength,
        mime: kind.mime,
        pageCount,
        // Images are read by OCR (electron/ocr/), unless too small to hold a line of text.
        textStatus: kind.ext === 'pdf' || kind.ext === 'docx' || imageMayHoldText(f.data) ? 'pending' : 'none',
        signatures: kind.ext === 'pdf' ? await verifyUntrusted(f.data, (trust ??= trustedDers(app.db))) : null,
      });
    } catch (e) {
      if (e instanceof AppError) throw new AppError(e.code, e.message, { field, details: e.details });
      throw e;
    }
  }
  return out;
}

/** Writes the files to the content-addressed store (outside the transaction: a stored blob is inert until referenced). */
export function storeFiles(app: AppContext, files: PreparedFile[]): void {
  for (const f of files) app.blobs.put(f.data);
}

/** Inside the command's transaction: record what we know of each blob. */
export function recordBlobs(app: AppContext, files: PreparedFile[]): void {
  const now = app.nowIso();
  for (const f of files) {
    upsertBlob(app.db, { ...f, now });
    if (f.signatures?.status) saveBlobSignatures(app.db, f.sha256, f.signatures.status, f.signatures.signatures, now);
  }
}
