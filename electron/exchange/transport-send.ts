import { AppError } from '../../shared/api/result';
import type { MethodParsed } from '../../shared/api/contract';
import type { OutgoingRecord } from '../../shared/outgoing/schemas';
import { ORGAN_ID } from '../../shared/settings/schemas';
import type { Session } from '../app/caller';
import type { AppContext } from '../app/context';
import { currentActor } from '../app/caller';
import { audit } from '../audit/record';
import { immediate } from '../db/connection';
import { findOrganizationByName, getOrganization, organizationByOrganId } from '../directory/repo';
import * as outgoing from '../outgoing/service';
import { withKeyFor } from '../signing/service';
import { buildDocumentPackage, refFileName, type ExportedPackage } from './edxml-export';
import { newMessageId } from './outbox';
import { organisation } from '../settings/organisation';
import { exchangeSettings } from './settings-repo';
import { packageFileName } from './transport';
import * as repo from './transport-repo';

/**
 * `outgoing.send` for real (issue 18): the sends by edXML or e-mail to a recipient the directory knows electronically
 * — a mã định danh (edXML, through the folder the trục/LGSP client syncs), an e-mail address (the edXML package
 * attached when the recipient also has a mã định danh, else the signed PDF) — are queued in the outbox in the same
 * transaction that records the sends (outgoing_sends, as before); the others — no mã định danh or e-mail in the
 * directory, no organ id of our own, no outbox folder or SMTP server set — are recorded only, listed with the reason. A
 * secret document is refused by the send itself (QĐ 28/2018/QĐ-TTg). The package is signed with the organisation's key,
 * which an edXML send requires; e-mail without a key sends the signed PDF.
 */
interface Target {
  index: number;
  name: string;
  method: 'edxml' | 'email';
  organId: string | null;
  email: string | null;
}

function resolve(app: AppContext, s: MethodParsed<'outgoing.send'>['sends'][number]) {
  const byId = s.organizationId ? getOrganization(app.db, s.organizationId) : undefined;
  const code = s.recipient.trim().toUpperCase();
  const o = byId ?? (ORGAN_ID.test(code) ? organizationByOrganId(app.db, code) : undefined) ?? findOrganizationByName(app.db, s.recipient);
  return { name: o?.name ?? s.recipient, organId: o?.organId ?? (ORGAN_ID.test(code) ? code : null), email: o?.email ?? null };
}

export async function sendOutgoing(app: AppContext, input: MethodParsed<'outgoing.send'>, session: Session): Promise<OutgoingRecord> {
  const rec = outgoing.requireOutgoing(app, input.id);
  const settings = exchangeSettings(app);
  const ownId = organisation(app.db).organId;
  const targets: Target[] = [];
  const notSendable: { name: string; why: string }[] = [];
  input.sends.forEach((s, index) => {
    if (s.method === 'paper') return;
    const r = resolve(app, s);
    // What keeps a send from going electronically: it is then recorded only, and the caller told why.
    const why =
      s.method === 'edxml'
        ? !r.organId
          ? 'chưa có mã định danh trong danh bạ'
          : !ownId
            ? 'cơ quan chưa có mã định danh (Cài đặt → Cơ quan)'
            : !settings.outbox
              ? 'chưa đặt thư mục gửi của trục liên thông (Trao đổi văn bản → Cài đặt)'
              : null
        : !r.email
          ? 'chưa có địa chỉ thư điện tử trong danh bạ'
          : !settings.smtp
            ? 'chưa cấu hình máy chủ thư SMTP (Trao đổi văn bản → Cài đặt)'
            : null;
    if (why) notSendable.push({ name: r.name, why });
    else targets.push({ index, name: r.name, method: s.method, organId: ownId ? r.organId : null, email: r.email });
  });
  // Nothing to deliver, or a record that cannot be sent (secret, not issued): the send as before, which refuses those.
  if (!targets.length || rec.secrecy !== 'thuong' || rec.status !== 'issued') {
    const r = outgoing.send(app, input);
    return { ...r, delivery: { queued: [], notSendable, signed: false } };
  }
  // A package through the trục carries the organisation's XML signature (QCVN 102:2016): never sent unsigned.
  const edxmlIndex = targets.find((t) => t.method === 'edxml')?.index;
  if (edxmlIndex !== undefined && !input.key) {
    throw new AppError('VALIDATION', 'Gửi qua trục liên thông (edXML) cần chữ ký số của cơ quan để ký gói tin: chọn tệp chữ ký số (.p12/.pfx) của cơ quan và nhập mật khẩu (hoặc dùng USB token).', {
      field: 'key',
    });
  }
  // With the key, e-mail recipients that have a mã định danh get the signed package too; without it (e-mail only),
  // the signed PDF.
  const organIds = input.key ? [...new Set(targets.filter((t) => t.organId).map((t) => t.organId!))] : [];
  let pkg: ExportedPackage | null = null;
  if (organIds.length && input.key) {
    pkg = await withKeyFor(app, input.key, `Ký gói edXML văn bản ${rec.ref}`, (k) => buildDocumentPackage(app, session, { outgoingId: rec.id, to: organIds, key: k }));
  }
  const pkgSha = pkg ? app.blobs.put(pkg.bytes) : null;
  const byPdf = (t: Target) => t.method === 'email' && !(t.organId && pkg);
  const pdfSha = targets.some(byPdf) ? rec.sha256 : null;
  if (targets.some(byPdf) && !pdfSha) throw new AppError('VALIDATION', `Văn bản ${rec.ref} chưa có bản PDF đã ký để gửi.`, { field: 'id' });
  const queued: string[] = [];
  immediate(app.db, () => {
    outgoing.send(app, { ...input, key: undefined });
    const now = app.nowIso();
    for (const t of targets) {
      const messageId = newMessageId();
      const asPackage = !!t.organId && !!pkg;
      const bytesSha = asPackage ? pkgSha! : pdfSha!;
      repo.insertMessage(
        app.db,
        {
          messageId,
          direction: 'out',
          kind: 'document',
          transport: t.method === 'edxml' ? 'folder' : 'email',
          peerOrganId: t.organId,
          peerAddress: t.method === 'email' ? t.email : null,
          documentId: pkg?.documentId ?? null,
          business: asPackage ? 'new' : null,
          outgoingId: rec.id,
          fileName: asPackage ? packageFileName(messageId) : `${refFileName(rec.ref)}.pdf`,
          sha256: bytesSha,
          size: app.blobs.size(bytesSha),
          state: 'queued',
          userId: currentActor()?.id ?? null,
        },
        now,
      );
      queued.push(t.name);
    }
    audit(app, 'exchange.queue', 'outgoing', rec.id, { ref: rec.ref, documentId: pkg?.documentId ?? null, to: targets.map((t) => `${t.name} (${t.method})`), signed: !!pkg });
  });
  return { ...outgoing.requireOutgoing(app, rec.id), delivery: { queued, notSendable, signed: !!pkg } };
}
