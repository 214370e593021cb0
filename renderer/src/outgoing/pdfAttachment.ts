import type { AttachmentInfo } from '../../../shared/incoming/schemas';

/** A stored PDF (the leader-signed or the issued document) in the shape the in-app viewer opens. */
export const pdfAttachment = (name: string, sha256: string): AttachmentInfo => ({
  id: 0,
  name,
  sha256,
  size: 0,
  mime: 'application/pdf',
  pageCount: null,
  textStatus: 'none',
  textNote: null,
  signatureStatus: null,
});
