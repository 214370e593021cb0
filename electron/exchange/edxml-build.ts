import { AppError } from '../../shared/api/result';
import { ORGAN_ID } from '../../shared/directory/schemas';
import { BUSINESS_CODES, EDXML_NS, type EdxmlDocumentModel, type EdxmlOrgan } from '../../shared/exchange/edxml-model';
import { xmlEscape } from './xml';

/**
 * Writes an edXML document package (QCVN 102:2016/BTTTT) in the VNPT SDK's serialisation (reference/domain.md §3.1):
 * edXML › edXMLEnvelope › edXMLHeader (MessageHeader, TraceHeaderList with Bussiness) and edXMLBody (edXMLManifest),
 * then AttachmentEncoded with each file in base64. Plain string building, every text escaped; the structure is checked
 * first (checkModel) and a failed check names the field in Vietnamese. The XML signature is added after (xml-signature.ts).
 */

export interface BuildAttachment {
  contentId: string;
  name: string;
  contentType: string;
  description: string | null;
  data: Uint8Array;
}

/** ISO yyyy-MM-dd → the package's yyyy/MM/dd. */
export const edxmlDate = (iso: string) => iso.slice(0, 10).replace(/-/g, '/');

/** "yyyy/MM/dd HH:mm:ss" in Vietnam time (UTC+7), the TraceHeader's timestamp. */
export function edxmlTimestamp(d: Date): string {
  const v = new Date(d.getTime() + 7 * 3600_000).toISOString();
  return `${v.slice(0, 10).replace(/-/g, '/')} ${v.slice(11, 19)}`;
}

/** "05/KH-SNV" → số 05, ký hiệu KH-SNV (a ref without "/" is all ký hiệu). */
export function splitRef(ref: string): { number: string; notation: string } {
  const i = ref.indexOf('/');
  return i < 0 ? { number: '', notation: ref.trim() } : { number: ref.slice(0, i).trim(), notation: ref.slice(i + 1).trim() };
}

const fail = (field: string, what: string) => new AppError('VALIDATION', `Gói edXML không hợp lệ: ${what}.`, { field });

/**
 * §3.2 and the Bkav checker: what a receiver refuses, refused here before anything is written. `received`: a package
 * from another office, read back — the same rules for what the register keeps (mã định danh, Code, date, Subject, To),
 * without those on what it does not (an organ's name may be absent, ToPlaces/Appendixes/Content lengths).
 */
export function checkModel(m: EdxmlDocumentModel, opts: { received?: boolean } = {}): void {
  const h = m.header;
  const organ = (o: EdxmlOrgan, where: string, field: string) => {
    if (!ORGAN_ID.test(o.organId)) throw fail(field, `${where}: mã định danh «${o.organId.slice(0, 40)}» phải gồm 13 ký tự dạng 000.00.00.H30`);
    if (!o.organName.trim() && !opts.received) throw fail(field, `${where}: thiếu tên cơ quan`);
    if (o.organName.length > 200) throw fail(field, `${where}: tên cơ quan dài quá 200 ký tự`);
  };
  organ(h.from, 'Nơi gửi (From)', 'from');
  if (!h.to.length) throw fail('to', 'cần ít nhất một nơi nhận có mã định danh (To)');
  const seen = new Set<string>();
  for (const t of h.to) {
    organ(t, `Nơi nhận (To) «${t.organName}»`, 'to');
    if (seen.has(t.organId)) throw fail('to', `mã định danh ${t.organId} có hai lần trong nơi nhận`);
    seen.add(t.organId);
  }
  if (!h.code.notation) throw fail('code', 'thiếu số và ký hiệu (Code)');
  if (h.code.number.length > 11 || h.code.notation.length > 30) throw fail('code', 'số và ký hiệu quá dài');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(h.promulgation.date)) throw fail('promulgationDate', 'thiếu ngày ban hành (PromulgationDate) hoặc ngày không đúng dạng yyyy/MM/dd');
  if (!h.subject.trim()) throw fail('subject', 'thiếu trích yếu (Subject)');
  if (h.subject.length > 500) throw fail('subject', 'trích yếu dài quá 500 ký tự');
  if (!h.documentId.trim()) throw fail('documentId', 'thiếu mã định danh văn bản (DocumentId)');
  if (opts.received) return;
  if (h.promulgation.place.length > 50) throw fail('place', 'địa danh dài quá 50 ký tự');
  if ((h.content ?? '').length > 500) throw fail('content', 'nội dung (Content) dài quá 500 ký tự');
  if (h.toPlaces.some((p) => p.length > 150)) throw fail('toPlaces', 'một dòng nơi nhận (ToPlaces) dài quá 150 ký tự');
  if (h.other.appendixes.some((p) => p.length > 250)) throw fail('appendixes', 'tên một phụ lục dài quá 250 ký tự');
  for (const a of m.attachments) if (!a.name || a.name.length > 200 || /[\\/]/.test(a.name)) throw fail('attachments', `tên tệp «${a.name.slice(0, 60)}» không hợp lệ`);
}

const el = (name: string, value: string | number | null | undefined) => (value === null || value === undefined || value === '' ? `<edXML:${name}/>` : `<edXML:${name}>${xmlEscape(String(value))}</edXML:${name}>`);

