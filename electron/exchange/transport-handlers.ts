import type { transportMethods } from '../../shared/exchange/transport-api';
import type { HandlersOf, Handler } from '../app/handler';
import { requireCaller } from '../app/caller';
import { audit } from '../audit/record';
import { immediate } from '../db/connection';
import { requireOutgoing } from '../outgoing/service';
import { incomingScope, outgoingScope } from '../scope/repo';
import { viewerOf } from '../scope/viewer';
import { queueStatus, resend, statusPackage } from './outbox';
import { runPass } from './runner';
import { exchangeSettings, storeExchangeSettings } from './settings-repo';
import { recipientStatuses } from './status-repo';
import { sendOutgoing } from './transport-send';
import * as repo from './transport-repo';

const strip = <T extends { sha256?: unknown }>(m: T): Omit<T, 'sha256'> => {
  const { sha256: _s, ...rest } = m;
  return rest;
};

export const transportHandlers = {
  'exchange.run': (app, _input, session) => runPass(app, session),
  'exchange.list': (app, input) => {
    // Only the messages about records the caller may read (a secret document's only for who reads secrets).
    const v = viewerOf(app);
    const scope = { outgoing: outgoingScope(v, 'g'), incoming: incomingScope(v, 'd') };
    return repo.listMessages(app.db, { state: input.state, problems: input.view === 'problems', direction: input.direction, limit: input.limit, scope }).map(strip);
  },
  'exchange.resend': (app, input) => strip(resend(app, input.id)),
  'exchange.settings': (app) => exchangeSettings(app),
  'exchange.saveSettings': (app, input) => {
    immediate(app.db, () => {
      storeExchangeSettings(app, input);
      const { smtp, ...rest } = input;
      // Never the password: whether one was given, and the server.
      audit(app, 'exchange.settings', 'settings', null, { ...rest, ...(smtp !== undefined ? { smtp: smtp && { host: smtp.host, port: smtp.port, security: smtp.security, user: smtp.user, from: smtp.from, password: smtp.password === undefined ? 'giữ nguyên' : smtp.password ? 'đổi' : 'xóa' } } : {}) });
    });
    return exchangeSettings(app);
  },
  'exchange.statuses': (app, input) => {
    requireOutgoing(app, input.outgoingId); // the record's read scope
    return recipientStatuses(app.db, input.outgoingId);
  },
  'exchange.statusPackage': (app, input) => {
    requireCaller();
    const p = statusPackage(app, input);
    immediate(app.db, () => audit(app, 'exchange.statusExport', 'incoming', input.incomingId, { code: input.code, to: p.to, documentId: p.documentId }));
    return { bytes: p.bytes, fileName: p.fileName, messageId: p.messageId, documentId: p.documentId, to: p.to };
  },
  'exchange.sendStatus': (app, input) => strip(repo.getMessage(app.db, queueStatus(app, input))!),
} satisfies HandlersOf<typeof transportMethods>;

/** `outgoing.send` with the edXML and e-mail sends queued for real; merged after the outgoing domain's handlers. */
export const sendingHandlers: { 'outgoing.send': Handler<'outgoing.send'> } = {
  'outgoing.send': (app, input, session) => sendOutgoing(app, input, session),
};
