import { stmt, type DB } from '../db/connection';
import type { Person, SignatureReport, SignatureStatus, StampInfo, TrustedCertificate } from '../../shared/signing/schemas';
import { vietnameseSortKey } from '../../shared/text/collate';

/** SQL for signers, stamp images, the trust store and stored verification results. */

interface TrustRow {
  id: number;
  sha256: string;
  subject: string;
  issuer: string;
  not_before: string;
  not_after: string;
  is_ca: number;
}

const toTrust = (r: TrustRow): TrustedCertificate => ({
  id: r.id,
  sha256: r.sha256,
  subject: r.subject,
  issuer: r.issuer,
  notBefore: r.not_before,
  notAfter: r.not_after,
  isCa: r.is_ca === 1,
});

export function listTrusted(db: DB): TrustedCertificate[] {
  return (stmt(db, 'SELECT id, sha256, subject, issuer, not_before, not_after, is_ca FROM trusted_certificates ORDER BY subject, id').all() as TrustRow[]).map(toTrust);
}

export function trustedDers(db: DB): Uint8Array[] {
  return stmt(db, 'SELECT der FROM trusted_certificates').pluck().all() as Uint8Array[];
}

export function findTrusted(db: DB, sha256: string): TrustedCertificate | undefined {
  const r = stmt(db, 'SELECT id, sha256, subject, issuer, not_before, not_after, is_ca FROM trusted_certificates WHERE sha256 = ?').get(sha256) as TrustRow | undefined;
  return r && toTrust(r);
}

export function insertTrusted(db: DB, c: Omit<TrustedCertificate, 'id'> & { der: Uint8Array }, now: string): TrustedCertificate {
  const info = stmt(db, 'INSERT INTO trusted_certificates (sha256, subject, issuer, not_before, not_after, is_ca, der, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
    c.sha256,
    c.subject,
    c.issuer,
    c.notBefore,
    c.notAfter,
    c.isCa ? 1 : 0,
    c.der,
    now,
  );
  return { id: Number(info.lastInsertRowid), ...c };
}

export function deleteTrusted(db: DB, id: number): boolean {
  return stmt(db, 'DELETE FROM trusted_certificates WHERE id = ?').run(id).changes > 0;
}

// ——— people and stamp images ———

interface PersonRow {
  id: number;
  full_name: string;
  position: string;
  organization_id: number | null;
  has_signature: number;
}

const toPerson = (r: PersonRow): Person => ({ id: r.id, fullName: r.full_name, position: r.position, organizationId: r.organization_id, hasSignature: r.has_signature === 1 });

export function listPeople(db: DB): Person[] {
  return (
    stmt(db, `SELECT p.*, EXISTS (SELECT 1 FROM stamp_images s WHERE s.person_id = p.id) AS has_signature FROM people p ORDER BY p.sort_key, p.id`).all() as PersonRow[]
  ).map(toPerson);
}

export function getPerson(db: DB, id: number): Person | undefined {
  const r = stmt(db, `SELECT p.*, EXISTS (SELECT 1 FROM stamp_images s WHERE s.person_id = p.id) AS has_signature FROM people p WHERE p.id = ?`).get(id) as PersonRow | undefined;
  return r && toPerson(r);
}

export function findPerson(db: DB, fullName: string, position: string): Person | undefined {
  const r = stmt(db, `SELECT p.*, 0 AS has_signature FROM people p WHERE full_name = ? AND position = ?`).get(fullName, position) as PersonRow | undefined;
  return r && toPerson(r);
}

export function insertPerson(db: DB, p: { fullName: string; position: string; organizationId?: number }, now: string): Person {
  const info = stmt(db, 'INSERT INTO people (full_name, position, organization_id, sort_key, created_at) VALUES (?, ?, ?, ?, ?)').run(
    p.fullName,
    p.position,
    p.organizationId ?? null,
    vietnameseSortKey(p.fullName),
    now,
  );
  return { id: Number(info.lastInsertRowid), fullName: p.fullName, position: p.position, organizationId: p.organizationId ?? null, hasSignature: false };
}

interface StampRow {
  kind: 'signature' | 'seal';
  person_id: number | null;
  organization_id: number | null;
  owner_name: string;
  width_px: number;
  height_px: number;
  width_mm: number;
  updated_at: string;
}

