import type { settingsMethods } from '../../shared/settings/api';
import type { HandlersOf } from '../app/handler';
import * as service from './service';

export const settingsHandlers = {
  'settings.organisation': (app) => service.organisationSettings(app),
  'settings.saveOrganisation': service.saveOrganisation,
  'settings.stamps': (app) => service.stamps(app),
  'settings.stampImage': service.stampImage,
  'settings.setStamp': service.setStamp,
  'settings.removeStamp': service.removeStamp,
} satisfies HandlersOf<typeof settingsMethods>;
