import { createHash } from 'node:crypto';
import type { ImportedEdxml } from '../../shared/exchange/edxml-api';
import { AppError } from '../../shared/api/result';
import { findDocType } from '../../shared/domain/doc-types';
import { formatDateVN } from '../../shared/domain/dates';
import type { z } from 'zod';
import { hasRole } from '../../shared/auth/roles';
import { BUSINESS_LABELS, VERDICT_LABELS, urgencyOfPriority, type Business, type EdxmlDocumentModel, type EdxmlOrgan, type SignatureVerdict } from '../../shared/exchange/edxml-model';
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
import { MAX_PACKAGE_BYTES } from '../../shared/exchange/limits';
import { readDocumentPackage, type ReadPackage } from './edxml-parse';
import { checkModel } from './edxml-build';
import * as repo from './edxml-repo';
import { sameSigner } from './xml-signature';

/**
 * Import (issue 18): a received edXML document package into the incoming register. The package is read and its
 * signatures verified in the parse worker (edxml-parse.ts); here it is refused when not addressed to this office's mã
 * định danh, malformed (the export's rules, checkModel), signed with a signature that does not verify, or already
 * received (with the earlier số đến); a new document is registered through the register service in ONE transaction
 * (sender matched in the directory by mã định danh, added if absent; exchange row; audit). A revoke marks the earlier
 * record revoked (kept, with a history note), an update or replace changes it through the update path; both only with a
 * valid XML signature of the original's signer. A replace naming other documents (ReplacementInfo) is registered as a
 * new record and the replaced ones marked. An unsigned new document is registered, marked «không có chữ ký số».
 */

/** What an import registered or applied: the API's answer (shared/exchange/edxml-api.ts). */
export type ImportedPackage = ImportedEdxml;

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

/**
 * The sender in the directory by its mã định danh; added (or given that code, when known by name only) if absent.
 * `write` false: only the name it will have (read before the registration); true: inside its transaction.
 */
function senderOf(app: AppContext, f: EdxmlOrgan, write: boolean): string {
  const known = organizationByOrganId(app.db, f.organId);
  if (known) return known.name;
  const name = (f.organName.trim() || f.organId).slice(0, 180);
  const byName = findOrganizationByName(app.db, name);
  if (byName && !byName.organId) {
    if (write) updateOrganization(app.db, byName.id, { organId: f.organId, email: f.email, address: f.organAdd });
    return byName.name;
  }
  const fresh = byName ? `${name} (${f.organId})` : name;
  if (write) {
    const o = insertOrganization(app.db, { name: fresh, organId: f.organId, email: f.email, address: f.organAdd }, app.nowIso());
    audit(app, 'organization.create', 'organization', o.id, { name: o.name, organId: f.organId, from: 'edxml' });
  }
  return fresh;
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

/** Outside data through a schema: a failure is a VALIDATION naming the field, never a bare ZodError. */
function parsed<T>(schema: z.ZodType<T>, value: unknown): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const first = r.error.issues[0];
  throw new AppError('VALIDATION', `Gói edXML không hợp lệ: ${first?.message ?? 'dữ liệu không hợp lệ.'}`, { field: first?.path.map(String).join('.') || 'data' });
}

/** The organ part of a DocumentId ("<OrganId>,<yyyy/MM/dd>,<Số>/<Ký hiệu>"). */
const organOf = (documentId: string) => documentId.split(',')[0].trim();

function requireFromSender(documentId: string, fromOrganId: string, what: string): void {
  if (organOf(documentId) !== fromOrganId) {
    throw new AppError('VALIDATION', `Mã văn bản ${documentId.slice(0, 120)} (${what}) không thuộc cơ quan gửi gói tin (${fromOrganId}): một cơ quan chỉ gửi văn bản của chính mình; từ chối gói tin.`, { field: 'documentId' });
  }
}

const NO_XML: SignatureVerdict = { kind: 'xml', file: null, status: 'missing', signer: '', issuer: '', signedAt: null, problems: [] };
const verdictText = (s: SignatureVerdict) => `chữ ký số gói tin: ${VERDICT_LABELS[s.status]}${s.signer ? ` — ${s.signer}` : ''}`;

