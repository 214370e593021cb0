import { randomUUID } from 'node:crypto';
import { AppError } from '../../shared/api/result';
import { docTypeByCode } from '../../shared/domain/doc-types';
import type { DraftDocument } from '../../shared/drafting/model';
import { documentIdOf } from '../../shared/exchange/document-id';
import { BUSINESS_LABELS, EDXML_TYPE_CODES, PRIORITY_OF_URGENCY, type Business, type EdxmlDocumentModel, type EdxmlOrgan } from '../../shared/exchange/edxml-model';
import type { Urgency } from '../../shared/domain/marks';
import type { Session } from '../app/caller';
import type { AppContext } from '../app/context';
import { audit } from '../audit/record';
import { immediate } from '../db/connection';
import { findOrganizationByName, organizationByOrganId } from '../directory/repo';
import { getDraftRow } from '../drafting/repo';
import { fromOldRegister, getOutgoing } from '../outgoing/repo';
import { organisation, organName } from '../settings/organisation';
import type { SigningKey } from '../signing/key';
import { buildEdxml, edxmlTimestamp, splitRef, type BuildAttachment } from './edxml-build';
import { answeredDocuments } from './edxml-repo';
import { signEdxml } from './xml-signature';

/**
 * Export (issue 18): an issued outgoing document as an edXML package for the recipients that have a mã định danh in
 * the directory (plus codes given), signed with the organisation's key. Refused for a document with độ mật (QĐ 28/2018),
 * before issuance, and while the office has no mã định danh of its own.
 */

export interface ExportOptions {
  outgoingId: number;
  /** Extra recipients by mã định danh. */
  to?: string[];
  business?: Business;
  reason?: string;
  key: SigningKey | null;
  /** Further files sent with the signed PDF (phụ lục, tài liệu kèm theo). */
  attachments?: { name: string; data: Uint8Array }[];
  /** A replace: the earlier outgoing document this one replaces (ReplacementInfo); absent: the document itself, reissued. */
  replaces?: number;
}

export interface ExportedPackage {
  bytes: Uint8Array;
  documentId: string;
  fileName: string;
  recipients: { organId: string; name: string; email: string | null }[];
  notSendable: { name: string; why: string }[];
}

export const NO_ORGAN_ID = 'chưa có mã định danh trong danh bạ';

/** Nơi nhận lines that name no organisation: "Như trên", "Lưu: VT, …". */
const notAnOrgan = (s: string) => /^(như trên|lưu\s*[:：]?|lưu$)/i.test(s.normalize('NFC').trim().replace(/^[-–+•]\s*/, ''));

const CONTENT_TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  doc: 'application/msword',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  xls: 'application/vnd.ms-excel',
  odt: 'application/vnd.oasis.opendocument.text',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  zip: 'application/zip',
  txt: 'text/plain',
};
export const contentTypeOf = (name: string) => CONTENT_TYPES[/\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase() ?? ''] ?? 'application/octet-stream';

