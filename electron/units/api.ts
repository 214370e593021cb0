import type { unitsMethods } from '../../shared/units/api';
import type { HandlersOf } from '../app/handler';
import * as service from './service';

export const unitsHandlers = {
  'units.list': (app) => service.listUnits(app),
  'units.save': service.saveUnit,
  'units.secrecy': (app) => service.secrecySettings(app),
  'units.saveSecrecy': service.saveSecrecy,
  'units.remove': (app, input) => service.removeUnit(app, input.id),
} satisfies HandlersOf<typeof unitsMethods>;
