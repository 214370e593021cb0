import { z } from 'zod';
import { id } from '../api/fields';

/**
 * What is printed from an incoming document (issue 17): the Phiếu giải quyết văn bản đến (ND30 Phụ lục IV) with the
 * bút phê, and a copy of an attached PDF with the electronic ĐẾN mark on its first page. Both read the document under
 * the read rule; neither changes anything stored.
 */
export const processingSheetInput = z.object({
  id: id(),
  format: z.enum(['pdf', 'docx'], { error: 'Định dạng phải là pdf hoặc docx.' }).default('pdf'),
});

export const stampedCopyInput = z.object({
  id: id(),
  /** The attachment's id (AttachmentInfo.id) among the document's files. */
  attachmentId: id('mã tệp đính kèm'),
});

export interface PrintedFile {
  fileName: string;
  mime: string;
  data: Uint8Array;
}

export interface StampedCopy extends PrintedFile {
  /** The stored file the copy was made from (its bytes are unchanged). */
  originalSha256: string;
  /** The original carries digital signatures, which do not cover the mark added on the copy. */
  signedOriginal: boolean;
  /** Said to the user with the file: a copy, never the signed original. */
  notice: string;
  /** Where the mark went on page 1 (millimetres from the page's top-left corner as shown). */
  placement: { xMm: number; yMm: number; widthMm: number; heightMm: number; scale: number; rotation: number; clearOfText: boolean };
}
