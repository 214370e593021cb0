import type { directoryMethods } from '../../shared/directory/api';
import type { HandlersOf } from '../app/handler';
import * as directory from './service';

export const directoryHandlers = {
  'books.list': directory.listBooks,
  'books.create': directory.createBook,
  'organizations.list': directory.listOrganizations,
  'organizations.create': directory.createOrganization,
} satisfies HandlersOf<typeof directoryMethods>;