const toStamp = (r: StampRow): StampInfo => ({
  kind: r.kind,
  personId: r.person_id,
  organizationId: r.organization_id,
  ownerName: r.owner_name,
  widthPx: r.width_px,
  heightPx: r.height_px,
  widthMm: r.width_mm,
  updatedAt: r.updated_at,
});

const STAMP_SELECT = `
  SELECT s.kind, s.person_id, s.organization_id, COALESCE(p.full_name, o.name) AS owner_name, s.width_px, s.height_px, s.width_mm, s.updated_at
  FROM stamp_images s LEFT JOIN people p ON p.id = s.person_id LEFT JOIN organizations o ON o.id = s.organization_id`;

export function listStamps(db: DB): StampInfo[] {
  return (stmt(db, `${STAMP_SELECT} ORDER BY s.kind DESC, owner_name`).all() as StampRow[]).map(toStamp);
}

export function stampPng(db: DB, owner: { personId?: number; organizationId?: number }): { png: Uint8Array; widthMm: number } | undefined {
  const r = (owner.personId !== undefined
    ? stmt(db, 'SELECT png, width_mm FROM stamp_images WHERE person_id = ?').get(owner.personId)
    : stmt(db, 'SELECT png, width_mm FROM stamp_images WHERE organization_id = ?').get(owner.organizationId)) as { png: Uint8Array; width_mm: number } | undefined;
  return r && { png: r.png, widthMm: r.width_mm };
}

export function upsertStamp(
  db: DB,
  s: { kind: 'signature' | 'seal'; personId?: number; organizationId?: number; png: Uint8Array; widthPx: number; heightPx: number; widthMm: number },
  now: string,
): void {
  const conflict = s.kind === 'signature' ? 'person_id' : 'organization_id';
  stmt(
    db,
    `INSERT INTO stamp_images (kind, person_id, organization_id, png, width_px, height_px, width_mm, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (${conflict}) DO UPDATE SET png = excluded.png, width_px = excluded.width_px, height_px = excluded.height_px,
       width_mm = excluded.width_mm, updated_at = excluded.updated_at`,
  ).run(s.kind, s.personId ?? null, s.organizationId ?? null, s.png, s.widthPx, s.heightPx, s.widthMm, now);
}

export function deleteStamp(db: DB, owner: { personId?: number; organizationId?: number }): boolean {
  const r =
    owner.personId !== undefined
      ? stmt(db, 'DELETE FROM stamp_images WHERE person_id = ?').run(owner.personId)
      : stmt(db, 'DELETE FROM stamp_images WHERE organization_id = ?').run(owner.organizationId);
  return r.changes > 0;
}

// ——— verification results per stored file ———

export function saveBlobSignatures(db: DB, sha256: string, status: SignatureStatus | null, reports: SignatureReport[], now: string): void {
  if (status === null) {
    stmt(db, 'DELETE FROM blob_signatures WHERE sha256 = ?').run(sha256);
    return;
  }
  stmt(
    db,
    `INSERT INTO blob_signatures (sha256, status, count, report, checked_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (sha256) DO UPDATE SET status = excluded.status, count = excluded.count, report = excluded.report, checked_at = excluded.checked_at`,
  ).run(sha256, status, reports.length, JSON.stringify(reports), now);
}

/** The signature image of the person with this name (the leader signing in the workflow), if one was set. */
export function signatureImageOf(db: DB, fullName: string): { png: Uint8Array; widthMm: number } | undefined {
  const r = stmt(db, 'SELECT s.png, s.width_mm FROM stamp_images s JOIN people p ON p.id = s.person_id WHERE p.full_name = ? ORDER BY p.id LIMIT 1').get(
    fullName.normalize('NFC'),
  ) as { png: Uint8Array; width_mm: number } | undefined;
  return r && { png: r.png, widthMm: r.width_mm };
}

/** The seals on file, with their organisations' names (the issuing organ's seal is picked from these). */
export function seals(db: DB): { organizationId: number; name: string; png: Uint8Array; widthMm: number }[] {
  return (
    stmt(db, `SELECT s.organization_id, o.name, s.png, s.width_mm FROM stamp_images s JOIN organizations o ON o.id = s.organization_id WHERE s.kind = 'seal' ORDER BY o.id`).all() as {
      organization_id: number;
      name: string;
      png: Uint8Array;
      width_mm: number;
    }[]
  ).map((r) => ({ organizationId: r.organization_id, name: r.name, png: r.png, widthMm: r.width_mm }));
}