/**
 * A revoke, update or replace changes a record registered here: only with a valid XML signature made by the same
 * signer (same key, or same subject and issuer) as the package that brought the document — else anyone could revoke it.
 */
function requireSameSigner(xml: SignatureVerdict, earlier: repo.Received, fromOrganId: string, label: string): void {
  const documentId = earlier.facts.documentId;
  if (earlier.facts.fromOrganId !== fromOrganId) {
    throw new AppError('FORBIDDEN', `Gói tin ${label} văn bản ${documentId} đến từ ${fromOrganId}, không phải cơ quan đã gửi văn bản (${earlier.facts.fromOrganId}).`, { field: 'data' });
  }
  if (xml.status !== 'valid') {
    throw new AppError('FORBIDDEN', `Gói tin ${label} văn bản ${documentId} phải có chữ ký số hợp lệ của cơ quan gửi (${verdictText(xml)}): không áp dụng.`, { field: 'signature' });
  }
  const original = earlier.facts.signatures.find((s) => s.kind === 'xml');
  if (!original?.cert || original.status === 'missing' || original.status === 'invalid') {
    throw new AppError('FORBIDDEN', `Văn bản ${documentId} (số đến ${earlier.arrivalNumber}/${earlier.year}) khi nhận không có chữ ký số hợp lệ: không xác nhận được gói tin ${label} đến từ cùng cơ quan. Liên hệ cơ quan gửi và xử lý trên sổ.`, { field: 'signature' });
  }
  if (!sameSigner(original.cert, xml.cert)) {
    throw new AppError('FORBIDDEN', `Gói tin ${label} văn bản ${documentId} được ký bằng chứng thư khác (${xml.signer}) với chứng thư đã ký văn bản gốc (${original.signer}): không áp dụng.`, { field: 'signature' });
  }
}

function duplicateOf(earlier: repo.Received): AppError {
  return new AppError('DUPLICATE', `Gói tin này đã được nhận: văn bản ${earlier.facts.documentId} đã vào sổ, số đến ${earlier.arrivalNumber}/${earlier.year} (${earlier.bookName}).`, {
    field: 'data',
    details: { incomingId: earlier.incomingId, arrivalNumber: earlier.arrivalNumber, year: earlier.year },
  });
}

const uniqueClash = (e: unknown) => e instanceof Error && !(e instanceof AppError) && /UNIQUE constraint failed: exchange_received/.test(e.message);

export async function importDocumentPackage(app: AppContext, _session: Session | null, bytes: Uint8Array, opts: { fileName: string; messageRowId?: number }): Promise<ImportedPackage> {
  // The register's own rule (incoming.register: văn thư), checked before anything is read or written.
  const caller = currentActor();
  if (caller && !hasRole(caller, 'vanthu')) {
    throw new AppError('FORBIDDEN', `Chỉ văn thư được nhận gói edXML vào sổ văn bản đến: tài khoản «${caller.username}» không có vai trò văn thư.`);
  }
  const ours = organisation(app.db).organId;
  if (!ours) throw new AppError('VALIDATION', 'Cơ quan chưa có mã định danh: quản trị viên nhập ở Cài đặt → Cơ quan → Mã định danh trước khi nhận gói edXML.', { field: 'organId' });
  const pkg = await readPackage(app, bytes, opts.fileName);
  const m = pkg.model;
  const h = m.header;
  if (!h.to.some((t) => t.organId === ours)) {
    throw new AppError('VALIDATION', `Gói tin không gửi cho cơ quan này (mã định danh ${ours}); nơi nhận trong gói: ${h.to.map((t) => t.organId).join(', ') || 'không có'}.`, { field: 'data' });
  }
  if (!h.from.organId) throw new AppError('VALIDATION', 'Gói tin không có mã định danh của cơ quan gửi.', { field: 'data' });
  checkModel(m, { received: true });
  const xml = pkg.signatures.find((s) => s.kind === 'xml') ?? NO_XML;
  if (xml.status === 'invalid') {
    throw new AppError('FILE_INVALID', `Chữ ký số của gói tin không hợp lệ: ${xml.problems.join(' ') || 'không kiểm tra được'} Từ chối gói tin, không vào sổ.`, { field: 'signature' });
  }
  const own = h.documentId.trim();
  requireFromSender(own, h.from.organId, 'DocumentId');
  const business = m.business.business;
  // A replace naming other documents (ReplacementInfo) is a new document that replaces them.
  const replaced = business === 'replace' ? [...new Set((m.business.replaces ?? []).map((r) => r.documentId.trim()).filter((d) => d && d !== own))] : [];
  if (business === 'new' || replaced.length) return registerNew(app, pkg, xml, own, replaced, opts.messageRowId ?? null);
  return applyToEarlier(app, pkg, xml, (m.business.documentId || own).trim());
}

