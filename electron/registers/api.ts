import type { registersMethods } from '../../shared/registers/api';
import type { HandlersOf } from '../app/handler';
import { exportIncomingBook } from './incoming-book';
import { exportFollowUpBook, exportOutgoingBook } from './outgoing-book';
import { processingSheet } from './processing-sheet';

export const registersHandlers = {
  'registerBook.export': (app, input) =>
    input.kind === 'outgoing' ? exportOutgoingBook(app, input) : input.kind === 'followup' ? exportFollowUpBook(app, input) : exportIncomingBook(app, input),
  'incoming.processingSheet': processingSheet,
} satisfies HandlersOf<typeof registersMethods>;
