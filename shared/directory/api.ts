import { method, type MethodTable } from '../api/define';
import type { directoryAccess } from './access';
import * as s from './schemas';

export const directoryMethods = {
  'books.list': method<typeof s.listBooksInput, s.RegisterBook[]>(s.listBooksInput),
  'books.create': method<typeof s.createBookInput, s.RegisterBook>(s.createBookInput),
  'organizations.list': method<typeof s.listOrganizationsInput, s.Organization[]>(s.listOrganizationsInput),
  'organizations.create': method<typeof s.createOrganizationInput, s.Organization>(s.createOrganizationInput),
} satisfies MethodTable<typeof directoryAccess>;
