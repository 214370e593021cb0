import { createHash } from 'node:crypto';
import { AppError } from '../../shared/api/result';
import { findDocType } from '../../shared/domain/doc-types';
import { formatDateVN } from '../../shared/domain/dates';
import { BUSINESS_LABELS, urgencyOfPriority, type Business, type EdxmlDocumentModel, type SignatureVerdict } from '../../shared/exchange/edxml-model';
import { registerIncomingInput, updateIncomingInput } from '../../shared/incoming/schemas';
import type { IncomingStatus } from '../../shared/domain/marks';
import { currentActor, type Session } from '../app/caller';
import type { AppContext } from '../app/context';
import { audit } from '../audit/record';
import { immediate } from '../db/connection';
import { findOrganizationByName, insertOrganization, organizationByOrganId, updateOrganization } from '../directory/repo';
import { insertHistory } from '../incoming/repo';
import { get, register, update } from '../incoming/service';
import { runUntrusted } from '../parsing/untrusted';
import { organisation } from '../settings/organisation';
import { trustedDers } from '../signing/repo';
import { sniffFile } from '../attachments/sniff';
import { MAX_PACKAGE_BYTES, readDocumentPackage, type ReadPackage } from './edxml-parse';
import * as repo from './edxml-repo';

/**
 * Import (issue 18): a received edXML document package into the incoming register. The package is read and its
 * signatures verified in the parse worker (edxml-parse.ts); here it is refused when not addressed to this office's mã
 * định danh or already received (with the earlier số đến); a new document is registered through the register service
 * (sender matched in the directory by mã định danh, added if absent), a revoke marks the earlier record revoked (kept,
 * with a history note), an update or replace changes the earlier record through the update path (history kept).
 */

export interface ImportedPackage {
  incomingId: number;
  arrivalNumber: number;
  documentId: string;
  business: Business;
  fromOrganId: string;
  signatures: SignatureVerdict[];
  /** Files of the package the register does not keep (a kind it does not take: .xlsx, .doc …), with why. */
  skipped: { name: string; why: string }[];
}

/** The package's files the register takes (PDF, DOCX, images whose content matches their name), and the others. */
function keptFiles(files: ReadPackage['files']): { kept: { name: string; data: Uint8Array }[]; skipped: ImportedPackage['skipped'] } {
  const kept: { name: string; data: Uint8Array }[] = [];
  const skipped: ImportedPackage['skipped'] = [];
  for (const f of files) {
    try {
      sniffFile(f.name, f.data);
      kept.push({ name: f.name, data: f.data });
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      skipped.push({ name: f.name, why: e.message });
    }
  }
  return { kept, skipped };
}

const MiB = 1024 * 1024;

/** The package read in the worker, under limits that grow with its size; a 1 GB file is refused by its size alone. */
export async function readPackage(app: AppContext, bytes: Uint8Array, fileName: string, caps: { maxBytes?: number; maxDecodedBytes?: number } = {}): Promise<ReadPackage> {
  const maxBytes = caps.maxBytes ?? MAX_PACKAGE_BYTES;
  if (bytes.byteLength > maxBytes) throw new AppError('VALIDATION', `Gói tin edXML «${fileName}» quá lớn (hơn ${Math.round(maxBytes / MiB)} MB): từ chối, không đọc.`, { field: 'data' });
  if (bytes.byteLength === 0) throw new AppError('VALIDATION', `Tệp «${fileName}» rỗng.`, { field: 'data' });
  const trust = trustedDers(app.db);
  const mb = bytes.byteLength / MiB;
  const r = await runUntrusted<ReadPackage>(
    'edxml.read',
    { data: bytes, name: fileName, trust, maxDecodedBytes: caps.maxDecodedBytes },
    {
      lane: 'interactive',
      limits: { workerMemoryMb: Math.ceil(160 + 6 * mb), rssGrowthMb: Math.ceil(256 + 6 * mb), timeMs: Math.ceil(20_000 + 1_000 * mb) },
      local: () => readDocumentPackage(bytes, { trust, maxDecodedBytes: caps.maxDecodedBytes }),
    },
  );
  if (r.ok) return r.value;
  if (r.error instanceof AppError) throw r.error;
  throw new AppError('FILE_INVALID', `Gói tin edXML «${fileName}» không đọc được: ${r.detail ?? r.reason}.`, { field: 'data' });
}