function organXml(tag: 'From' | 'To', o: EdxmlOrgan): string {
  return (
    `<edXML:${tag}>${el('OrganId', o.organId)}${el('OrganizationInCharge', o.organInCharge)}${el('OrganName', o.organName)}${el('OrganAdd', o.organAdd)}` +
    `${el('Email', o.email)}${el('Telephone', o.telephone)}${el('Fax', o.fax)}${el('Website', o.website)}</edXML:${tag}>`
  );
}

function headerXml(m: EdxmlDocumentModel): string {
  const h = m.header;
  const o = h.other;
  return [
    '<edXML:MessageHeader>',
    organXml('From', h.from),
    ...h.to.map((t) => organXml('To', t)),
    `<edXML:Code>${el('CodeNumber', h.code.number)}${el('CodeNotation', h.code.notation)}</edXML:Code>`,
    `<edXML:PromulgationInfo>${el('Place', h.promulgation.place)}${el('PromulgationDate', edxmlDate(h.promulgation.date))}</edXML:PromulgationInfo>`,
    `<edXML:DocumentType>${h.documentType.type !== null ? el('Type', h.documentType.type) : ''}${el('TypeName', h.documentType.typeName)}</edXML:DocumentType>`,
    el('Subject', h.subject),
    el('Content', h.content),
    `<edXML:SignerInfo>${el('Competence', h.signer.competence)}${el('Position', h.signer.position)}${el('FullName', h.signer.fullName)}</edXML:SignerInfo>`,
    el('DueDate', h.dueDate ? edxmlDate(h.dueDate) : null),
    `<edXML:ToPlaces>${h.toPlaces.map((p) => el('Place', p)).join('')}</edXML:ToPlaces>`,
    '<edXML:OtherInfo>',
    el('Priority', o.priority),
    el('SphereOfPromulgation', o.sphere),
    el('TyperNotation', o.typerNotation),
    el('PromulgationAmount', o.promulgationAmount),
    el('PageAmount', o.pageAmount),
    `<edXML:Appendixes>${o.appendixes.map((a) => el('Appendix', a)).join('')}</edXML:Appendixes>`,
    '</edXML:OtherInfo>',
    ...h.responseFor.map(
      (r) => `<edXML:ResponseFor>${el('OrganId', r.organId)}${el('Code', r.code)}${el('PromulgationDate', r.promulgationDate ? edxmlDate(r.promulgationDate) : null)}${el('DocumentId', r.documentId)}</edXML:ResponseFor>`,
    ),
    el('SteeringType', h.steeringType),
    el('DocumentId', h.documentId),
    '</edXML:MessageHeader>',
  ].join('');
}

/** Bussiness/ReplacementInfoList (a replace, §3.3): the documents replaced, each with the offices it went to. */
const replacementXml = (list: NonNullable<EdxmlDocumentModel['business']['replaces']>) =>
  list.length
    ? `<edXML:ReplacementInfoList>${list.map((r) => `<edXML:ReplacementInfo>${el('DocumentId', r.documentId)}<edXML:OrganIdList>${r.organIds.map((o) => el('OrganId', o)).join('')}</edXML:OrganIdList></edXML:ReplacementInfo>`).join('')}</edXML:ReplacementInfoList>`
    : '';

function traceXml(m: EdxmlDocumentModel): string {
  const b = m.business;
  return [
    '<edXML:TraceHeaderList id="TraceHeaderList" version="1.0" mustUnderstand="1" actor="http://schemas.xmlsoap.org/soap/actor/next">',
    ...m.traces.map((t) => `<edXML:TraceHeader>${el('OrganId', t.organId)}${el('Timestamp', t.timestamp)}</edXML:TraceHeader>`),
    `<edXML:Bussiness>${el('BussinessDocType', BUSINESS_CODES[b.business])}${el('BussinessDocReason', b.reason)}${el('DocumentId', b.documentId)}${el('Paper', b.paper)}${replacementXml(b.replaces ?? [])}</edXML:Bussiness>`,
    '</edXML:TraceHeaderList>',
  ].join('');
}

/** The unsigned package text. */
export function buildEdxml(m: EdxmlDocumentModel, files: BuildAttachment[]): string {
  checkModel(m);
  const refs = files.map(
    (f) =>
      `<edXML:Reference xlink:href="cid:${xmlEscape(f.contentId)}" xlink:type="simple">${el('Description', f.description)}${el('AttachmentName', f.name)}${el('ContentType', f.contentType)}${el('ContentId', f.contentId)}</edXML:Reference>`,
  );
  const encoded = files.map(
    (f) =>
      `<Attachment>${el('ContentType', f.contentType).replace(/edXML:/g, '')}${el('ContentId', f.contentId).replace(/edXML:/g, '')}${el('Description', f.description).replace(/edXML:/g, '')}` +
      `<ContentTransferEncoded>${Buffer.from(f.data.buffer, f.data.byteOffset, f.data.byteLength).toString('base64')}</ContentTransferEncoded>${el('AttachmentName', f.name).replace(/edXML:/g, '')}</Attachment>`,
  );
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    `<edXML xmlns="${EDXML_NS}" xmlns:edXML="${EDXML_NS}" xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema">` +
    `<edXML:edXMLEnvelope><edXML:edXMLHeader>${headerXml(m)}${traceXml(m)}</edXML:edXMLHeader>` +
    `<edXML:edXMLBody><edXML:edXMLManifest version="1.0">${refs.join('')}</edXML:edXMLManifest></edXML:edXMLBody></edXML:edXMLEnvelope>` +
    `<AttachmentEncoded>${encoded.join('')}</AttachmentEncoded></edXML>`
  );
}
