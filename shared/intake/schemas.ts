import { z } from 'zod';
import { fileInput } from '../incoming/schemas';
import type { Secrecy, Urgency } from '../domain/marks';

/**
 * Prefilled registration of incoming documents (issue 16): a file in, a proposal out. Nothing is registered; the văn
 * thư confirms or corrects every field in the registration form. Each field says how sure the reading is (0..1) and
 * where it came from, so the form can mark what it filled and the CLI can print it.
 */

/** The largest file read for a proposal: more is no document to register by hand (attached all the same). */
export const INTAKE_MAX_BYTES = 64 * 1024 * 1024;

/** What the file was judged to be by its bytes and its name. */
export const INTAKE_KINDS = ['pdf', 'docx', 'image', 'eml', 'text', 'markdown'] as const;
export type IntakeKind = (typeof INTAKE_KINDS)[number];

/** Where the text the fields were read from came from. */
export type TextSource = 'pdf-text' | 'docx' | 'plain' | 'ocr' | 'email-body' | 'none';

export interface IntakeField<T> {
  value: T;
  /** 0..1: lower for OCR'd text, for what the importer only guessed, for a ký hiệu that had to be mended. */
  confidence: number;
  /** Where the value was read, in Vietnamese: "đầu văn bản (lớp chữ PDF)", "danh bạ", "thư điện tử". */
  source: string;
  /** The words it was read from, when they differ from the value (an OCR slip mended, a date as printed). */
  evidence?: string;
}

/** The organisation of the directory the sending organ matched. */
export interface DirectoryMatch {
  id: number;
  name: string;
  /** exact: the same name; folded: the same without diacritics, case or spacing (or its short name); close: similar. */
  how: 'exact' | 'folded' | 'close';
  score: number;
}

export interface IntakeEmail {
  from: string;
  address: string;
  subject: string;
  /** Sending day in Vietnam (YYYY-MM-DD), when the header has a date. */
  date: string | null;
  /** The attachment taken as the document, if any; the others are only named. */
  document: string | null;
  attachments: string[];
}

export interface IntakeProposal {
  file: { name: string; kind: IntakeKind; size: number };
  text: {
    source: TextSource;
    characters: number;
    /** OCR only: pages recognised (of pageCount) and their mean confidence (0..1). */
    ocrPages?: number;
    ocrConfidence?: number;
  };
  /** The name to register as tác giả: the directory's entry when one matched, else the organ as printed. */
  sender: IntakeField<string> | null;
  organ: IntakeField<string> | null;
  parentOrgan: IntakeField<string> | null;
  match: DirectoryMatch | null;
  /** Số và ký hiệu as the register writes it: "12/SYT-NV" (State), "01-CTr/ĐU" (Party). */
  ref: IntakeField<string> | null;
  number: IntakeField<number> | null;
  notation: IntakeField<string> | null;
  place: IntakeField<string> | null;
  /** Ngày văn bản, YYYY-MM-DD: a real date, not in the future. */
  docDate: IntakeField<string> | null;
  /** Loại văn bản: the catalogue's code and name. */
  docType: IntakeField<{ code: string; name: string }> | null;
  subject: IntakeField<string> | null;
  signerAuthority: IntakeField<string> | null;
  signerTitle: IntakeField<string> | null;
  signerName: IntakeField<string> | null;
  recipients: IntakeField<string[]> | null;
  urgency: IntakeField<Urgency> | null;
  secrecy: IntakeField<Secrecy> | null;
  pageCount: IntakeField<number> | null;
  email: IntakeEmail | null;
  /** Vietnamese: what could not be read, what was cut, what to check. */
  warnings: string[];
}

/** The fields of a proposal that carry a value, in the order the CLI prints them. */
export const PROPOSAL_FIELDS = [
  'sender',
  'organ',
  'parentOrgan',
  'ref',
  'place',
  'docDate',
  'docType',
  'subject',
  'signerAuthority',
  'signerTitle',
  'signerName',
  'recipients',
  'urgency',
  'secrecy',
  'pageCount',
] as const satisfies readonly (keyof IntakeProposal)[];
export type ProposalFieldName = (typeof PROPOSAL_FIELDS)[number];

/** A client's name for one extraction, to ask its progress or cancel it while it runs. */
const jobId = z
  .string({ error: 'Mã lượt đọc tệp không hợp lệ.' })
  .regex(/^[A-Za-z0-9_-]{8,64}$/, { error: 'Mã lượt đọc tệp không hợp lệ.' });

export const extractInput = z.object({
  file: fileInput,
  job: jobId.optional(),
});

export const jobInput = z.object({ job: jobId });

export interface IntakeProgress {
  stage: 'read' | 'ocr' | 'fields' | 'done';
  /** OCR: the page being recognised and how many will be. */
  page?: number;
  pages?: number;
}

/** What `intake.extract` answers: the proposal, and for an e-mail the document it carried (to attach in its place). */
export interface ExtractOutput {
  proposal: IntakeProposal;
  /** .eml only: the attachment read as the document, so the form attaches it (an .eml cannot be registered as is). */
  attachment: { name: string; data: Uint8Array } | null;
}
