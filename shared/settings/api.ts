import { empty, method, type MethodTable } from '../api/define';
import type { settingsAccess } from './access';
import { saveOrganisationInput, setOfficeStampInput, stampOwnerInput, type AccountStamp, type OrganisationSettings, type StampMeta } from './schemas';

export const settingsMethods = {
  'settings.organisation': method<typeof empty, OrganisationSettings>(empty),
  'settings.saveOrganisation': method<typeof saveOrganisationInput, OrganisationSettings>(saveOrganisationInput),
  'settings.stamps': method<typeof empty, { seal: StampMeta | null; accounts: AccountStamp[] }>(empty),
  'settings.stampImage': method<typeof stampOwnerInput, { png: Uint8Array }>(stampOwnerInput),
  'settings.setStamp': method<typeof setOfficeStampInput, StampMeta>(setOfficeStampInput),
  'settings.removeStamp': method<typeof stampOwnerInput, { deleted: true }>(stampOwnerInput),
} satisfies MethodTable<typeof settingsAccess>;