/** The sender in the directory by its mã định danh; added (or given that code, when known by name only) if absent. */
function senderOf(app: AppContext, m: EdxmlDocumentModel): string {
  const f = m.header.from;
  return immediate(app.db, () => {
    const known = organizationByOrganId(app.db, f.organId);
    if (known) return known.name;
    const name = f.organName.trim() || f.organId;
    const byName = findOrganizationByName(app.db, name);
    if (byName && !byName.organId) {
      updateOrganization(app.db, byName.id, { organId: f.organId, email: f.email, address: f.organAdd });
      return byName.name;
    }
    const o = insertOrganization(app.db, { name: byName ? `${name} (${f.organId})` : name, organId: f.organId, email: f.email, address: f.organAdd }, app.nowIso());
    audit(app, 'organization.create', 'organization', o.id, { name: o.name, organId: f.organId, from: 'edxml' });
    return o.name;
  });
}

const refOf = (m: EdxmlDocumentModel) => (m.header.code.number ? `${m.header.code.number}/${m.header.code.notation}` : m.header.code.notation);

/** The incoming record's fields from the package's header. */
function fieldsOf(m: EdxmlDocumentModel) {
  const h = m.header;
  const type = h.documentType.typeName ? findDocType(h.documentType.typeName) : undefined;
  return {
    ref: refOf(m),
    docDate: h.promulgation.date,
    docType: type?.name ?? '',
    subject: h.subject,
    urgency: urgencyOfPriority(h.other.priority),
    pageCount: h.other.pageAmount && h.other.pageAmount > 0 && h.other.pageAmount <= 999 ? h.other.pageAmount : undefined,
  };
}