/** A new document (or a replacing one): sender, record, exchange row, replaced records and audit in ONE transaction. */
async function registerNew(app: AppContext, pkg: ReadPackage, xml: SignatureVerdict, documentId: string, replaced: string[], messageId: number | null): Promise<ImportedPackage> {
  const m = pkg.model;
  const h = m.header;
  const business = m.business.business;
  const earlier = repo.receivedByDocumentId(app.db, documentId);
  if (earlier) throw duplicateOf(earlier);
  for (const d of replaced) requireFromSender(d, h.from.organId, 'văn bản được thay thế');
  const olds = replaced.map((d) => repo.receivedByDocumentId(app.db, d)).filter((x): x is repo.Received => !!x);
  for (const o of olds) requireSameSigner(xml, o, h.from.organId, 'thay thế');
  const f = fieldsOf(m);
  const { kept, skipped } = keptFiles(pkg.files);
  const facts = [
    `Nhận qua trục liên thông (edXML) — mã văn bản ${documentId}`,
    xml.status === 'missing' ? 'gói tin không có chữ ký số' : '',
    replaced.length ? `thay thế văn bản ${replaced.join(', ')}` : '',
    skipped.length ? `tệp không lưu được: ${skipped.map((x) => x.name).join(', ')} (chỉ nhận PDF, Word .docx, ảnh)` : '',
  ];
  const note = facts.filter(Boolean).join('; ').slice(0, 500);
  const input = parsed(registerIncomingInput, { sender: senderOf(app, h.from, false), ...f, note, attachments: kept });
  const reason = m.business.reason;
  const signatures = pkg.signatures.map((s) => s.status);
  let detail;
  try {
    detail = await register(app, input, {
      inTransaction: {
        before: () => {
          const now = repo.receivedByDocumentId(app.db, documentId);
          if (now) throw duplicateOf(now);
          senderOf(app, h.from, true);
        },
        after: (id) => {
          const now = app.nowIso();
          repo.insertReceived(app.db, { documentId, incomingId: id, fromOrganId: h.from.organId, business, reason, signatures: pkg.signatures, messageId, now });
          audit(app, 'exchange.import', 'incoming', id, { documentId, from: h.from.organId, business, replaces: replaced, signatures });
          const n = repo.arrivalOf(app.db, id)!;
          for (const o of olds) {
            const status = (repo.incomingStatus(app.db, o.incomingId) ?? 'cho-xu-ly') as IncomingStatus;
            const text = `Đã được thay thế bởi văn bản số đến ${n.arrivalNumber}/${n.year} (mã văn bản ${documentId}) theo gói edXML của ${h.from.organId}${reason ? `: ${reason}` : ''} (${verdictText(xml)})`;
            insertHistory(app.db, o.incomingId, now, currentActor()?.fullName ?? null, status, status, text.slice(0, 1000));
            repo.applyBusiness(app.db, o.id, { business: 'replace', reason, now });
            audit(app, 'exchange.import', 'incoming', o.incomingId, { documentId: o.facts.documentId, business: 'replace', replacedBy: documentId, replacedById: id, reason, signature: xml.status, signer: xml.signer, at: now });
          }
        },
      },
    });
  } catch (e) {
    // Two copies of one package at once: the second is refused, nothing of it written (no số đến used).
    if (uniqueClash(e)) throw new AppError('DUPLICATE', `Gói tin này vừa được nhận: văn bản ${documentId} đã vào sổ.`, { field: 'data' });
    throw e;
  }
  return { incomingId: detail.id, arrivalNumber: detail.arrivalNumber, documentId, business, fromOrganId: h.from.organId, signatures: pkg.signatures, skipped };
}

