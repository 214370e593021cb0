import type { PDFDict, PDFDocument, PDFObject, PDFPageLeaf, PDFRef } from 'pdf-lib';
import { AppError } from '../../shared/api/result';
import type { Appearance } from './appearance';

/**
 * Adds a signature field to a PDF as an incremental update: the original bytes stay as they are, byte for byte, and
 * new or changed objects (the signature dictionary, its widget, the page's /Annots, the AcroForm) are appended with
 * a new cross-reference section. Rewriting the file would break every earlier signature.
 * pdf-lib is used only to read the existing structure; it never writes the file.
 */
export const CONTENTS_BYTES = 16384;
const BYTE_RANGE_PLACEHOLDER = '/ByteRange [0 /********** /********** /**********]';

export interface FieldSpec {
  /** 1-based page. */
  page: number;
  /** [llx, lly, urx, ury] in PDF points; [0 0 0 0] for an invisible signature. */
  rect: [number, number, number, number];
  name: string;
  reason?: string;
  location?: string;
  signerName?: string;
  /** /M, the signing time (PAdES: the time lives here, not in the CMS). */
  time: Date;
  /** The widget's normal appearance: a content stream in the rect's coordinates, and its resources. */
  appearance?: Appearance;
  /** Text added to pages in the same revision as the signature (the number and date the văn thư gives at issuance). */
  overlays?: PageOverlay[];
}

/** Page content added under the signature: operators in the page's default user space, and the standard fonts they use. */
export interface PageOverlay {
  page: number;
  content: string;
  /** Resource name → a standard 14 font ("Times-Roman"), WinAnsi. */
  fonts: Record<string, string>;
}

/** PDF text strings as UTF-16BE hex: the only form that keeps Vietnamese intact in every reader. */
export function pdfTextHex(s: string): string {
  const b = Buffer.from(s.normalize('NFC'), 'utf16le');
  b.swap16();
  return `<FEFF${b.toString('hex').toUpperCase()}>`;
}

function pdfDate(d: Date): string {
  // D:YYYYMMDDHHmmSS+07'00' in Vietnam time.
  const t = new Date(d.getTime() + 7 * 3600_000).toISOString();
  return `(D:${t.slice(0, 4)}${t.slice(5, 7)}${t.slice(8, 10)}${t.slice(11, 13)}${t.slice(14, 16)}${t.slice(17, 19)}+07'00')`;
}

function lastStartXref(pdf: Uint8Array): number {
  const tail = Buffer.from(pdf.subarray(Math.max(0, pdf.length - 2048))).toString('latin1');
  const m = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail) ?? /startxref\s+(\d+)/.exec(tail.slice(tail.lastIndexOf('startxref')));
  if (!m) throw new AppError('FILE_INVALID', 'Tệp PDF hỏng: không thấy bảng tham chiếu chéo (startxref).');
  return Number(m[1]);
}

const str = (o: PDFObject) => o.toString();

/** /Size of the cross-reference section at `offset` (its trailer, or its stream dictionary); 0 when unreadable. */
function previousSize(pdf: Uint8Array, offset: number): number {
  const text = Buffer.from(pdf.subarray(offset)).toString('latin1');
  const at = text.startsWith('xref') ? text.indexOf('trailer') : 0;
  const m = at < 0 ? null : /\/Size\s+(\d+)/.exec(text.slice(at, at + 4096));
  return m ? Number(m[1]) : 0;
}

/** Whether the cross-reference section at `offset` is a stream ("12 0 obj << /Type /XRef …") rather than a table. */
function isXrefStream(pdf: Uint8Array, offset: number): boolean {
  const head = Buffer.from(pdf.subarray(offset, offset + 64)).toString('latin1');
  return !head.startsWith('xref') && /^\s*\d+\s+\d+\s+obj/.test(head);
}

export interface PreparedPdf {
  /** The whole file with the placeholder; /Contents is zeros, /ByteRange is stars. */
  pdf: Uint8Array;
  byteRange: [number, number, number, number];
  /** Offset of the first hex digit inside /Contents <…>. */
  contentsStart: number;
}

