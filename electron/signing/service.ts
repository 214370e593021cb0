import crypto from 'node:crypto';
import { AppError } from '../../shared/api/result';
import type { MethodOutput, MethodParsed } from '../../shared/api/contract';
import type { AppContext } from '../app/context';
import { completeDocument, prepareDocument, signDocument, type PreparedDocument, type SignedPdf, type SignRequest } from './sign';
import { offThread } from '../app/off-thread';
import { verifyUntrusted } from './verify-untrusted';
import { decodeStamp } from './appearance';
import { DEFAULT_SEAL_MM } from './placement';
import * as repo from './repo';
import { getOrganization } from '../directory/repo';
import { referencedPdfBlobs } from '../attachments/repo';
import { ROLE_LABELS, type KeyInput, type SigningSettings, type TrustedCertificate, type VerifyResult } from '../../shared/signing/schemas';
import { getSetting, setSetting } from '../app/settings';
import type { SigningKey } from './key';
import { commonNameOf } from './names';
import { immediate } from '../db/connection';
import { audit } from '../audit/record';
import { requireCaller } from '../app/caller';
import { httpRemoteSigning, remoteKey, validRemoteUrl, type RemoteSigningService } from './remote';

/** The signing API: sign with a .p12 or a token, verify against the user's trust store, manage stamps and trust. */

const DEFAULT_SIGNATURE_MM = 40;

/** Runs `fn` with a key held on this machine (a .p12 or a token); a token is logged out and unloaded afterwards. */
export async function withKey<T>(key: KeyInput & { slot?: number }, fn: (k: SigningKey) => Promise<T>): Promise<T> {
  // node-forge and the PKCS#11 code are loaded when a key is used, not with the API (the CLI starts without them).
  if (key.kind === 'p12') return fn((await import('./p12')).loadP12(key.data, key.password));
  if (key.kind === 'remote') throw new AppError('VALIDATION', 'Ký số từ xa chỉ dùng được khi ký trong ứng dụng, qua dịch vụ quản trị viên đã cấu hình.', { field: 'key' });
  const { withTokenKey } = await import('./pkcs11');
  return withTokenKey({ module: key.module, slot: key.slot, pin: key.pin, certificateId: key.certificateId || undefined }, fn);
}

/** The remote-signing service the administrator configured; refused with a clear message when there is none. */
export function remoteSigning(app: AppContext): RemoteSigningService {
  const url = settings(app).remoteUrl;
  if (!url) throw new AppError('VALIDATION', 'Chưa cấu hình dịch vụ ký số từ xa: quản trị viên nhập địa chỉ dịch vụ ở mục «Chứng thư tin cậy» trước khi ký từ xa.', { field: 'key' });
  return httpRemoteSigning(url);
}

/**
 * Runs `fn` with the key the caller chose: a .p12 or a token as withKey, or ký số từ xa — the caller's certificate
 * from the remote-signing service, each signature approved on their phone (`description` is what the phone shows).
 */
export async function withKeyFor<T>(app: AppContext, key: KeyInput & { slot?: number }, description: string, fn: (k: SigningKey) => Promise<T>): Promise<T> {
  if (key.kind !== 'remote') return withKey(key, fn);
  return fn(await remoteKey(remoteSigning(app), requireCaller().username, description));
}

/** First half of signing a stored document, off the API's event loop where a pool is installed (the office server). */
export function prepareSignature(pdf: Uint8Array, certificate: Uint8Array, chain: Uint8Array[], req: SignRequest): Promise<PreparedDocument> {
  return offThread('signing.prepare', { pdf, certificate, chain, req }, () => prepareDocument(pdf, certificate, chain, req));
}

/** Second half: the signature value checked, the CMS assembled, the file verified once against the trust store. */
export function completeSignature(app: AppContext, prepared: PreparedDocument, certificate: Uint8Array, chain: Uint8Array[], signature: Uint8Array): Promise<SignedPdf> {
  const trust = repo.trustedDers(app.db);
  return offThread('signing.complete', { prepared, certificate, chain, signature, trust }, () => completeDocument(prepared, certificate, chain, signature, { trust }));
}

/** Outside files are verified off the API's thread (verify-untrusted.ts). */
export function verify(app: AppContext, pdf: Uint8Array): Promise<VerifyResult> {
  return verifyUntrusted(pdf, repo.trustedDers(app.db));
}

