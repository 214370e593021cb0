import { method, sha256Input, type MethodTable } from '../api/define';
import type { attachmentsAccess } from './access';

export const attachmentsMethods = {
  'attachments.content': method<typeof sha256Input, Uint8Array>(sha256Input),
} satisfies MethodTable<typeof attachmentsAccess>;
