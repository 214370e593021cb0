import { AppError } from '../../shared/api/result';
import type { edxmlMethods } from '../../shared/exchange/edxml-api';
import type { HandlersOf } from '../app/handler';
import { incomingVisible } from '../scope/repo';
import { viewerOf } from '../scope/viewer';
import { withKeyFor } from '../signing/service';
import { buildDocumentPackage } from './edxml-export';
import { importDocumentPackage, receivedFacts } from './edxml-import';

/** The edXML document methods (issue 18): export an issued document, import a received package, how a record arrived. */
export const edxmlHandlers = {
  'exchange.exportEdxml': (app, input, session) =>
    withKeyFor(app, input.key, `Ký gói edXML văn bản đi #${input.id}`, (key) =>
      buildDocumentPackage(app, session, { outgoingId: input.id, to: input.to, business: input.business, reason: input.reason, key, attachments: input.attachments, replaces: input.replaces }),
    ).then(({ bytes, ...rest }) => ({ ...rest, bytes })),
  'exchange.importEdxml': (app, input, session) => importDocumentPackage(app, session, input.data, { fileName: input.fileName }),
  'exchange.receivedFacts': (app, input) => {
    if (!incomingVisible(app.db, input.id, viewerOf(app))) throw new AppError('NOT_FOUND', 'Không có văn bản đến này.', { field: 'id' });
    return receivedFacts(app, input.id);
  },
} satisfies HandlersOf<typeof edxmlMethods>;
