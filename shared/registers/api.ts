import { method, type MethodTable } from '../api/define';
import type { registersAccess } from './access';
import { exportRegisterBookInput, type ExportedFile } from './schemas';
import { processingSheetInput, type PrintedFile } from '../incoming/print';

export const registersMethods = {
  'registerBook.export': method<typeof exportRegisterBookInput, ExportedFile>(exportRegisterBookInput),
  /** Phiếu giải quyết văn bản đến (ND30 Phụ lục IV) of one incoming document: printed like the books, hence here. */
  'incoming.processingSheet': method<typeof processingSheetInput, PrintedFile>(processingSheetInput),
} satisfies MethodTable<typeof registersAccess>;