/** Parses a PDF about to be signed, once: placement reads it, the update is built from it. Refuses encrypted files. */
export async function openForSigning(original: Uint8Array): Promise<PDFDocument> {
  // pdf-lib is loaded when a PDF is signed, not with the API (the CLI starts without it).
  const { PDFDocument } = await import('pdf-lib');
  try {
    return await PDFDocument.load(original, { ignoreEncryption: false, updateMetadata: false, throwOnInvalidObject: true });
  } catch (e) {
    const msg = (e as Error).message ?? '';
    if (/encrypt/i.test(msg)) throw new AppError('FILE_INVALID', 'Tệp PDF được mã hóa (đặt mật khẩu): không ký được.');
    throw new AppError('FILE_INVALID', 'Tệp PDF hỏng hoặc không đầy đủ: không ký được.');
  }
}

/** `doc` is `original` parsed by openForSigning (it is read, never changed). */
export async function addSignatureField(original: Uint8Array, spec: FieldSpec, doc?: PDFDocument): Promise<PreparedPdf> {
  const { PDFArray, PDFDict, PDFName, PDFRef } = await import('pdf-lib');
  doc ??= await openForSigning(original);
  const pages = doc.getPages();
  if (spec.page < 1 || spec.page > pages.length) throw new AppError('VALIDATION', `Trang ${spec.page} không có: tệp có ${pages.length} trang.`, { field: 'page' });
  const ctx = doc.context;
  const trailer = ctx.trailerInfo;
  if (!trailer.Root) throw new AppError('FILE_INVALID', 'Tệp PDF hỏng: không có /Root.');
  const prev = lastStartXref(original);

  // New objects are numbered past both what pdf-lib parsed and the previous section's /Size: a cross-reference
  // stream object is never parsed as an object, and reusing its number would hide it.
  let next = Math.max(ctx.largestObjectNumber + 1, previousSize(original, prev));
  const sigNum = next++;
  const widgetNum = next++;
  const apNum = next++;
  const extra = (spec.appearance?.extraObjects ?? []).map((o) => ({ ...o, num: next++ }));
  const pageRef = pages[spec.page - 1].ref;
  const catalogRef = trailer.Root as PDFRef;
  const catalog = ctx.lookup(catalogRef, PDFDict).clone(ctx);

  // Pages changed by this update, each cloned once whatever changes it.
  const editedPages = new Map<number, { ref: PDFRef; dict: PDFDict }>();
  const editPage = (n: number) => {
    let e = editedPages.get(n);
    if (!e) editedPages.set(n, (e = { ref: pages[n - 1].ref, dict: ctx.lookup(pages[n - 1].ref, PDFDict).clone(ctx) }));
    return e.dict;
  };

  // The page's annotations gain the widget (the /Annots array may be inline or an indirect object).
  const widgetRef = PDFRef.of(widgetNum);
  const changed: { num: number; gen: number; body: string }[] = [];
  const annots = ctx.lookup(pageRef, PDFDict).get(PDFName.of('Annots'));
  if (annots instanceof PDFRef) {
    const arr = ctx.lookup(annots, PDFArray).clone(ctx);
    arr.push(widgetRef);
    changed.push({ num: annots.objectNumber, gen: annots.generationNumber, body: str(arr) });
  } else {
    const pageDict = editPage(spec.page);
    const arr = annots instanceof PDFArray ? annots.clone(ctx) : ctx.obj([]);
    arr.push(widgetRef);
    pageDict.set(PDFName.of('Annots'), arr);
  }

  // Overlays: the page's existing content is wrapped in q … Q (it may leave its coordinate system changed, as pdfkit's
  // does) and the new content follows in default user space, with the standard fonts it names added to the resources.
  const streams: { num: number; body: string }[] = [];
  const stream = (content: string) => {
    const num = next++;
    streams.push({ num, body: `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream` });
    return PDFRef.of(num);
  };
  for (const o of spec.overlays ?? []) {
    if (o.page < 1 || o.page > pages.length) throw new AppError('VALIDATION', `Trang ${o.page} không có: tệp có ${pages.length} trang.`, { field: 'page' });
    const pageDict = editPage(o.page);
    const contents = pageDict.get(PDFName.of('Contents'));
    const existing = contents instanceof PDFRef ? ctx.lookup(contents) : contents;
    const refs = existing instanceof PDFArray ? existing.asArray() : contents ? [contents] : [];
    pageDict.set(PDFName.of('Contents'), ctx.obj([stream('q'), ...refs, stream('Q'), stream(o.content)]));
    const resources = ((pages[o.page - 1].node as PDFPageLeaf).Resources() ?? ctx.obj({})).clone(ctx);
    const fontEntry = resources.get(PDFName.of('Font'));
    const fonts = (fontEntry instanceof PDFRef ? ctx.lookup(fontEntry, PDFDict) : fontEntry instanceof PDFDict ? fontEntry : ctx.obj({})).clone(ctx);
    for (const [name, base] of Object.entries(o.fonts)) {
      fonts.set(PDFName.of(name), ctx.obj({ Type: 'Font', Subtype: 'Type1', BaseFont: base, Encoding: 'WinAnsiEncoding' }));
    }
    resources.set(PDFName.of('Font'), fonts);
    pageDict.set(PDFName.of('Resources'), resources);
  }
  for (const e of editedPages.values()) changed.push({ num: e.ref.objectNumber, gen: e.ref.generationNumber, body: str(e.dict) });

  // The AcroForm gains the field and /SigFlags 3 (signatures exist, append only).
  const acro = catalog.get(PDFName.of('AcroForm'));
  if (acro instanceof PDFRef) {
    const form = ctx.lookup(acro, PDFDict).clone(ctx);
    const fields = form.get(PDFName.of('Fields'));
    const arr = fields instanceof PDFRef ? ctx.lookup(fields, PDFArray).clone(ctx) : fields instanceof PDFArray ? fields.clone(ctx) : ctx.obj([]);
    arr.push(widgetRef);
    form.set(PDFName.of('Fields'), arr);
    form.set(PDFName.of('SigFlags'), ctx.obj(3));
    changed.push({ num: acro.objectNumber, gen: acro.generationNumber, body: str(form) });
  } else {
    const form = acro instanceof PDFDict ? acro.clone(ctx) : ctx.obj({});
    const fields = form.get(PDFName.of('Fields'));
    const arr = fields instanceof PDFArray ? fields.clone(ctx) : ctx.obj([]);
    arr.push(widgetRef);
    form.set(PDFName.of('Fields'), arr);
    form.set(PDFName.of('SigFlags'), ctx.obj(3));
    catalog.set(PDFName.of('AcroForm'), form);
    changed.push({ num: catalogRef.objectNumber, gen: catalogRef.generationNumber, body: str(catalog) });
  }

  const [x1, y1, x2, y2] = spec.rect;
  const w = Math.max(0, x2 - x1);
  const h = Math.max(0, y2 - y1);
  const sig =
    `<<\n/Type /Sig\n/Filter /Adobe.PPKLite\n/SubFilter /ETSI.CAdES.detached\n${BYTE_RANGE_PLACEHOLDER}\n` +
    `/Contents <${'0'.repeat(CONTENTS_BYTES * 2)}>\n/M ${pdfDate(spec.time)}\n` +
    (spec.reason ? `/Reason ${pdfTextHex(spec.reason)}\n` : '') +
    (spec.location ? `/Location ${pdfTextHex(spec.location)}\n` : '') +
    (spec.signerName ? `/Name ${pdfTextHex(spec.signerName)}\n` : '') +
    '>>';
  const widget = `<<\n/Type /Annot\n/Subtype /Widget\n/FT /Sig\n/T ${pdfTextHex(spec.name)}\n/V ${sigNum} 0 R\n/F 132\n/Rect [${spec.rect.join(' ')}]\n/P ${pageRef.objectNumber} ${pageRef.generationNumber} R\n/AP << /N ${apNum} 0 R >>\n>>`;
  const content = spec.appearance?.content ?? '';
  let resources = spec.appearance?.resources ?? '<< >>';
  const ref = (i: number) => `${extra[i].num} 0 R`;
  extra.forEach((_o, i) => (resources = resources.replaceAll(`{obj${i}}`, ref(i))));
  const ap = `<<\n/Type /XObject\n/Subtype /Form\n/BBox [0 0 ${w} ${h}]\n/Resources ${resources}\n/Length ${Buffer.byteLength(content, 'latin1')}\n>>\nstream\n${content}\nendstream`;

  // Assemble: original + objects + xref + trailer.
  const parts: Buffer[] = [Buffer.from(original)];
  let offset = original.length;
  const needsNewline = original[original.length - 1] !== 0x0a;
  if (needsNewline) {
    parts.push(Buffer.from('\n'));
    offset += 1;
  }
  const entries: { num: number; gen: number; offset: number }[] = [];
  const add = (num: number, gen: number, body: Buffer | string) => {
    const head = Buffer.from(`${num} ${gen} obj\n`, 'latin1');
    const b = typeof body === 'string' ? Buffer.from(body, 'latin1') : body;
    const tail = Buffer.from('\nendobj\n', 'latin1');
    entries.push({ num, gen, offset });
    parts.push(head, b, tail);
    offset += head.length + b.length + tail.length;
  };
  add(sigNum, 0, sig);
  add(widgetNum, 0, widget);
  add(apNum, 0, ap);
  for (const o of extra) add(o.num, 0, Buffer.from(o.body(ref)));
  for (const o of streams) add(o.num, 0, o.body);
  for (const c of changed) add(c.num, c.gen, c.body);

  // The update's cross-reference section has the form of the one before it: a table after a table, a stream after a
  // stream (a file whose objects live in object streams can only be followed through cross-reference streams).
  const xrefOffset = offset;
  const trailerEntries: string[] = [`/Root ${str(trailer.Root)}`, `/Prev ${prev}`];
  if (trailer.Info) trailerEntries.push(`/Info ${str(trailer.Info)}`);
  if (trailer.ID) trailerEntries.push(`/ID ${str(trailer.ID)}`);
  const asStream = isXrefStream(original, prev);
  const xrefNum = asStream ? next++ : 0;
  if (asStream) entries.push({ num: xrefNum, gen: 0, offset: xrefOffset });
  entries.sort((a, b) => a.num - b.num);
  if (asStream) {
    const rows = Buffer.alloc(entries.length * 7);
    entries.forEach((e, i) => {
      rows[i * 7] = 1;
      rows.writeUInt32BE(e.offset, i * 7 + 1);
      rows.writeUInt16BE(e.gen, i * 7 + 5);
    });
    const head =
      `${xrefNum} 0 obj\n<<\n/Type /XRef\n/Size ${next}\n/W [1 4 2]\n/Index [${entries.map((e) => `${e.num} 1`).join(' ')}]\n` +
      `${trailerEntries.join('\n')}\n/Length ${rows.length}\n>>\nstream\n`;
    parts.push(Buffer.from(head, 'latin1'), rows, Buffer.from(`\nendstream\nendobj\nstartxref\n${xrefOffset}\n%%EOF\n`, 'latin1'));
  } else {
    let xref = 'xref\n';
    for (const e of entries) xref += `${e.num} 1\n${String(e.offset).padStart(10, '0')} ${String(e.gen).padStart(5, '0')} n \n`;
    xref += `trailer\n<<\n/Size ${next}\n${trailerEntries.join('\n')}\n>>\nstartxref\n${xrefOffset}\n%%EOF\n`;
    parts.push(Buffer.from(xref, 'latin1'));
  }
  const pdf = Buffer.concat(parts);

  // The byte range: everything but the hex string of /Contents (its angle brackets included in the gap).
  const text = pdf.toString('latin1');
  const sigAt = entries.find((e) => e.num === sigNum)!.offset;
  const contentsTag = text.indexOf('/Contents <', sigAt);
  const gapStart = contentsTag + '/Contents '.length;
  const gapEnd = gapStart + CONTENTS_BYTES * 2 + 2;
  const byteRange: [number, number, number, number] = [0, gapStart, gapEnd, pdf.length - gapEnd];
  const brAt = text.indexOf(BYTE_RANGE_PLACEHOLDER, sigAt);
  const brText = `/ByteRange [${byteRange.join(' ')}]`.padEnd(BYTE_RANGE_PLACEHOLDER.length, ' ');
  if (brText.length > BYTE_RANGE_PLACEHOLDER.length) throw new AppError('INTERNAL', 'Tệp quá lớn để ký.');
  pdf.write(brText, brAt, 'latin1');
  return { pdf: new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength), byteRange, contentsStart: gapStart + 1 };
}

/** The bytes a PDF signature covers. */
export function byteRangeBytes(pdf: Uint8Array, br: readonly number[]): Uint8Array {
  return Buffer.concat([Buffer.from(pdf.subarray(br[0], br[0] + br[1])), Buffer.from(pdf.subarray(br[2], br[2] + br[3]))]);
}

/** Writes the CMS into the placeholder; refuses a CMS larger than the room reserved. */
export function fillContents(prepared: PreparedPdf, cms: Uint8Array): Uint8Array {
  const hex = Buffer.from(cms).toString('hex').toUpperCase();
  if (hex.length > CONTENTS_BYTES * 2) throw new AppError('INTERNAL', 'Chữ ký số lớn hơn chỗ dành sẵn trong tệp.');
  const out = Buffer.from(prepared.pdf);
  out.write(hex, prepared.contentsStart, 'latin1');
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}
