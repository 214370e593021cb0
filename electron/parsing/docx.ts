import type { ParseLimits } from './limits';
import { capText, type ExtractedText } from './pdf';
import { checkZipParts } from './zip-guard';

/**
 * DOCX text with mammoth — only inside the parse worker. The ZIP's XML parts are checked first (declared and actual
 * sizes, compression ratio: zip-guard.ts), so mammoth never inflates a bomb; mammoth's XML parser resolves no external
 * entity (XXE) and expands no DTD entity (billion laughs): such a document fails to parse instead.
 */
export async function docxText(data: Uint8Array, limits: ParseLimits): Promise<ExtractedText> {
  checkZipParts(data, limits);
  const mammoth = (await import('mammoth')).default;
  const r = await mammoth.extractRawText({ buffer: Buffer.from(data.buffer, data.byteOffset, data.byteLength) });
  const text = capText(r.value, limits.maxTextChars);
  return { text: text.normalize('NFC'), truncated: text.length < r.value.length };
}
