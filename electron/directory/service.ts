import { AppError } from '../../shared/api/result';
import type { AppContext } from '../app/context';
import type { Organization, RegisterBook } from '../../shared/directory/schemas';
import type { MethodParsed } from '../../shared/api/contract';
import * as repo from './repo';
import { immediate } from '../db/connection';
import { audit } from '../audit/record';

export function listOrganizations(app: AppContext, input: MethodParsed<'organizations.list'>): Organization[] {
  return repo.listOrganizations(app.db, input.query, input.limit);
}

export function createOrganization(app: AppContext, input: MethodParsed<'organizations.create'>): Organization {
  if (repo.findOrganizationByName(app.db, input.name)) {
    throw new AppError('DUPLICATE', `Cơ quan «${input.name}» đã có trong danh bạ.`, { field: 'name' });
  }
  if (input.organId && repo.organizationByOrganId(app.db, input.organId)) {
    throw new AppError('DUPLICATE', `Mã định danh ${input.organId} đã được dùng cho cơ quan khác.`, { field: 'organId' });
  }
  return immediate(app.db, () => {
    const o = repo.insertOrganization(app.db, input, app.nowIso());
    audit(app, 'organization.create', 'organization', o.id, { name: o.name });
    return o;
  });
}

/** The sending organisation of an incoming document: picked from the directory, or added to it. */
export function findOrCreateOrganization(app: AppContext, name: string): Organization {
  return repo.findOrganizationByName(app.db, name) ?? repo.insertOrganization(app.db, { name }, app.nowIso());
}

export function listBooks(app: AppContext, input: MethodParsed<'books.list'>): RegisterBook[] {
  return repo.listBooks(app.db, input.kind);
}

export function createBook(app: AppContext, input: MethodParsed<'books.create'>): RegisterBook {
  if (repo.findBook(app.db, input.kind, input.name)) {
    throw new AppError('DUPLICATE', `Sổ «${input.name}» đã có.`, { field: 'name' });
  }
  return immediate(app.db, () => {
    const b = repo.insertBook(app.db, input, app.nowIso());
    audit(app, 'book.create', 'book', b.id, { name: b.name, kind: b.kind, numbering: b.numbering });
    return b;
  });
}

export function requireBook(app: AppContext, kind: 'incoming' | 'outgoing', name: string | undefined): RegisterBook {
  const book = repo.findBook(app.db, kind, name);
  if (!book) {
    const known = repo.listBooks(app.db, kind).map((b) => `«${b.name}»`).join(', ');
    throw new AppError('NOT_FOUND', `Không có sổ «${name ?? ''}». Các sổ hiện có: ${known}.`, { field: 'book' });
  }
  return book;
}