/** A revoke, update or replace of a document registered here: the change, its history note and audit in one transaction. */
async function applyToEarlier(app: AppContext, pkg: ReadPackage, xml: SignatureVerdict, documentId: string): Promise<ImportedPackage> {
  const m = pkg.model;
  const h = m.header;
  const business = m.business.business;
  const label = BUSINESS_LABELS[business].toLowerCase();
  requireFromSender(documentId, h.from.organId, `văn bản được ${label}`);
  const earlier = repo.receivedByDocumentId(app.db, documentId);
  if (!earlier) throw new AppError('NOT_FOUND', `Gói tin ${label} văn bản ${documentId}, nhưng văn bản đó chưa được nhận ở cơ quan này.`, { field: 'data' });
  requireSameSigner(xml, earlier, h.from.organId, label);
  const revoked = (r: repo.Received) =>
    new AppError('CONFLICT', `Văn bản ${documentId} (số đến ${r.arrivalNumber}/${r.year}) đã bị thu hồi ngày ${formatDateVN(r.facts.revokedAt!.slice(0, 10))}.`, { field: 'data' });
  if (earlier.facts.revokedAt) throw revoked(earlier);
  const reason = m.business.reason;
  const { kept, skipped } = business === 'revoke' ? { kept: [], skipped: [] } : keptFiles(pkg.files);
  const apply = () => {
    const cur = repo.receivedByDocumentId(app.db, documentId)!;
    if (cur.facts.revokedAt) throw revoked(cur);
    const now = app.nowIso();
    const status = (repo.incomingStatus(app.db, earlier.incomingId) ?? 'cho-xu-ly') as IncomingStatus;
    const what = business === 'revoke' ? 'Đã bị thu hồi' : BUSINESS_LABELS[business];
    const note = `${what} theo gói edXML của ${h.from.organId}${reason ? `: ${reason}` : ''} (${verdictText(xml)})`;
    insertHistory(app.db, earlier.incomingId, now, currentActor()?.fullName ?? null, status, status, note.slice(0, 1000));
    repo.applyBusiness(app.db, earlier.id, { business, reason, now });
    audit(app, 'exchange.import', 'incoming', earlier.incomingId, {
      documentId,
      from: h.from.organId,
      business,
      reason,
      at: now,
      signatures: pkg.signatures.map((s) => ({ kind: s.kind, file: s.file, status: s.status, signer: s.signer })),
    });
  };
  if (business === 'update' || business === 'replace') {
    const f = fieldsOf(m);
    // Files already on the record (the same signed PDF sent again) are not attached twice.
    const have = new Set(get(app, earlier.incomingId).attachments.map((a) => a.sha256));
    const fresh = kept.filter((x) => !have.has(createHash('sha256').update(x.data).digest('hex')));
    const input = parsed(updateIncomingInput, { id: earlier.incomingId, ...f, docType: f.docType || undefined, attachments: fresh.map((x) => ({ name: x.name, data: x.data })) });
    await update(app, input, { inTransaction: { after: apply } });
  } else {
    immediate(app.db, apply);
  }
  return { incomingId: earlier.incomingId, arrivalNumber: earlier.arrivalNumber, documentId, business, fromOrganId: h.from.organId, signatures: pkg.signatures, skipped };
}

/** The facts the incoming drawer shows for a record that came as an edXML package; null for any other record. */
export function receivedFacts(app: AppContext, incomingId: number) {
  return repo.receivedOfIncoming(app.db, incomingId)?.facts ?? null;
}
