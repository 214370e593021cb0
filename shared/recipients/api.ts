import { empty, idInput, method, type MethodTable } from '../api/define';
import type { recipientsAccess } from './access';
import * as s from './schemas';

export const recipientsMethods = {
  'recipients.groups': method<typeof empty, s.RecipientGroup[]>(empty),
  'recipients.saveGroup': method<typeof s.saveGroupInput, s.RecipientGroup>(s.saveGroupInput),
  'recipients.lists': method<typeof empty, s.RecipientList[]>(empty),
  'recipients.saveList': method<typeof s.saveListInput, s.RecipientList>(s.saveListInput),
  'recipients.deleteList': method<typeof idInput, { deleted: true }>(idInput),
  'recipients.resolve': method<typeof s.resolveListInput, s.ResolvedEntry[]>(s.resolveListInput),
  'recipients.import': method<typeof s.importDirectoryInput, s.DirectoryImportReport>(s.importDirectoryInput),
} satisfies MethodTable<typeof recipientsAccess>;
