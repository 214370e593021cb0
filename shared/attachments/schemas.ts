/** What is known of an attachment's text: its own text layer, or the text recognised in a scan or image (OCR). */
export interface AttachmentText {
  /** `pending`: being read or recognised; `none`: not read (a file kind without text). */
  status: 'pending' | 'done' | 'failed' | 'none';
  /** The text once done (NFC; may be empty: nothing to read); null otherwise. */
  text: string | null;
  /** `ocr`: recognised from the file's images; `layer`: the file's own text; null until done. */
  source: 'layer' | 'ocr' | null;
  /** Mean confidence of the recognition, 0–100, when recognised. */
  confidence: number | null;
  /** Why it failed, or what the reader should know of a recognition (pages left out or failed); null when nothing. */
  note: string | null;
}
