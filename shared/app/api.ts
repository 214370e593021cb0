import { empty, method, type MethodTable } from '../api/define';
import type { appAccess } from './access';

export interface AppInfo {
  version: string;
  dataDir: string;
  schemaVersion: number;
  today: string;
  maxFileBytes: number;
}

export const appMethods = {
  'app.info': method<typeof empty, AppInfo>(empty),
} satisfies MethodTable<typeof appAccess>;
