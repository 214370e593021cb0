import { docTypeByCode } from '../../shared/domain/doc-types';

/**
 * The original text of an outgoing document or a draft, per column of its index (outgoing_fts, draft_fts): the trích
 * yếu, the other metadata, the recipients (the organ filter) and the body. The index holds their folding; the same
 * texts give the excerpts shown with a hit, so highlighting finds its words in them.
 */
export interface RecordTexts {
  subject: string;
  meta: string;
  organs: string;
  body: string;
}

const SEP = ' \n ';
const join = (parts: (string | null | undefined)[], sep = SEP) => parts.filter((p): p is string => typeof p === 'string' && p.trim() !== '').join(sep);
const typeName = (code: string | null | undefined) => (code ? (docTypeByCode(code)?.name ?? '') : '');

/** Inline markup of the draft model (**bold**, *italic*) is not text. */
const plain = (s: unknown) => (typeof s === 'string' ? s.replace(/\*\*|\*/g, '') : '');
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' ? (v as Record<string, unknown>) : {});

export interface OutgoingSource {
  number: number;
  ref: string;
  docType: string | null;
  subject: string;
  signer: string;
  recipients: string;
  note: string | null;
  /** The issued PDF's extracted text, once extracted. */
  pdfText: string | null;
}

export function outgoingTexts(g: OutgoingSource): RecordTexts {
  let recipients: string[] = [];
  try {
    recipients = list(JSON.parse(g.recipients)).filter((r): r is string => typeof r === 'string');
  } catch {
    /* a malformed list is not indexed */
  }
  return {
    subject: g.subject,
    meta: join([typeName(g.docType), g.ref, g.signer, g.note, String(g.number)]),
    organs: join(recipients),
    body: g.pdfText ?? '',
  };
}

export interface DraftSource {
  subject: string;
  docType: string;
  /** The model as stored (validated when saved; read defensively here). */
  model: string;
  /** The số, ký hiệu it was issued under. */
  ref: string | null;
}

function blockText(b: Record<string, unknown>): string {
  switch (b.kind) {
    case 'heading':
      return join([plain(b.number), plain(b.text)], ' ');
    case 'item':
      return join([plain(b.label), plain(b.text)], ' ');
    case 'table':
      return list(b.rows).map((r) => list(r).map(plain).join(' ')).join('\n');
    case 'activity':
      return join([b.title, b.content, b.time, b.place, b.host, b.lead, b.participants].map(plain), '\n');
    default:
      return plain(b.text);
  }
}

/** The body a reader searches: title, căn cứ, the body's blocks, the appendices. */
export function draftBody(model: unknown): string {
  const m = obj(model);
  const blocks = (v: unknown) => list(v).map((b) => blockText(obj(b)));
  const appendices = list(m.appendices).flatMap((a) => [plain(obj(a).title), ...blocks(obj(a).body)]);
  return join([plain(m.title), ...list(m.bases).map(plain), ...blocks(m.body), ...appendices], '\n');
}

export function draftTexts(d: DraftSource): RecordTexts {
  let model: unknown = {};
  try {
    model = JSON.parse(d.model);
  } catch {
    /* the columns alone */
  }
  const m = obj(model);
  const sig = obj(m.signature);
  const recipients = list(m.recipients).flatMap((r) => [plain(obj(r).text), ...list(obj(r).group).map(plain)]);
  return {
    subject: d.subject,
    meta: join([typeName(d.docType), d.ref, plain(m.notation), plain(m.parentOrgan), plain(m.organ), plain(m.place), plain(sig.title), plain(sig.name)]),
    organs: join([...list(m.addressees).map(plain), ...recipients]),
    body: draftBody(model),
  };
}