export async function signPdf(app: AppContext, input: MethodParsed<'signing.sign'>): Promise<MethodOutput<'signing.sign'>> {
  let image: { png: Uint8Array; widthMm: number } | undefined;
  if (input.role === 'signer' && input.personId !== undefined) {
    if (!repo.getPerson(app.db, input.personId)) throw new AppError('NOT_FOUND', 'Không có người ký này trong danh sách.', { field: 'personId' });
    image = repo.stampPng(app.db, { personId: input.personId });
  }
  if (input.role === 'organisation') {
    if (input.organizationId === undefined) throw new AppError('VALIDATION', 'Chọn cơ quan có con dấu để đóng lên văn bản.', { field: 'organizationId' });
    image = repo.stampPng(app.db, { organizationId: input.organizationId });
    if (!image) throw new AppError('VALIDATION', 'Cơ quan này chưa có ảnh con dấu: thêm ở mục «Mẫu chữ ký, con dấu».', { field: 'organizationId' });
  }
  const signed = await withKeyFor(app, input.key, `Ký tệp PDF (${ROLE_LABELS[input.role].toLowerCase()})`, (key) =>
    signDocument(input.pdf, key, {
      role: input.role,
      page: input.page,
      rect: input.rect,
      image: image?.png,
      sealWidthMm: image?.widthMm,
      stampText: input.stampText,
      reason: input.reason,
      location: input.location,
      time: app.clock(),
      tsaUrl: settings(app).tsaUrl ?? undefined,
    }),
  );
  return { ...signed, verification: await verify(app, signed.pdf) };
}

const TSA_KEY = 'signing.tsaUrl';
const REMOTE_KEY = 'signing.remoteUrl';

export function settings(app: AppContext): SigningSettings {
  return { tsaUrl: getSetting(app.db, TSA_KEY) || null, remoteUrl: getSetting(app.db, REMOTE_KEY) || null };
}

export function saveSettings(app: AppContext, input: MethodParsed<'signing.saveSettings'>): SigningSettings {
  const remoteUrl = input.remoteUrl ? validRemoteUrl(input.remoteUrl) : input.remoteUrl;
  immediate(app.db, () => {
    setSetting(app.db, TSA_KEY, input.tsaUrl);
    if (remoteUrl !== undefined) setSetting(app.db, REMOTE_KEY, remoteUrl);
    audit(app, 'settings.signing', 'settings', null, { tsaUrl: input.tsaUrl, ...(remoteUrl !== undefined ? { remoteUrl } : {}) });
  });
  return settings(app);
}

export async function listTokens(_app: AppContext, input: MethodParsed<'signing.tokens'>) {
  return (await import('./pkcs11')).listTokens(input.module);
}

// ——— trust store ———

/** PEM (one or more certificates) or DER. */
export function parseCertificates(data: Uint8Array): crypto.X509Certificate[] {
  const text = Buffer.from(data).toString('latin1');
  const blocks = [...text.matchAll(/-----BEGIN CERTIFICATE-----([\s\S]+?)-----END CERTIFICATE-----/g)].map((m) => Buffer.from(m[1].replace(/\s+/g, ''), 'base64'));
  try {
    return (blocks.length ? blocks : [Buffer.from(data)]).map((b) => new crypto.X509Certificate(b));
  } catch {
    throw new AppError('FILE_INVALID', 'Tệp không phải chứng thư số X.509 (.cer, .crt, .der hoặc .pem).', { field: 'data' });
  }
}

export async function addTrusted(app: AppContext, input: MethodParsed<'trust.add'>): Promise<TrustedCertificate[]> {
  const certs = parseCertificates(input.data);
  const added = immediate(app.db, () => {
    const out = certs.map((x) => {
      const sha256 = x.fingerprint256.replace(/:/g, '').toLowerCase();
      return (
        repo.findTrusted(app.db, sha256) ??
        repo.insertTrusted(
          app.db,
          { sha256, subject: commonNameOf(x.subject), issuer: commonNameOf(x.issuer), notBefore: new Date(x.validFrom).toISOString(), notAfter: new Date(x.validTo).toISOString(), isCa: x.ca, der: new Uint8Array(x.raw) },
          app.nowIso(),
        )
      );
    });
    audit(app, 'trust.add', 'trust', null, { subjects: out.map((c) => c.subject) });
    return out;
  });
  await recheckStoredFiles(app);
  return added;
}