export async function importDocumentPackage(app: AppContext, _session: Session | null, bytes: Uint8Array, opts: { fileName: string; messageRowId?: number }): Promise<ImportedPackage> {
  const ours = organisation(app.db).organId;
  if (!ours) throw new AppError('VALIDATION', 'Cơ quan chưa có mã định danh: quản trị viên nhập ở Cài đặt → Cơ quan → Mã định danh trước khi nhận gói edXML.', { field: 'organId' });
  const pkg = await readPackage(app, bytes, opts.fileName);
  const m = pkg.model;
  const h = m.header;
  if (!h.to.some((t) => t.organId === ours)) {
    throw new AppError('VALIDATION', `Gói tin không gửi cho cơ quan này (mã định danh ${ours}); nơi nhận trong gói: ${h.to.map((t) => t.organId).join(', ') || 'không có'}.`, { field: 'data' });
  }
  if (!h.from.organId) throw new AppError('VALIDATION', 'Gói tin không có mã định danh của cơ quan gửi.', { field: 'data' });
  const business = m.business.business;
  const documentId = (business === 'new' ? h.documentId : m.business.documentId || h.documentId).trim();
  if (!documentId) throw new AppError('VALIDATION', 'Gói tin không có mã định danh văn bản (DocumentId).', { field: 'data' });
  const earlier = repo.receivedByDocumentId(app.db, documentId);
  const messageId = opts.messageRowId ?? null;
  const actor = currentActor()?.fullName ?? null;

  if (business === 'new') {
    if (earlier) {
      throw new AppError('DUPLICATE', `Gói tin này đã được nhận: văn bản ${documentId} đã vào sổ, số đến ${earlier.arrivalNumber}/${earlier.year} (${earlier.bookName}).`, {
        field: 'data',
        details: { incomingId: earlier.incomingId, arrivalNumber: earlier.arrivalNumber, year: earlier.year },
      });
    }
    const sender = senderOf(app, m);
    const f = fieldsOf(m);
    const { kept, skipped } = keptFiles(pkg.files);
    const left = skipped.length ? `; tệp không lưu được: ${skipped.map((x) => x.name).join(', ')} (chỉ nhận PDF, Word .docx, ảnh)` : '';
    const input = registerIncomingInput.parse({ sender, ...f, note: `Nhận qua trục liên thông (edXML) — mã văn bản ${documentId}${left}`.slice(0, 500), attachments: kept });
    const detail = await register(app, input);
    try {
      immediate(app.db, () => {
        repo.insertReceived(app.db, { documentId, incomingId: detail.id, fromOrganId: h.from.organId, business, reason: m.business.reason, signatures: pkg.signatures, messageId, now: app.nowIso() });
        audit(app, 'exchange.import', 'incoming', detail.id, { documentId, from: h.from.organId, business, signatures: pkg.signatures.map((s) => s.status) });
      });
    } catch (e) {
      // Two copies of one package at once: the second's record stays (its số đến used), named as the duplicate.
      if (/UNIQUE/.test((e as Error).message)) throw new AppError('DUPLICATE', `Gói tin này vừa được nhận: văn bản ${documentId} đã vào sổ.`, { field: 'data' });
      throw e;
    }
    return { incomingId: detail.id, arrivalNumber: detail.arrivalNumber, documentId, business, fromOrganId: h.from.organId, signatures: pkg.signatures, skipped };
  }

  const label = BUSINESS_LABELS[business].toLowerCase();
  if (!earlier) throw new AppError('NOT_FOUND', `Gói tin ${label} văn bản ${documentId}, nhưng văn bản đó chưa được nhận ở cơ quan này.`, { field: 'data' });
  if (earlier.facts.fromOrganId !== h.from.organId) {
    throw new AppError('FORBIDDEN', `Gói tin ${label} văn bản ${documentId} đến từ ${h.from.organId}, không phải cơ quan đã gửi văn bản (${earlier.facts.fromOrganId}).`, { field: 'data' });
  }
  if (earlier.facts.revokedAt) throw new AppError('CONFLICT', `Văn bản ${documentId} (số đến ${earlier.arrivalNumber}/${earlier.year}) đã bị thu hồi ngày ${formatDateVN(earlier.facts.revokedAt.slice(0, 10))}.`, { field: 'data' });
  const reason = m.business.reason ? `: ${m.business.reason}` : '';
  const { kept, skipped } = business === 'revoke' ? { kept: [], skipped: [] } : keptFiles(pkg.files);
  if (business === 'update' || business === 'replace') {
    const f = fieldsOf(m);
    // Files already on the record (the same signed PDF sent again) are not attached twice.
    const have = new Set(get(app, earlier.incomingId).attachments.map((a) => a.sha256));
    const fresh = kept.filter((x) => !have.has(createHash('sha256').update(x.data).digest('hex')));
    await update(app, updateIncomingInput.parse({ id: earlier.incomingId, ...f, docType: f.docType || undefined, attachments: fresh.map((x) => ({ name: x.name, data: x.data })) }));
  }
  immediate(app.db, () => {
    const now = app.nowIso();
    const status = (repo.incomingStatus(app.db, earlier.incomingId) ?? 'cho-xu-ly') as IncomingStatus;
    const note = business === 'revoke' ? `Đã bị thu hồi theo gói edXML của ${h.from.organId}${reason}` : `${BUSINESS_LABELS[business]} theo gói edXML của ${h.from.organId}${reason}`;
    insertHistory(app.db, earlier.incomingId, now, actor, status, status, note.slice(0, 1000));
    repo.applyBusiness(app.db, earlier.id, { business, reason: m.business.reason, signatures: pkg.signatures, now });
    audit(app, 'exchange.import', 'incoming', earlier.incomingId, { documentId, from: h.from.organId, business, reason: m.business.reason, signatures: pkg.signatures.map((s) => s.status) });
  });
  return { incomingId: earlier.incomingId, arrivalNumber: earlier.arrivalNumber, documentId, business, fromOrganId: h.from.organId, signatures: pkg.signatures, skipped };
}

/** The facts the incoming drawer shows for a record that came as an edXML package; null for any other record. */
export function receivedFacts(app: AppContext, incomingId: number) {
  return repo.receivedOfIncoming(app.db, incomingId)?.facts ?? null;
}
