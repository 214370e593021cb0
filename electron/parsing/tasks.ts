import fs from 'node:fs';
import { foldVietnamese } from '../../shared/text/fold';
import type { ParseLimits } from './limits';
import { docxText } from './docx';
import { pdfInspect, pdfText } from './pdf';

/**
 * The attachments' tasks the parse worker runs, by name (the worker's entry, electron/hosts/parse-worker.ts, adds the
 * domains' own). Input is plain data: the file's bytes (the worker's copy, or shared memory) or the path of a plaintext
 * file, which the worker reads itself.
 */
export interface ParseInput {
  data?: Uint8Array;
  path?: string;
  name?: string;
  texts?: string[];
  [more: string]: unknown;
}

export type ParseTask = (input: ParseInput, limits: ParseLimits) => Promise<unknown>;

/** The worker's own copy (pdf.js detaches what it parses; shared memory is copied here, off the caller's thread). */
export const bytes = (i: ParseInput): Uint8Array =>
  i.data ? (i.data.buffer instanceof SharedArrayBuffer ? new Uint8Array(i.data) : i.data) : new Uint8Array(fs.readFileSync(i.path!));

export const PARSE_TASKS: Record<string, ParseTask> = {
  'pdf.inspect': async (i) => pdfInspect(bytes(i), i.name ?? 'tệp'),
  'pdf.text': async (i, l) => pdfText(bytes(i), l),
  'docx.text': async (i, l) => docxText(bytes(i), l),
  /** An e-mail (.eml) for the registration form's prefill: headers, body text, the first document attached. */
  'eml.parse': async (i, l) => (await import('../../shared/intake/eml')).parseEml(bytes(i), l),
  /** Folding megabytes of extracted text takes the better part of a second: not on the API's thread either. */
  'text.fold': async (i) => foldVietnamese((i.texts ?? []).join('\n')),
};

/** A task of PARSE_TASKS in this thread (the in-process escape hatch, and tests). */
export async function runParseTask(task: string, input: ParseInput, limits: ParseLimits): Promise<unknown> {
  const run = PARSE_TASKS[task];
  if (!run) throw new Error(`unknown parse task ${task}`);
  return run(input, limits);
}
