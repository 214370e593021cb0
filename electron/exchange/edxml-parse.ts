import { AppError } from '../../shared/api/result';
import {
  BUSINESS_CODES,
  BUSINESSES,
  type Business,
  type EdxmlAttachmentMeta,
  type EdxmlDocumentModel,
  type EdxmlOrgan,
  type SignatureVerdict,
} from '../../shared/exchange/edxml-model';
import { MAX_DECODED_BYTES, MAX_PACKAGE_BYTES } from '../../shared/exchange/limits';
import type { VerifyResult } from '../../shared/signing/schemas';
import { childNamed, childrenNamed, childText, findNamed, readXml } from './xml';
import { verifyEdxmlSignature } from './xml-signature';

/**
 * Reads a received edXML document package — only in the parse worker (task 'edxml.read', electron/hosts/parse-worker.ts),
 * under its time and memory limits: the XML through readXml (no DOCTYPE, no entities, no broken markup), the header into
 * the plain model, each attachment decoded from base64 under a total size cap, names checked (no path, no "..", at most
 * 200 characters), then the package's XML signature and each PDF's signatures checked against the trust store.
 */

export interface ReadFile {
  name: string;
  contentType: string;
  description: string | null;
  data: Uint8Array;
}

export interface ReadPackage {
  model: EdxmlDocumentModel;
  files: ReadFile[];
  signatures: SignatureVerdict[];
}

const refuse = (msg: string, field = 'data') => new AppError('VALIDATION', msg, { field });

/** yyyy/MM/dd (or yyyy-MM-dd, dd/MM/yyyy) → ISO; null when absent or not a date. */
export function isoOf(s: string | null): string | null {
  if (!s) return null;
  let m = /^(\d{4})[/-](\d{2})[/-](\d{2})/.exec(s);
  if (m) return `${m[1]}-${m[2]}-${m[3]}`;
  m = /^(\d{2})\/(\d{2})\/(\d{4})/.exec(s);
  return m ? `${m[3]}-${m[2]}-${m[1]}` : null;
}

/** A TraceHeader timestamp, "yyyy/MM/dd HH:mm:ss" or "dd/MM/yyyy HH:mm:ss" in Vietnam time, as a Date. */
export function traceTime(s: string | null): Date | null {
  const day = isoOf(s);
  if (!s || !day) return null;
  const t = /(\d{2}):(\d{2})(?::(\d{2}))?/.exec(s.slice(10));
  const d = new Date(`${day}T${t ? `${t[1]}:${t[2]}:${t[3] ?? '00'}` : '00:00:00'}+07:00`);
  return Number.isNaN(d.getTime()) ? null : d;
}

function organ(el: Element): EdxmlOrgan {
  return {
    organId: childText(el, 'OrganId') ?? '',
    organInCharge: childText(el, 'OrganizationInCharge') ?? childText(el, 'OrganInCharge'),
    organName: childText(el, 'OrganName') ?? '',
    organAdd: childText(el, 'OrganAdd'),
    email: childText(el, 'Email'),
    telephone: childText(el, 'Telephone'),
    fax: childText(el, 'Fax'),
    website: childText(el, 'Website'),
  };
}

const num = (s: string | null): number | null => (s !== null && /^-?\d{1,9}$/.test(s) ? Number(s) : null);

/** A file name from another office, safe to store and show: refused when it holds a path. */
export function safeAttachmentName(raw: string, index: number): string {
  const name = raw.normalize('NFC').replace(/[\u0000-\u001f\u007f]/g, '').trim();
  if (/[\\/]/.test(name) || name.split(/[\\/]/).includes('..') || name === '..' || name === '.') {
    throw refuse(`Tên tệp đính kèm «${name.slice(0, 80)}» chứa đường dẫn thư mục: từ chối gói tin.`);
  }
  if (name.length > 200) throw refuse(`Tên tệp đính kèm thứ ${index + 1} dài quá 200 ký tự: từ chối gói tin.`);
  return name || `tep-dinh-kem-${index + 1}`;
}

