import crypto from 'node:crypto';
import { AppError } from '../../shared/api/result';
import type { MethodParsed } from '../../shared/api/contract';
import { handoverDueBy, packageFileName } from '../../shared/hoso/rules';
import type { DueForHandover, HandoverPackage, PackageReport } from '../../shared/hoso/schemas';
import { todayInVietnam } from '../../shared/domain/dates';
import type { AppContext } from '../app/context';
import { requireCaller } from '../app/caller';
import { immediate } from '../db/connection';
import { audit } from '../audit/record';
import { organisation } from '../settings/organisation';
import { parseOrRefuse } from '../parsing/untrusted';
import { zipEntries } from '../parsing/zip-guard';
import { upsertBlob } from '../attachments/repo';
import { viewerOf } from '../scope/viewer';
import { exportContents } from './contents';
import { documentsOf, type DocInfo } from './documents';
import { CONTENTS_PDF, MANIFEST, METADATA, manifestText, metadataXml, type PackedFile } from './package-xml';
import type { PackageCheck } from './package-read';
import * as repo from './repo';
import { requireHoso, toSummary } from './service';

/**
 * Nộp lưu hồ sơ vào lưu trữ cơ quan (ND30 Điều 30–31): the closed hồ sơ due within a year of closing, and one ZIP
 * package per hồ sơ — its documents' files byte for byte (signed PDFs, attachments), the mục lục as PDF, metadata.xml
 * (package-xml.ts) and a manifest of SHA-256 checksums. The hồ sơ is then marked handed over with the package's
 * SHA-256. A package is verified as the hostile file it may be, in the parse worker (package-read.ts).
 */
const sha256 = (b: Uint8Array) => crypto.createHash('sha256').update(b).digest('hex');

export function dueForHandover(app: AppContext, input: MethodParsed<'hoso.dueForHandover'>): DueForHandover[] {
  const c = requireCaller();
  // Closed before 1 January of the next year, Vietnam time.
  const before = new Date(Date.parse(`${input.year + 1}-01-01T00:00:00+07:00`)).toISOString();
  const today = app.today();
  return repo.closedNotHandedOver(app.db, before, repo.hosoScope(viewerOf(app))).map((r) => {
    const dueBy = handoverDueBy(todayInVietnam(new Date(r.closed_at!)));
    return { ...toSummary(app, r, c), dueBy, overdue: dueBy < today };
  });
}

async function buildPackage(app: AppContext, r: repo.HosoRow, docs: DocInfo[], organId: string, at: Date): Promise<{ data: Uint8Array; files: number }> {
  const { default: JSZip } = await import('jszip');
  const zip = new JSZip();
  const taken = new Set<string>();
  const packed: { doc: DocInfo; files: PackedFile[] }[] = [];
  const all: PackedFile[] = [];
  const add = (path: string, data: Uint8Array, mime: string, compress: boolean, hash = sha256(data)): PackedFile => {
    zip.file(path, data, { date: at, binary: true, createFolders: false, compression: compress ? 'DEFLATE' : 'STORE' });
    const f = { path, sha256: hash, size: data.byteLength, mime };
    all.push(f);
    return f;
  };
  for (const d of docs) {
    const files: PackedFile[] = [];
    for (const f of d.files) {
      const bytes = app.blobs.read(f.sha256);
      // The store's own check: a file changed on disk is not handed over as if it were the document.
      if (sha256(bytes) !== f.sha256) throw new AppError('CONFLICT', `Tệp «${f.name}» của văn bản thứ ${d.ordinal} trong hồ sơ «${r.code}» bị hỏng (mã băm không khớp): khôi phục từ bản sao lưu trước khi nộp lưu.`);
      files.push(add(`files/${packageFileName(d.ordinal, f.name, taken)}`, bytes, f.mime, !/pdf|zip|jpeg|png/.test(f.mime), f.sha256));
    }
    packed.push({ doc: d, files });
  }
  const contents = add(CONTENTS_PDF, (await exportContents(app, { id: r.id, format: 'pdf' })).data, 'application/pdf', false);
  const c = requireCaller();
  const s = toSummary(app, r, c, organId);
  const creator = [r.owner_name, r.unit_name].filter(Boolean).join(', ');
  add(METADATA, new TextEncoder().encode(metadataXml({ ...s, organId, creator }, packed, contents)), 'application/xml', true);
  zip.file(MANIFEST, manifestText(all), { date: at, createFolders: false, compression: 'DEFLATE' });
  const data = await zip.generateAsync({ type: 'uint8array', platform: 'UNIX' });
  return { data, files: all.length + 1 };
}

const packageName = (r: repo.HosoRow) => `nop-luu-${r.year}-${r.code.replace(/[^\w.-]+/g, '-')}.zip`;

