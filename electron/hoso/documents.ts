import { docTypeByCode } from '../../shared/domain/doc-types';
import { INCOMING_STATUS_LABELS, type IncomingStatus } from '../../shared/domain/marks';
import { pageRanges } from '../../shared/hoso/rules';
import type { HosoDocKind, HosoDocument, HosoFile } from '../../shared/hoso/schemas';
import type { AppContext } from '../app/context';
import { organName } from '../settings/organisation';
import { draftVisible, incomingVisible, outgoingVisible, type Viewer } from '../scope/repo';
import * as docs from './docs-repo';
import type { DocRef } from './repo';

/**
 * A hồ sơ's documents as the screens, the mục lục and the package read them, in the hồ sơ's order: each with its
 * metadata (ND30 Phụ lục VI), its files, its pages and place in the hồ sơ (Tờ số/Trang số), the open work that keeps
 * the hồ sơ from closing, and whether the viewer may read it (scope/repo.ts).
 */
export interface DocInfo extends HosoDocument {
  visible: boolean;
  urgency?: string;
  signer?: string;
}

const TASK_STATUS: Record<string, string> = { 'dang-lam': 'đang làm', 'cho-duyet': 'chờ duyệt kết quả' };

function sumPages(files: docs.FileRow[]): number | null {
  if (!files.length || files.some((f) => f.page_count === null)) return null;
  return files.reduce((s, f) => s + (f.page_count ?? 0), 0);
}

const toFile = (f: { name: string; sha256: string; size: number; mime: string }, main: boolean): HosoFile => ({ name: f.name, sha256: f.sha256, size: f.size, mime: f.mime, main });

function one(app: AppContext, d: DocRef, ordinal: number, viewer: Viewer | null, office: string): DocInfo {
  const typeName = (code: string | null) => (code ? (docTypeByCode(code)?.name ?? null) : null);
  const base = { ordinal, kind: d.kind, refId: d.refId, pageRange: '', openWork: [] as string[] };
  if (d.kind === 'incoming') {
    const m = docs.incomingMeta(app.db, d.refId);
    const files = m ? docs.incomingFiles(app.db, d.refId) : [];
    const open = m && (m.status === 'cho-xu-ly' || m.status === 'dang-xu-ly');
    return {
      ...base,
      ref: m?.ref ?? '',
      date: m?.doc_date ?? null,
      author: m?.sender ?? '',
      typeName: typeName(m?.doc_type ?? null),
      subject: m?.subject ?? '',
      secrecy: m?.secrecy ?? 'thuong',
      pages: m?.page_count ?? sumPages(files),
      openWork: open ? [`Văn bản đến số ${m.arrival_number}/${m.year} chưa hoàn thành (${INCOMING_STATUS_LABELS[m.status as IncomingStatus]})`] : [],
      files: files.map((f) => toFile(f, false)),
      link: `#/incoming/${d.refId}`,
      visible: incomingVisible(app.db, d.refId, viewer),
    };
  }
  if (d.kind === 'outgoing') {
    const m = docs.outgoingMeta(app.db, d.refId);
    return {
      ...base,
      ref: m?.ref ?? '',
      date: m?.doc_date ?? null,
      author: office,
      typeName: typeName(m?.doc_type ?? null),
      subject: m?.subject ?? '',
      secrecy: m?.secrecy ?? 'thuong',
      pages: m?.page_count ?? null,
      files: m?.sha256 ? [toFile({ name: 'van-ban.pdf', sha256: m.sha256, size: m.size ?? 0, mime: m.mime ?? 'application/pdf' }, true)] : [],
      link: m?.draft_id ? `#/drafting/${m.draft_id}` : '#/outgoing',
      signer: m?.signer,
      visible: outgoingVisible(app.db, d.refId, viewer),
    };
  }
  const m = docs.draftMeta(app.db, d.refId);
  return {
    ...base,
    ref: m?.issued_ref ?? '',
    date: m?.date ?? null,
    author: office,
    typeName: typeName(m?.doc_type ?? null),
    subject: m?.subject ?? '',
    secrecy: m?.secrecy ?? 'thuong',
    pages: m?.page_count ?? null,
    files: m?.signed_sha256 ? [toFile({ name: 'du-thao-da-ky.pdf', sha256: m.signed_sha256, size: m.size ?? 0, mime: m.mime ?? 'application/pdf' }, true)] : [],
    link: `#/drafting/${d.refId}`,
    visible: draftVisible(app.db, d.refId, viewer),
  };
}

/** Every document of the hồ sơ, in order, with `visible` for the viewer (null: the system itself reads all). */
export function documentsOf(app: AppContext, refs: readonly DocRef[], viewer: Viewer | null): DocInfo[] {
  const office = organName(app.db);
  const all = refs.map((d, i) => one(app, d, i + 1, viewer, office));
  const ranges = pageRanges(all.map((d) => d.pages));
  all.forEach((d, i) => (d.pageRange = ranges[i]));
  const byIncoming = new Map(all.filter((d) => d.kind === 'incoming').map((d) => [d.refId, d]));
  const byOutgoing = new Map(all.filter((d) => d.kind === 'outgoing').map((d) => [d.refId, d]));
  for (const t of docs.openTasksOf(app.db, [...byIncoming.keys()], [...byOutgoing.keys()])) {
    const doc = (t.incoming_id !== null ? byIncoming.get(t.incoming_id) : undefined) ?? (t.outgoing_id !== null ? byOutgoing.get(t.outgoing_id) : undefined);
    doc?.openWork.push(`Nhiệm vụ #${t.id} ${TASK_STATUS[t.status] ?? 'chưa xong'}`);
  }
  return all;
}

/** What the API shows of a document: a document the viewer may not read is left out by the caller. */
export function publicDoc(d: DocInfo): HosoDocument {
  const { visible: _v, urgency: _u, signer: _s, ...rest } = d;
  return rest;
}

export const docLabel = (kind: HosoDocKind, refId: number): string =>
  ({ incoming: `văn bản đến mã ${refId}`, outgoing: `văn bản đi mã ${refId}`, draft: `dự thảo số ${refId}` })[kind];