/** A file name from a số/ký hiệu ("05/KH-SNV" → "05-KH-SNV"). */
export const refFileName = (ref: string) => ref.replace(/[\\/:*?"<>|\s]+/g, '-').replace(/^-+|-+$/g, '') || 'van-ban';

const cut = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

function draftOf(app: AppContext, draftId: number | null): DraftDocument | null {
  if (draftId === null) return null;
  const row = getDraftRow(app.db, draftId);
  return row ? (row.model as DraftDocument) : null;
}

export async function buildDocumentPackage(app: AppContext, _session: Session | null, opts: ExportOptions): Promise<ExportedPackage> {
  const rec = getOutgoing(app.db, opts.outgoingId);
  if (!rec) throw new AppError('NOT_FOUND', 'Không có văn bản đi này.', { field: 'id' });
  if (rec.secrecy !== 'thuong') {
    throw new AppError('VALIDATION', 'Văn bản có độ mật không được gửi qua trục liên thông hay thư điện tử: Quyết định 28/2018/QĐ-TTg không áp dụng gửi, nhận văn bản điện tử cho văn bản mật.', { field: 'secrecy' });
  }
  // A record brought in from an old register is a scan, never signed by this software.
  if (rec.status === 'issued' && rec.draftId === null && fromOldRegister(app.db, rec.id)) {
    throw new AppError('VALIDATION', `Văn bản ${rec.ref} nhập từ sổ cũ (bản quét, không có chữ ký số của cơ quan): không gửi qua trục liên thông; gửi bản giấy hoặc thư điện tử.`, { field: 'id' });
  }
  if (rec.status !== 'issued' || !rec.sha256) throw new AppError('VALIDATION', `Văn bản ${rec.ref} chưa ban hành (chưa có bản PDF đã ký số): chỉ xuất gói edXML cho văn bản đã ban hành.`, { field: 'id' });
  const business = opts.business ?? 'new';
  const reason = opts.reason?.trim() || null;
  if (business !== 'new' && !reason) throw new AppError('VALIDATION', `Nhập lý do ${BUSINESS_LABELS[business].toLowerCase()} văn bản.`, { field: 'reason' });
  const org = organisation(app.db);
  if (!org.organId) throw new AppError('VALIDATION', 'Cơ quan chưa có mã định danh: quản trị viên nhập ở Cài đặt → Cơ quan → Mã định danh trước khi xuất gói edXML.', { field: 'organId' });
  const draft = draftOf(app, rec.draftId);

  // Recipients: the record's nơi nhận found in the directory with a mã định danh, then the codes given.
  const to: EdxmlOrgan[] = [];
  const recipients: ExportedPackage['recipients'] = [];
  const notSendable: ExportedPackage['notSendable'] = [];
  const add = (organId: string, name: string, email: string | null, address: string | null) => {
    if (organId === org.organId || to.some((t) => t.organId === organId)) return;
    to.push({ organId, organInCharge: null, organName: name, organAdd: address, email, telephone: null, fax: null, website: null });
    recipients.push({ organId, name, email });
  };
  for (const name of rec.recipients) {
    if (notAnOrgan(name)) continue;
    const o = findOrganizationByName(app.db, name);
    if (o?.organId) add(o.organId, o.name, o.email, o.address);
    else if (!notSendable.some((n) => n.name === name)) notSendable.push({ name, why: NO_ORGAN_ID });
  }
  for (const code of opts.to ?? []) {
    const c = code.trim().toUpperCase();
    const o = organizationByOrganId(app.db, c);
    add(c, o?.name ?? c, o?.email ?? null, o?.address ?? null);
  }
  if (!to.length) {
    throw new AppError('VALIDATION', 'Không có nơi nhận nào có mã định danh trong danh bạ: thêm mã định danh cho cơ quan nhận ở Danh bạ, hoặc nhập mã của nơi nhận.', { field: 'to', details: { notSendable } });
  }

  const self = organizationByOrganId(app.db, org.organId);
  const documentId = documentIdOf(org.organId, rec.docDate, rec.ref);
  let replaces: EdxmlDocumentModel['business']['replaces'];
  if (business === 'replace') {
    const old = opts.replaces === undefined ? rec : getOutgoing(app.db, opts.replaces);
    if (!old) throw new AppError('NOT_FOUND', 'Không có văn bản đi bị thay thế này.', { field: 'replaces' });
    replaces = [{ documentId: documentIdOf(org.organId, old.docDate, old.ref), organIds: to.map((t) => t.organId) }];
  }
  const sig = draft?.signature;
  const type = rec.docType ? docTypeByCode(rec.docType) : undefined;
  const model: EdxmlDocumentModel = {
    header: {
      from: {
        organId: org.organId,
        organInCharge: org.parentOrgan.trim() || null,
        organName: organName(app.db) || org.name,
        organAdd: self?.address ?? null,
        email: self?.email ?? null,
        telephone: null,
        fax: null,
        website: null,
      },
      to,
      code: splitRef(rec.ref),
      promulgation: { place: draft?.place || org.place, date: rec.docDate },
      documentType: { type: rec.docType ? (EDXML_TYPE_CODES[rec.docType] ?? null) : null, typeName: type?.name ?? '' },
      subject: rec.subject,
      content: null,
      signer: {
        competence: sig?.authority?.trim() || 'Trực tiếp',
        position: cut((sig?.title ?? '').replace(/\n/g, ' ').trim(), 200),
        fullName: sig?.name ?? rec.signer,
      },
      dueDate: null,
      toPlaces: rec.recipients.map((r) => cut(r, 150)),
      other: {
        priority: PRIORITY_OF_URGENCY[rec.urgency as Urgency] ?? 0,
        sphere: null,
        typerNotation: draft?.drafterMark || null,
        promulgationAmount: rec.copies,
        pageAmount: rec.pageCount,
        appendixes: (draft?.appendices ?? []).map((a) => cut(a.title, 250)),
      },
      responseFor: answeredDocuments(app.db, rec.id).map((a) => ({ organId: a.organId, code: a.ref, promulgationDate: a.docDate, documentId: a.documentId })),
      steeringType: 0,
      documentId,
    },
    traces: [{ organId: org.organId, timestamp: edxmlTimestamp(app.clock()) }],
    business: { business, reason, documentId, paper: 0, replaces },
    attachments: [],
  };
  const files: BuildAttachment[] = [
    { contentId: randomUUID(), name: `${refFileName(rec.ref)}.pdf`, contentType: 'application/pdf', description: 'Văn bản đã ký số', data: app.blobs.read(rec.sha256) },
    ...(opts.attachments ?? []).map((f) => ({ contentId: randomUUID(), name: f.name.replace(/[\\/]/g, '-').slice(0, 200), contentType: contentTypeOf(f.name), description: 'Tài liệu kèm theo', data: f.data })),
  ];
  model.attachments = files.map(({ data: _d, ...meta }) => meta);
  const unsigned = buildEdxml(model, files);
  const xml = opts.key ? await signEdxml(unsigned, opts.key) : unsigned;
  const suffix = business === 'new' ? '' : `-${{ revoke: 'thu-hoi', update: 'cap-nhat', replace: 'thay-the' }[business]}`;
  const out: ExportedPackage = { bytes: new Uint8Array(Buffer.from(xml, 'utf8')), documentId, fileName: `${refFileName(rec.ref)}${suffix}.edxml`, recipients, notSendable };
  immediate(app.db, () =>
    audit(app, 'exchange.export', 'outgoing', rec.id, { documentId, business, signed: !!opts.key, to: recipients.map((r) => r.organId), notSendable: notSendable.map((n) => n.name) }),
  );
  return out;
}
