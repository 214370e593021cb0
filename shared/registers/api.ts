import { method, type MethodTable } from '../api/define';
import type { registersAccess } from './access';
import { exportRegisterBookInput, type ExportedFile } from './schemas';

export const registersMethods = {
  'registerBook.export': method<typeof exportRegisterBookInput, ExportedFile>(exportRegisterBookInput),
} satisfies MethodTable<typeof registersAccess>;
