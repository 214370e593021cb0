import { AppError } from '../../shared/api/result';
import { propose } from '../../shared/intake/propose';
import type { DirectoryEntry } from '../../shared/intake/match';
import { INTAKE_MAX_BYTES, type ExtractOutput, type IntakeProgress } from '../../shared/intake/schemas';
import { readIntakeFile, type IntakeFile, type ReadOptions } from './read';

/**
 * A file into a proposal for the registration form: its text read safely (read.ts), then mapped to the register's
 * fields on this thread (shared/intake/propose.ts). Used by the API (service.ts) and by `vanphong extract` without a
 * data folder. Registers nothing.
 */

export { INTAKE_MAX_BYTES };

export const tooLarge = (name: string, size: number, max: number) => {
  const mb = (n: number) => (n / 1048576).toLocaleString('vi-VN', { maximumFractionDigits: 1 });
  return new AppError('FILE_TOO_LARGE', `Tệp «${name}» dung lượng ${mb(size)} MB: quá lớn để tự đọc (tối đa ${mb(max)} MB). Vẫn đính kèm được; hãy nhập thông tin bằng tay.`, { field: 'file' });
};

export interface ExtractOptions extends ReadOptions {
  directory?: readonly DirectoryEntry[];
  now: Date;
  maxBytes?: number;
  onProgress?: (p: IntakeProgress) => void;
}

export async function extractFile(file: IntakeFile, opts: ExtractOptions): Promise<ExtractOutput> {
  const max = opts.maxBytes ?? INTAKE_MAX_BYTES;
  if (file.data.byteLength > max) throw tooLarge(file.name, file.data.byteLength, max);
  if (file.data.byteLength === 0) throw new AppError('FILE_EMPTY', `Tệp «${file.name}» rỗng (0 byte).`, { field: 'file' });
  const read = await readIntakeFile(file, opts);
  opts.onProgress?.({ stage: 'fields' });
  const proposal = propose({
    file: { name: file.name, kind: read.kind, size: file.data.byteLength },
    text: read.text,
    firstPage: read.firstPage,
    source: read.source,
    ocrConfidence: read.ocrConfidence,
    ocrPages: read.ocrPages,
    pageCount: read.pageCount,
    email: read.email ?? null,
    directory: opts.directory,
    now: opts.now,
    warnings: read.warnings,
  });
  opts.onProgress?.({ stage: 'done' });
  return { proposal, attachment: read.attachment ?? null };
}