/** The model of a package already read by readXml. */
export function parseDocumentPackage(doc: Document): { model: EdxmlDocumentModel; encoded: { meta: EdxmlAttachmentMeta; base64: string }[] } {
  const header = findNamed(doc, 'MessageHeader');
  if (!header) throw refuse('Gói tin không có phần MessageHeader: không phải gói edXML văn bản.');
  const from = childNamed(header, 'From');
  if (!from) throw refuse('Gói tin không có nơi gửi (From).');
  const code = childNamed(header, 'Code');
  const prom = childNamed(header, 'PromulgationInfo');
  const type = childNamed(header, 'DocumentType');
  const signer = childNamed(header, 'SignerInfo');
  const other = childNamed(header, 'OtherInfo');
  const trace = findNamed(doc, 'TraceHeaderList');
  const bus = trace ? childNamed(trace, 'Bussiness') : null;
  const busCode = num(childText(bus, 'BussinessDocType')) ?? 0;
  const business: Business = BUSINESSES.find((b) => BUSINESS_CODES[b] === busCode) ?? 'new';
  const documentId = childText(header, 'DocumentId') ?? '';
  const replacements = bus ? childNamed(bus, 'ReplacementInfoList') : null;
  const model: EdxmlDocumentModel = {
    header: {
      from: organ(from),
      to: childrenNamed(header, 'To').map(organ),
      code: { number: childText(code, 'CodeNumber') ?? '', notation: childText(code, 'CodeNotation') ?? '' },
      promulgation: { place: childText(prom, 'Place') ?? '', date: isoOf(childText(prom, 'PromulgationDate')) ?? '' },
      documentType: { type: num(childText(type, 'Type')), typeName: childText(type, 'TypeName') ?? '' },
      subject: childText(header, 'Subject') ?? '',
      content: childText(header, 'Content'),
      signer: { competence: childText(signer, 'Competence') ?? '', position: childText(signer, 'Position') ?? '', fullName: childText(signer, 'FullName') ?? '' },
      dueDate: isoOf(childText(header, 'DueDate')),
      toPlaces: childrenNamed(childNamed(header, 'ToPlaces') ?? header, 'Place')
        .map((p) => p.textContent?.trim() ?? '')
        .filter(Boolean),
      other: {
        priority: num(childText(other, 'Priority')) ?? 0,
        sphere: childText(other, 'SphereOfPromulgation'),
        typerNotation: childText(other, 'TyperNotation'),
        promulgationAmount: num(childText(other, 'PromulgationAmount')),
        pageAmount: num(childText(other, 'PageAmount')),
        appendixes: (childNamed(other, 'Appendixes') ? childrenNamed(childNamed(other, 'Appendixes')!, 'Appendix') : []).map((a) => a.textContent?.trim() ?? '').filter(Boolean),
      },
      responseFor: childrenNamed(header, 'ResponseFor').map((r) => ({
        organId: childText(r, 'OrganId') ?? '',
        code: childText(r, 'Code') ?? '',
        promulgationDate: isoOf(childText(r, 'PromulgationDate')),
        documentId: childText(r, 'DocumentId') ?? '',
      })),
      steeringType: num(childText(header, 'SteeringType')) ?? 0,
      documentId,
    },
    traces: trace ? childrenNamed(trace, 'TraceHeader').map((t) => ({ organId: childText(t, 'OrganId') ?? '', timestamp: childText(t, 'Timestamp') ?? '' })) : [],
    business: {
      business,
      reason: childText(bus, 'BussinessDocReason'),
      documentId: childText(bus, 'DocumentId') ?? documentId,
      paper: childText(bus, 'Paper') === '1' ? 1 : 0,
      replaces: (replacements ? childrenNamed(replacements, 'ReplacementInfo') : [])
        .map((r) => ({ documentId: childText(r, 'DocumentId') ?? '', organIds: childrenNamed(childNamed(r, 'OrganIdList') ?? r, 'OrganId').map((o) => o.textContent?.trim() ?? '').filter(Boolean) }))
        .filter((r) => r.documentId)
        .slice(0, 20),
    },
    attachments: [],
  };
  // Files: the manifest's references, matched to AttachmentEncoded/Attachment by ContentId.
  const manifest = findNamed(doc, 'edXMLManifest');
  const described = new Map<string, { name: string | null; description: string | null; contentType: string | null }>();
  for (const r of manifest ? childrenNamed(manifest, 'Reference') : []) {
    const cid = (childText(r, 'ContentId') ?? (r.getAttribute('xlink:href') ?? '').replace(/^cid:/, '')).trim();
    if (cid) described.set(cid, { name: childText(r, 'AttachmentName'), description: childText(r, 'Description'), contentType: childText(r, 'ContentType') });
  }
  const box = findNamed(doc, 'AttachmentEncoded');
  const encoded = (box ? childrenNamed(box, 'Attachment') : []).map((a, i) => {
    const contentId = (childText(a, 'ContentId') ?? '').replace(/^cid:/, '');
    const ref = described.get(contentId);
    const meta: EdxmlAttachmentMeta = {
      contentId,
      name: safeAttachmentName(childText(a, 'AttachmentName') ?? ref?.name ?? '', i),
      contentType: (childText(a, 'ContentType') ?? ref?.contentType ?? 'application/octet-stream').slice(0, 100),
      description: childText(a, 'Description') ?? ref?.description ?? null,
    };
    return { meta, base64: childNamed(a, 'ContentTransferEncoded')?.textContent ?? '' };
  });
  model.attachments = encoded.map((e) => e.meta);
  return { model, encoded };
}

