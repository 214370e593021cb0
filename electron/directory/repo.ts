import { stmt, type DB } from '../db/connection';
import type { Organization, RegisterBook, BookKind } from '../../shared/directory/schemas';
import { foldVietnamese } from '../../shared/text/fold';
import { vietnameseSortKey } from '../../shared/text/collate';

/** SQL for the directory of organisations and for register books. */
interface OrgRow {
  id: number;
  name: string;
  short_name: string | null;
  organ_id: string | null;
  address: string | null;
  email: string | null;
  parent_id: number | null;
  incoming_count?: number;
}

const toOrg = (r: OrgRow): Organization => ({
  id: r.id,
  name: r.name,
  shortName: r.short_name,
  organId: r.organ_id,
  address: r.address,
  email: r.email,
  parentId: r.parent_id,
  incomingCount: r.incoming_count ?? 0,
});

export function folded(name: string): string {
  return foldVietnamese(name).replace(/\s+/g, ' ').trim();
}

export function findOrganizationByName(db: DB, name: string): Organization | undefined {
  const r = stmt(db, 'SELECT * FROM organizations WHERE name_folded = ?').get(folded(name)) as OrgRow | undefined;
  return r && toOrg(r);
}

export function insertOrganization(
  db: DB,
  o: { name: string; shortName?: string | null; organId?: string | null; address?: string | null; email?: string | null; parentId?: number | null },
  now: string,
): Organization {
  const info = stmt(db, 
      `INSERT INTO organizations (name, name_folded, sort_key, short_name, organ_id, address, email, parent_id, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(o.name, folded(o.name), vietnameseSortKey(o.name), o.shortName ?? null, o.organId ?? null, o.address ?? null, o.email ?? null, o.parentId ?? null, now);
  return getOrganization(db, Number(info.lastInsertRowid))!;
}

export function updateOrganization(db: DB, id: number, o: { shortName?: string | null; organId?: string | null; address?: string | null; email?: string | null; parentId?: number | null }): void {
  stmt(db,
    `UPDATE organizations SET short_name = coalesce(?, short_name), organ_id = coalesce(?, organ_id), address = coalesce(?, address),
       email = coalesce(?, email), parent_id = coalesce(?, parent_id) WHERE id = ?`,
  ).run(o.shortName ?? null, o.organId ?? null, o.address ?? null, o.email ?? null, o.parentId ?? null, id);
}

export function getOrganization(db: DB, id: number): Organization | undefined {
  const r = stmt(db, 'SELECT * FROM organizations WHERE id = ?').get(id) as OrgRow | undefined;
  return r && toOrg(r);
}

export function organizationByOrganId(db: DB, organId: string): Organization | undefined {
  const r = stmt(db, 'SELECT * FROM organizations WHERE organ_id = ?').get(organId) as OrgRow | undefined;
  return r && toOrg(r);
}

/** Organisations matching a folded prefix/substring, most used first, then in Vietnamese order. */
export function listOrganizations(db: DB, query: string | undefined, limit: number): Organization[] {
  const q = query ? `%${folded(query).replace(/[%_\\]/g, (c) => `\\${c}`)}%` : '%';
  const rows = stmt(db, 
      `SELECT o.*, (SELECT COUNT(*) FROM incoming_docs d WHERE d.sender_id = o.id) AS incoming_count
       FROM organizations o
       WHERE o.name_folded LIKE ? ESCAPE '\\' OR lower(coalesce(o.short_name, '')) LIKE ? ESCAPE '\\'
       ORDER BY o.sort_key LIMIT ?`,
    )
    .all(q, q, limit) as OrgRow[];
  return rows.map(toOrg);
}

interface BookRow {
  id: number;
  kind: BookKind;
  name: string;
  secret: number;
  is_default: number;
  numbering: 'year' | 'term';
  term_start: string | null;
  term_end: string | null;
  per_type: number;
}
const toBook = (r: BookRow): RegisterBook => ({
  id: r.id,
  kind: r.kind,
  name: r.name,
  secret: r.secret === 1,
  isDefault: r.is_default === 1,
  numbering: r.numbering,
  termStart: r.term_start,
  termEnd: r.term_end,
  perType: r.per_type === 1,
});

export function listBooks(db: DB, kind?: BookKind): RegisterBook[] {
  const rows = (
    kind
      ? stmt(db, 'SELECT * FROM register_books WHERE kind = ? ORDER BY is_default DESC, id').all(kind)
      : stmt(db, 'SELECT * FROM register_books ORDER BY kind, is_default DESC, id').all()
  ) as BookRow[];
  return rows.map(toBook);
}

export function findBook(db: DB, kind: BookKind, name: string | undefined): RegisterBook | undefined {
  const r = (
    name
      ? stmt(db, 'SELECT * FROM register_books WHERE kind = ? AND name = ?').get(kind, name.normalize('NFC'))
      : stmt(db, 'SELECT * FROM register_books WHERE kind = ? AND is_default = 1').get(kind)
  ) as BookRow | undefined;
  return r && toBook(r);
}

export function insertBook(
  db: DB,
  b: { kind: BookKind; name: string; secret: boolean; numbering?: 'year' | 'term'; termStart?: string; termEnd?: string; perType?: boolean },
  now: string,
): RegisterBook {
  const info = stmt(db, 'INSERT INTO register_books (kind, name, secret, is_default, numbering, term_start, term_end, per_type, created_at) VALUES (?, ?, ?, 0, ?, ?, ?, ?, ?)')
    .run(b.kind, b.name, b.secret ? 1 : 0, b.numbering ?? 'year', b.termStart ?? null, b.termEnd ?? null, b.perType ? 1 : 0, now);
  return toBook(stmt(db, 'SELECT * FROM register_books WHERE id = ?').get(info.lastInsertRowid) as BookRow);
}
