import type { attachmentsMethods } from '../../shared/attachments/api';
import type { HandlersOf } from '../app/handler';
import { readReferencedBlob, readReferencedText } from './read';

export const attachmentsHandlers = {
  'attachments.content': (app, input) => readReferencedBlob(app, input.sha256),
  'attachments.text': (app, input) => readReferencedText(app, input.sha256),
} satisfies HandlersOf<typeof attachmentsMethods>;
