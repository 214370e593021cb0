import type { recipientsMethods } from '../../shared/recipients/api';
import type { HandlersOf } from '../app/handler';
import { listGroups, listLists } from './repo';
import * as recipients from './service';

export const recipientsHandlers = {
  'recipients.groups': (app) => listGroups(app.db),
  'recipients.saveGroup': recipients.saveGroup,
  'recipients.lists': (app) => listLists(app.db),
  'recipients.saveList': recipients.saveList,
  'recipients.deleteList': (app, input) => recipients.deleteList(app, input.id),
  'recipients.resolve': (app, input) => recipients.resolveList(app, input.id),
  'recipients.import': recipients.importDirectory,
} satisfies HandlersOf<typeof recipientsMethods>;
