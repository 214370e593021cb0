import PostalMime from 'postal-mime';
import { sniffIntake } from './kind';

/**
 * An e-mail (.eml) as the extractor needs it: sender, subject, date, the body's text and the first attachment that is
 * a document (PDF, DOCX or image), whose bytes go back to be read like any file. Runs only in the parse worker (the
 * 'eml.parse' task, electron/parsing/tasks.ts) under its time and memory limits: a message is untrusted input.
 */
export interface EmlDocument {
  name: string;
  kind: 'pdf' | 'docx' | 'image';
  data: Uint8Array;
}

export interface EmlParsed {
  fromName: string;
  fromAddress: string;
  subject: string;
  /** ISO 8601 instant of the Date header, or null when it has none that parses. */
  date: string | null;
  /** The text part (or the HTML part without its tags), capped. */
  body: string;
  bodyTruncated: boolean;
  attachments: { name: string; mime: string; size: number }[];
  document: EmlDocument | null;
}

export interface EmlLimits {
  maxTextChars: number;
  /** Parts and nesting a message may have (a message of 100,000 parts is a denial of service, not mail). */
  maxParts?: number;
}

/** Tags out, the few entities mail bodies use decoded, paragraphs kept as line breaks. */
export function htmlToText(html: string): string {
  return html
    .replace(/<(script|style|head)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|li|tr|h[1-6])\s*>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#(\d+);/g, (_m, n: string) => String.fromCodePoint(Math.min(Number(n), 0x10ffff)))
    .replace(/&amp;/g, '&')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

const toBytes = (c: ArrayBuffer | Uint8Array | string): Uint8Array =>
  typeof c === 'string' ? new TextEncoder().encode(c) : c instanceof Uint8Array ? c : new Uint8Array(c);

export async function parseEml(data: Uint8Array, limits: EmlLimits): Promise<EmlParsed> {
  const mail = await PostalMime.parse(data, {
    attachmentEncoding: 'arraybuffer',
    maxNestingDepth: 20,
    maxPartCount: limits.maxParts ?? 500,
    maxRfc822NestingDepth: 2,
    maxHeadersSize: 256 * 1024,
  });
  const from = mail.from && 'address' in mail.from && mail.from.address ? mail.from : (mail.sender ?? mail.from);
  // An HTML body is cut before its tags are taken out: a document's words are in its first megabytes, if anywhere.
  let body = mail.text?.trim() ? mail.text : mail.html ? htmlToText(mail.html.slice(0, 8 * limits.maxTextChars)) : '';
  body = body.replace(/\r\n?/g, '\n').normalize('NFC');
  const bodyTruncated = body.length > limits.maxTextChars;
  if (bodyTruncated) body = body.slice(0, limits.maxTextChars);
  const date = mail.date && !Number.isNaN(Date.parse(mail.date)) ? new Date(mail.date).toISOString() : null;
  const attachments: EmlParsed['attachments'] = [];
  let document: EmlDocument | null = null;
  mail.attachments.forEach((a, i) => {
    const bytes = toBytes(a.content);
    const name = (a.filename ?? '').trim() || `tep-dinh-kem-${i + 1}`;
    attachments.push({ name, mime: a.mimeType, size: bytes.byteLength });
    if (document) return;
    const kind = sniffIntake(name, bytes).kind;
    if (kind === 'pdf' || kind === 'docx' || kind === 'image') document = { name, kind, data: bytes };
  });
  return {
    fromName: (from && 'name' in from ? from.name : '')?.normalize('NFC') ?? '',
    fromAddress: (from && 'address' in from ? from.address : '') ?? '',
    subject: (mail.subject ?? '').normalize('NFC').trim(),
    date,
    body,
    bodyTruncated,
    attachments,
    document,
  };
}
