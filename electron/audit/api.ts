import type { auditMethods } from '../../shared/audit/api';
import type { HandlersOf } from '../app/handler';
import { auditHead } from './repo';
import * as auditService from './service';

export const auditHandlers = {
  'audit.list': auditService.list,
  'audit.verify': (app) => auditService.verify(app),
  'audit.head': (app) => auditHead(app.db),
} satisfies HandlersOf<typeof auditMethods>;
