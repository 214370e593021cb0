import { empty, idInput, method, type MethodTable } from '../api/define';
import type { unitsAccess } from './access';
import { saveSecrecyInput, saveUnitInput, type SecrecySettings, type UnitInfo } from './schemas';

export const unitsMethods = {
  'units.list': method<typeof empty, UnitInfo[]>(empty),
  'units.save': method<typeof saveUnitInput, UnitInfo>(saveUnitInput),
  'units.secrecy': method<typeof empty, SecrecySettings>(empty),
  'units.saveSecrecy': method<typeof saveSecrecyInput, SecrecySettings>(saveSecrecyInput),
  'units.remove': method<typeof idInput, { removed: true }>(idInput),
} satisfies MethodTable<typeof unitsAccess>;
