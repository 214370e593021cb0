import { docTypeByCode } from '../../shared/domain/doc-types';
import { draftSchema, type Block, type DraftDocument, type DraftInput } from '../../shared/drafting/model';
import { buildNotation, padNumber } from '../../shared/drafting/notation';
import { PROFILES } from '../../shared/drafting/profiles';

/**
 * Field-by-field comparison of a document's model with the one the importer read back from its exported text. Each
 * field is compared as the page prints it, since that is all the text carries: capitals as printed (the organ, the
 * signer's titles, section headings), no inline bold or italic, the ký hiệu as built, Nơi nhận as its printed lines
 * (a group and its note print as the members' lines with the note on the last), the body's final "./." mark aside.
 */
export interface FieldResult {
  field: string;
  agree: boolean;
  expected: string;
  actual: string;
}

export interface Comparison {
  fields: FieldResult[];
  /** Share of fields that agree, 0–1. */
  agreement: number;
  /** The fields that differ, with both values, for the test output. */
  differing: string[];
}

const squash = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim();
const caps = (s: string) => squash(s).toLocaleUpperCase('vi');
const unmark = (s: string) => squash(s.replace(/\*\*|\*/g, ''));

function numberLine(d: DraftDocument): string {
  if (d.number === null) return `(chưa có số)/${buildNotation(d, PROFILES[d.profile])}`;
  return `${padNumber(d.number)}${d.profile === 'party' ? '-' : '/'}${buildNotation(d, PROFILES[d.profile])}`;
}

/** Nơi nhận as printed: "Như trên" first where the profile adds it, each member on its line, the note on the last. */
function recipientLines(d: DraftDocument): string[] {
  const p = PROFILES[d.profile];
  const out: string[] = [];
  if (p.asAboveTypes.includes(d.docType) && d.addressees.length > 0 && !d.recipients.some((r) => /^như trên/i.test(r.text))) out.push('Như trên');
  for (const r of d.recipients) {
    const members = [r.text, ...(r.group ?? [])];
    members.forEach((m, i) => out.push(squash(i === members.length - 1 && r.note ? `${m} (${r.note})` : m).replace(/[;.,]$/, '')));
  }
  return out;
}

function blockKey(b: Block): string {
  switch (b.kind) {
    case 'heading':
      return `${b.level} ${b.number} ${b.level === 'section' ? caps(unmark(b.text)) : unmark(b.text)}`;
    case 'item':
      return `${b.label} ${unmark(b.text)}`;
    case 'bullet':
      return `${b.marker} ${unmark(b.text)}`;
    case 'paragraph':
      return unmark(b.text);
    case 'activity':
      return [b.title, b.content, b.time, b.place, b.host, b.lead, b.participants].map((v) => unmark(v ?? '')).join(' | ');
    case 'table':
      return b.rows.map((r) => r.map(unmark).join(' | ')).join(' / ');
  }
}

/** The body's last text loses its final punctuation to the "./." the exporter appends. */
function bodyKeys(body: Block[]): { kind: Block['kind']; key: string }[] {
  const keys = body.map((b) => ({ kind: b.kind, key: blockKey(b) }));
  const last = keys[keys.length - 1];
  if (last) last.key = last.key.replace(/\s*\.\/\.$/, '').replace(/[.;,:]$/, '');
  return keys;
}

const listOf = (xs: string[]) => xs.join(' ¶ ');

export function compareDrafts(expectedInput: DraftInput | DraftDocument, actualInput: DraftInput): Comparison {
  const e = draftSchema.parse(expectedInput);
  const parsed = draftSchema.safeParse(actualInput);
  const fields: FieldResult[] = [];
  const add = (field: string, expected: string, actual: string) => fields.push({ field, agree: expected === actual, expected, actual });
  if (!parsed.success) {
    add('schema', 'valid', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    return summarise(fields);
  }
  const a = parsed.data;
  const typeName = (d: DraftDocument) => docTypeByCode(d.docType)?.name ?? d.docType;
  add('profile', e.profile, a.profile);
  add('parentOrgan', caps(e.parentOrgan), caps(a.parentOrgan));
  add('organ', caps(e.organ), caps(a.organ));
  add('number', numberLine(e), numberLine(a));
  add('place', squash(e.place), squash(a.place));
  add('date', e.date ?? '', a.date ?? '');
  add('docType', e.docType, a.docType);
  add('title', caps(e.title || typeName(e)), caps(a.title || typeName(a)));
  add('subject', squash(e.subject), squash(a.subject));
  add('competence', caps(e.competence ?? ''), caps(a.competence ?? ''));
  add('bases', listOf(e.bases.map(squash)), listOf(a.bases.map(squash)));
  add('addressees', listOf(e.addressees.map(squash)), listOf(a.addressees.map(squash)));
  const eb = bodyKeys(e.body);
  const ab = bodyKeys(a.body);
  add('body.order', eb.map((k) => k.kind).join(' '), ab.map((k) => k.kind).join(' '));
  for (const [field, kind] of [
    ['body.sections', 'heading'],
    ['body.items', 'item'],
    ['body.bullets', 'bullet'],
    ['body.paragraphs', 'paragraph'],
    ['body.activities', 'activity'],
    ['body.tables', 'table'],
  ] as const) {
    add(field, listOf(eb.filter((k) => k.kind === kind).map((k) => k.key)), listOf(ab.filter((k) => k.kind === kind).map((k) => k.key)));
  }
  add('recipients', listOf(recipientLines(e)), listOf(recipientLines(a)));
  add('archive', listOf(e.archive.map(squash)), listOf(a.archive.map(squash)));
  add('signature.authority', e.signature.authority, a.signature.authority);
  add('signature.onBehalfOf', caps(e.signature.onBehalfOf), caps(a.signature.onBehalfOf));
  add('signature.title', caps(e.signature.title), caps(a.signature.title));
  add('signature.name', squash(e.signature.name), squash(a.signature.name));
  return summarise(fields);
}

/** The first place two values part, with a little context: long body lists differ deep inside. */
function where(x: string, y: string): string {
  let i = 0;
  while (i < x.length && i < y.length && x[i] === y[i]) i++;
  const from = Math.max(0, i - 40);
  return `expected «${x.slice(from, i + 80)}» got «${y.slice(from, i + 80)}»`;
}

function summarise(fields: FieldResult[]): Comparison {
  const agreeing = fields.filter((f) => f.agree).length;
  return {
    fields,
    agreement: fields.length ? agreeing / fields.length : 0,
    differing: fields.filter((f) => !f.agree).map((f) => `${f.field}: ${where(f.expected, f.actual)}`),
  };
}
