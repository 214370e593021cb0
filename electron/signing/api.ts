import type { signingMethods } from '../../shared/signing/api';
import type { HandlersOf } from '../app/handler';
import { readReferencedBlob } from '../attachments/read';
import { listPeople, listStamps, listTrusted } from './repo';
import * as signing from './service';

export const signingHandlers = {
  'signing.sign': signing.signPdf,
  'signing.verify': (app, input) => signing.verify(app, input.pdf),
  'signing.tokens': signing.listTokens,
  'signing.settings': signing.settings,
  'signing.saveSettings': signing.saveSettings,
  'attachments.signatures': (app, input) => signing.verify(app, readReferencedBlob(app, input.sha256)),
  'trust.list': (app) => listTrusted(app.db),
  'trust.add': signing.addTrusted,
  'trust.remove': (app, input) => signing.removeTrusted(app, input.id),
  'people.list': (app) => listPeople(app.db),
  'people.create': signing.createPerson,
  'stamps.list': (app) => listStamps(app.db),
  'stamps.set': signing.setStamp,
  'stamps.image': signing.stampImage,
  'stamps.remove': signing.removeStamp,
} satisfies HandlersOf<typeof signingMethods>;
