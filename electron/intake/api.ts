import type { intakeMethods } from '../../shared/intake/api';
import type { HandlersOf } from '../app/handler';
import * as service from './service';

export const intakeHandlers = {
  'intake.extract': service.extract,
  'intake.progress': service.progress,
  'intake.cancel': service.cancel,
} satisfies HandlersOf<typeof intakeMethods>;