export async function removeTrusted(app: AppContext, id: number): Promise<{ deleted: true }> {
  immediate(app.db, () => {
    if (!repo.deleteTrusted(app.db, id)) throw new AppError('NOT_FOUND', 'Không có chứng thư này trong danh sách tin cậy.');
    audit(app, 'trust.remove', 'trust', id);
  });
  await recheckStoredFiles(app);
  return { deleted: true };
}

/** The trust store changed: every stored PDF's badge is recomputed (a few ms per signed file, in the parse worker). */
export async function recheckStoredFiles(app: AppContext): Promise<number> {
  const trust = repo.trustedDers(app.db);
  const now = app.nowIso();
  let n = 0;
  for (const sha of referencedPdfBlobs(app.db)) {
    if (!app.blobs.has(sha)) continue;
    const r = await verifyUntrusted(app.blobs.read(sha), trust);
    app.db.transaction(() => repo.saveBlobSignatures(app.db, sha, r.status, r.signatures, now))();
    n++;
  }
  return n;
}

// ——— people and stamp images ———

export function createPerson(app: AppContext, input: MethodParsed<'people.create'>) {
  const position = input.position ?? '';
  if (input.organizationId !== undefined && !getOrganization(app.db, input.organizationId)) throw new AppError('NOT_FOUND', 'Không có cơ quan này.', { field: 'organizationId' });
  return immediate(app.db, () => {
    if (repo.findPerson(app.db, input.fullName, position)) throw new AppError('CONFLICT', `Đã có «${input.fullName}»${position ? ` (${position})` : ''} trong danh sách.`, { field: 'fullName' });
    const p = repo.insertPerson(app.db, { fullName: input.fullName, position, organizationId: input.organizationId }, app.nowIso());
    audit(app, 'person.create', 'person', p.id, { fullName: p.fullName });
    return p;
  });
}

export function setStamp(app: AppContext, input: MethodParsed<'stamps.set'>) {
  const img = decodeStamp(input.png);
  const kind = input.personId !== undefined ? 'signature' : 'seal';
  if (input.personId !== undefined && !repo.getPerson(app.db, input.personId)) throw new AppError('NOT_FOUND', 'Không có người ký này.', { field: 'personId' });
  if (input.organizationId !== undefined && !getOrganization(app.db, input.organizationId)) throw new AppError('NOT_FOUND', 'Không có cơ quan này.', { field: 'organizationId' });
  if (!img.alpha) throw new AppError('VALIDATION', 'Ảnh phải có nền trong suốt (PNG có kênh alpha), theo Nghị định 30/2020/NĐ-CP.', { field: 'png' });
  const widthMm = input.widthMm ?? (img.widthMm && img.widthMm >= 5 && img.widthMm <= 120 ? Math.round(img.widthMm * 10) / 10 : kind === 'seal' ? DEFAULT_SEAL_MM : DEFAULT_SIGNATURE_MM);
  immediate(app.db, () => {
    repo.upsertStamp(app.db, { kind, personId: input.personId, organizationId: input.organizationId, png: input.png, widthPx: img.width, heightPx: img.height, widthMm }, app.nowIso());
    audit(app, 'stamp.set', kind, input.personId ?? input.organizationId ?? null, { widthMm });
  });
  return repo.listStamps(app.db).find((s) => (kind === 'signature' ? s.personId === input.personId : s.organizationId === input.organizationId))!;
}

export function stampImage(app: AppContext, owner: { personId?: number; organizationId?: number }): Uint8Array {
  const s = repo.stampPng(app.db, owner);
  if (!s) throw new AppError('NOT_FOUND', 'Chưa có ảnh.');
  return s.png;
}

export function removeStamp(app: AppContext, owner: { personId?: number; organizationId?: number }): { deleted: true } {
  immediate(app.db, () => {
    if (!repo.deleteStamp(app.db, owner)) throw new AppError('NOT_FOUND', 'Chưa có ảnh.');
    audit(app, 'stamp.remove', owner.personId !== undefined ? 'signature' : 'seal', owner.personId ?? owner.organizationId ?? null);
  });
  return { deleted: true };
}
