import type { Migration } from './registry';

/**
 * Issue 16: text recognised in scans and images (electron/ocr/). A blob's text now says where it came from
 * (`text_source`: the file's own text layer, or OCR), with the recognition's mean confidence and what the reader
 * should know (pages left out, pages that failed: `text_note`). Files registered before OCR existed are read again:
 * images (their text status was 'none') and PDFs whose extracted text was empty or a few characters (scans).
 */
export const m014OcrText: Migration = {
  version: 14,
  name: 'text recognised in scans and images',
  up(db) {
    db.exec(`
      ALTER TABLE blobs ADD COLUMN text_source TEXT CHECK (text_source IN ('layer', 'ocr'));
      ALTER TABLE blobs ADD COLUMN ocr_confidence INTEGER CHECK (ocr_confidence BETWEEN 0 AND 100);
      ALTER TABLE blobs ADD COLUMN text_note TEXT;

      UPDATE blobs SET text_source = 'layer' WHERE text_status = 'done';
      UPDATE blobs SET text_status = 'pending', text = NULL, text_source = NULL
        WHERE sha256 IN (SELECT sha256 FROM incoming_attachments)
          AND ((text_status = 'none' AND mime IN ('image/png', 'image/jpeg', 'image/tiff'))
            OR (text_status = 'done' AND mime = 'application/pdf' AND length(trim(coalesce(text, ''))) < 16));
    `);
  },
};