/** The exact decoded size of a base64 text (whitespace ignored), without decoding it. */
export function decodedSize(b64: string): number {
  const s = b64.replace(/\s+/g, '');
  const pad = s.endsWith('==') ? 2 : s.endsWith('=') ? 1 : 0;
  return Math.floor((s.length * 3) / 4) - pad;
}

function pdfVerdicts(file: string, r: VerifyResult): SignatureVerdict[] {
  return r.signatures.map((s) => ({
    kind: 'pdf',
    file,
    status: s.integrity && s.signatureValid ? (s.trusted && s.validAtSigningTime ? 'valid' : 'untrusted') : 'invalid',
    signer: s.signer,
    issuer: s.issuer,
    signedAt: s.signedAt,
    problems: s.problems,
  }));
}

/** The worker task: the whole package read, checked and verified. */
export async function readDocumentPackage(bytes: Uint8Array, opts: { trust: Uint8Array[]; maxBytes?: number; maxDecodedBytes?: number }): Promise<ReadPackage> {
  const maxBytes = opts.maxBytes ?? MAX_PACKAGE_BYTES;
  const doc = readXml(bytes, { maxBytes, what: 'gói tin edXML' });
  const root = doc.documentElement!;
  if ((root.localName ?? root.nodeName) !== 'edXML') throw refuse(`Gói tin có phần tử gốc «${root.localName ?? root.nodeName}», không phải edXML.`);
  const { model, encoded } = parseDocumentPackage(doc);
  const cap = opts.maxDecodedBytes ?? MAX_DECODED_BYTES;
  const total = encoded.reduce((n, e) => n + decodedSize(e.base64), 0);
  if (total > cap) throw refuse(`Tệp đính kèm trong gói tin lớn quá giới hạn (${Math.round(cap / 1024 / 1024)} MB sau khi giải mã): từ chối gói tin.`);
  const files: ReadFile[] = encoded.map((e) => {
    const clean = e.base64.replace(/\s+/g, '');
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length % 4 === 1) throw refuse(`Tệp đính kèm «${e.meta.name}» không phải dữ liệu base64 hợp lệ.`);
    return { name: e.meta.name, contentType: e.meta.contentType, description: e.meta.description, data: new Uint8Array(Buffer.from(clean, 'base64')) };
  });
  const text = new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '');
  const sent = model.traces.find((t) => t.organId === model.header.from.organId) ?? model.traces[0];
  const signatures = [verifyEdxmlSignature(doc, text, opts.trust, traceTime(sent?.timestamp ?? null))];
  const { verifyResult } = await import('../signing/verify');
  for (const f of files) {
    if (f.data.byteLength > 4 && Buffer.from(f.data.subarray(0, 5)).toString('latin1') === '%PDF-') signatures.push(...pdfVerdicts(f.name, await verifyResult(f.data, opts.trust)));
  }
  return { model, files, signatures };
}