/** A hồ sơ whose every document the caller may read (a package holds them all), or FORBIDDEN. */
function requireReadable(app: AppContext, r: repo.HosoRow): DocInfo[] {
  const docs = documentsOf(app, repo.docsOf(app.db, r.id), viewerOf(app));
  if (docs.some((d) => !d.visible))
    throw new AppError('FORBIDDEN', `Hồ sơ «${r.code}» có văn bản bạn không được xem (văn bản mật): người giữ sổ văn bản mật nộp lưu hồ sơ này.`, { field: 'ids' });
  return docs;
}

/**
 * Every package is built and stored (the data folder's file store, under its SHA-256) before any hồ sơ is marked: a
 * failure leaves them all closed and waiting, and a package whose download was lost is fetched again (packageOf).
 */
export async function handover(app: AppContext, input: MethodParsed<'hoso.handover'>): Promise<HandoverPackage[]> {
  const c = requireCaller();
  const organId = organisation(app.db).organId;
  if (!organId) throw new AppError('VALIDATION', 'Chưa khai báo mã định danh của cơ quan (Cài đặt → Cơ quan): mã hồ sơ nộp lưu gồm mã này (Nghị định 30/2020/NĐ-CP, Phụ lục VI).', { field: 'organId' });
  const ids = [...new Set(input.ids)];
  // Every hồ sơ is checked before any package is made.
  const ready = ids.map((id) => {
    const r = requireHoso(app, id);
    if (r.status !== 'dong') throw new AppError('CONFLICT', `Hồ sơ «${r.code}» ${r.status === 'mo' ? 'chưa kết thúc' : r.status === 'nop-luu' ? 'đã nộp lưu' : 'đã tiêu hủy'}: chỉ nộp lưu hồ sơ đã kết thúc.`, { field: 'ids' });
    return { r, docs: requireReadable(app, r) };
  });
  const built: { r: repo.HosoRow; docs: number; p: HandoverPackage }[] = [];
  for (const { r, docs } of ready) {
    const pkg = await buildPackage(app, r, docs, organId, app.clock());
    const hash = app.blobs.put(pkg.data);
    built.push({ r, docs: docs.length, p: { id: r.id, fileName: packageName(r), sha256: hash, size: pkg.data.byteLength, data: pkg.data, files: pkg.files } });
  }
  immediate(app.db, () => {
    const now = app.nowIso();
    for (const { r, docs, p: { sha256: hash, size } } of built) {
      if (!repo.setHandedOver(app.db, r.id, hash, c.id, now)) throw new AppError('CONFLICT', `Hồ sơ «${r.code}» vừa được người khác nộp lưu hoặc mở lại.`, { field: 'ids' });
      upsertBlob(app.db, { sha256: hash, size, mime: 'application/zip', pageCount: null, textStatus: 'none', now });
      audit(app, 'hoso.handover', 'hoso', r.id, { ref: r.code, sha256: hash, docs, bytes: size });
    }
  });
  return built.map((b) => b.p);
}

/** The package a hồ sơ was handed over with, again (a download lost, a second copy): the bytes its SHA-256 names. */
export function packageOf(app: AppContext, input: MethodParsed<'hoso.package'>): HandoverPackage {
  const r = requireHoso(app, input.id);
  if (r.status !== 'nop-luu' || !r.package_sha256)
    throw new AppError('CONFLICT', `Hồ sơ «${r.code}» ${r.status === 'huy' ? 'đã tiêu hủy' : 'chưa nộp lưu'}: không có gói nộp lưu để tải.`, { field: 'id' });
  requireReadable(app, r);
  if (!app.blobs.has(r.package_sha256))
    throw new AppError('NOT_FOUND', `Không còn bản lưu của gói nộp lưu hồ sơ «${r.code}» trong thư mục dữ liệu: khôi phục từ bản sao lưu.`, { field: 'id' });
  const data = app.blobs.read(r.package_sha256);
  if (sha256(data) !== r.package_sha256)
    throw new AppError('CONFLICT', `Bản lưu của gói nộp lưu hồ sơ «${r.code}» bị hỏng (mã băm không khớp): khôi phục từ bản sao lưu.`, { field: 'id' });
  return { id: r.id, fileName: packageName(r), sha256: r.package_sha256, size: data.byteLength, data, files: zipEntries(data).length };
}

/** Reads a package back — off the API's thread, under the parse limits — and checks every file against the manifest and metadata.xml. */
export async function verifyPackage(app: AppContext, input: MethodParsed<'hoso.verifyPackage'>): Promise<PackageReport> {
  const r = await parseOrRefuse<PackageCheck>('hoso.package', { data: input.data, name: input.name ?? 'goi-nop-luu.zip' }, {
    name: input.name ?? 'gói nộp lưu',
    field: 'data',
    local: async () => (await import('./package-read')).checkPackage(input.data),
  }).catch((e: unknown) => {
    // The reader's own refusal ("không phải tệp nén ZIP hợp lệ") names the file field, as a limit's does.
    throw e instanceof AppError && !e.field ? new AppError(e.code, e.message, { field: 'data', details: e.details }) : e;
  });
  const m = repo.hosoByPackage(app.db, r.sha256);
  return { ...r, matches: m ? { id: m.id, code: m.code, handedOverAt: m.handed_over_at } : null };
}
