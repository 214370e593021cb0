import type { auditMethods } from '../../shared/audit/api';
import type { HandlersOf } from '../app/handler';
import * as auditService from './service';

export const auditHandlers = {
  'audit.list': auditService.list,
  'audit.verify': (app) => auditService.verify(app),
} satisfies HandlersOf<typeof auditMethods>;
