import { method, type MethodTable } from '../api/define';
import type { directoryAccess } from './access';
import {
  createBookInput,
  createOrganizationInput,
  listBooksInput,
  listOrganizationsInput,
  type Organization,
  type RegisterBook,
} from './schemas';

export const directoryMethods = {
  'books.list': method<typeof listBooksInput, RegisterBook[]>(listBooksInput),
  'books.create': method<typeof createBookInput, RegisterBook>(createBookInput),
  'organizations.list': method<typeof listOrganizationsInput, Organization[]>(listOrganizationsInput),
  'organizations.create': method<typeof createOrganizationInput, Organization>(createOrganizationInput),
} satisfies MethodTable<typeof directoryAccess>;
