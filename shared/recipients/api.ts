import { empty, idInput, method, type MethodTable } from '../api/define';
import type { recipientsAccess } from './access';
import {
  importDirectoryInput,
  resolveListInput,
  saveGroupInput,
  saveListInput,
  type DirectoryImportReport,
  type RecipientGroup,
  type RecipientList,
  type ResolvedEntry,
} from './schemas';

export const recipientsMethods = {
  'recipients.groups': method<typeof empty, RecipientGroup[]>(empty),
  'recipients.saveGroup': method<typeof saveGroupInput, RecipientGroup>(saveGroupInput),
  'recipients.lists': method<typeof empty, RecipientList[]>(empty),
  'recipients.saveList': method<typeof saveListInput, RecipientList>(saveListInput),
  'recipients.deleteList': method<typeof idInput, { deleted: true }>(idInput),
  'recipients.resolve': method<typeof resolveListInput, ResolvedEntry[]>(resolveListInput),
  'recipients.import': method<typeof importDirectoryInput, DirectoryImportReport>(importDirectoryInput),
} satisfies MethodTable<typeof recipientsAccess>;
