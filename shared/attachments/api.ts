import { method, sha256Input, type MethodTable } from '../api/define';
import type { attachmentsAccess } from './access';
import type { AttachmentText } from './schemas';

export const attachmentsMethods = {
  'attachments.content': method<typeof sha256Input, Uint8Array>(sha256Input),
  'attachments.text': method<typeof sha256Input, AttachmentText>(sha256Input),
} satisfies MethodTable<typeof attachmentsAccess>;
